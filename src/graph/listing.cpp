// Every page Hugo builds, including those it makes without a content file: a language's
// home page, top-level sections, each taxonomy's page and the page of every term in use.
#include <algorithm>
#include <filesystem>
#include <set>

#include "guidegraph/site.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph {
namespace {

namespace fs = std::filesystem;

// Hugo's kind of a page with a content file.
std::string hugoKind(const SiteConfig& config, const Page& page) {
  if (page.kind == PageKind::Home) return "home";
  if (!page.branch) return "page";
  const std::string dir = fs::path(page.contentPath).parent_path().generic_string();
  for (const Taxonomy& tax : config.taxonomies) {
    if (dir == tax.plural) return "taxonomy";
    if (fs::path(dir).parent_path().generic_string() == tax.plural) return "term";
  }
  return "section";
}

const char* termKindName(TaxonomyRole role) {
  switch (role) {
    case TaxonomyRole::Country:
      return "country";
    case TaxonomyRole::Contributor:
      return "contributor";
    case TaxonomyRole::Category:
      return "category";
    case TaxonomyRole::Tag:
      return "tag";
    case TaxonomyRole::Other:
      break;
  }
  return "term";
}

}  // namespace

std::vector<ListedPage> listPages(const Site& site) {
  const SiteConfig& config = site.config;
  const auto disabled = [&](std::string_view kind) {
    return std::find(config.disableKinds.begin(), config.disableKinds.end(), kind) !=
           config.disableKinds.end();
  };
  std::vector<ListedPage> out;
  std::set<std::string> permalinks;
  for (const Page& page : site.pages) {
    if (page.unlisted || disabled(hugoKind(config, page))) continue;
    out.push_back({page.file, pageKindName(page.kind), page.language, page.draft, page.permalink});
    permalinks.insert(page.permalink);
  }
  // Hugo lists a page it does not render with an empty permalink.
  for (const Page& page : site.drafts) {
    if (page.unbuilt == Unbuilt::NotRendered)
      out.push_back({page.file, pageKindName(page.kind), page.language, page.draft, ""});
  }
  std::vector<ListedPage> made;
  const auto add = [&](std::string kind, const std::string& language, const std::string& path) {
    std::string permalink = permalinkFor(config, language, path);
    if (!permalinks.insert(permalink).second) return;
    made.push_back({"", std::move(kind), language, false, std::move(permalink)});
  };
  for (const Language& language : config.languages) {
    const std::string& lang = language.key;
    std::set<std::string> sections;
    std::set<std::string> branches;  // folders whose list page has a content file (_index)
    std::vector<const Page*> pages;
    for (const Page& page : site.pages) {
      if (page.language != lang) continue;
      pages.push_back(&page);
      if (page.branch) branches.insert(fs::path(page.contentPath).parent_path().generic_string());
      const auto slash = page.contentPath.find('/');
      if (slash == std::string::npos) continue;
      const std::string top = page.contentPath.substr(0, slash);
      const bool ownBundle = fs::path(page.contentPath).stem() == "index" &&
                             page.contentPath.find('/', slash + 1) == std::string::npos;
      const bool taxonomy = std::any_of(config.taxonomies.begin(), config.taxonomies.end(),
                                        [&](const Taxonomy& t) { return t.plural == top; });
      if (!ownBundle && !taxonomy) sections.insert(top);
    }
    if (!disabled("home")) add("home", lang, pageUrlPath(config, {"_index.md", lang, ""}, {}));
    if (!disabled("section")) {
      for (const auto& top : sections)
        if (!branches.count(top))
          add("section", lang, pageUrlPath(config, {top + "/_index.md", lang, top}, {}));
    }
    for (const Taxonomy& tax : config.taxonomies) {
      if (!disabled("taxonomy") && !branches.count(tax.plural))
        add("taxonomy", lang, taxonomyUrlPath(config, tax, lang));
      if (disabled("term")) continue;
      std::set<std::string> terms;
      for (const Page* page : pages) {
        const FmValue* v = page->fragment->frontMatter.getNoCase(tax.plural);
        if (!v) continue;
        const auto addTerm = [&](const FmValue& t) {
          if (t.isScalar() && !text::trim(t.scalar).empty())
            terms.insert(std::string(text::trim(t.scalar)));
        };
        addTerm(*v);
        for (const auto& item : v->items) addTerm(item);
      }
      for (const auto& term : terms)
        if (!branches.count(tax.plural + "/" + text::urlize(term, !config.disablePathToLower)))
          add(termKindName(tax.role), lang, termUrlPath(config, tax, term, lang));
    }
  }
  std::sort(out.begin(), out.end(), [](const ListedPage& a, const ListedPage& b) {
    return a.file != b.file ? a.file < b.file : a.permalink < b.permalink;
  });
  std::sort(made.begin(), made.end(), [](const ListedPage& a, const ListedPage& b) {
    return a.permalink != b.permalink ? a.permalink < b.permalink : a.language < b.language;
  });
  out.insert(out.end(), made.begin(), made.end());
  return out;
}

}  // namespace guidegraph
