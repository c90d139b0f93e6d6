#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "guidegraph/read_file.hpp"
#include "guidegraph/site.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph {
namespace {

TaxonomyRole roleFor(const std::string& singular, const std::string& plural) {
  for (const auto& name : {singular, plural}) {
    if (name == "country" || name == "countries") return TaxonomyRole::Country;
    if (name == "contributor" || name == "contributors" || name == "author" || name == "authors")
      return TaxonomyRole::Contributor;
    if (name == "category" || name == "categories") return TaxonomyRole::Category;
    if (name == "tag" || name == "tags") return TaxonomyRole::Tag;
  }
  return TaxonomyRole::Other;
}

std::string scalarOr(const FmValue* v, std::string fallback) {
  return v && v->isScalar() ? v->scalar : std::move(fallback);
}

std::string fileBase(const std::string& contentPath) {
  const std::filesystem::path p(contentPath);
  return p.stem().string();
}

// The year/month/day of a front matter date ("2023-11-02", "2023-11-02T10:00:00Z").
std::string datePart(const FmValue& fm, std::size_t from, std::size_t len) {
  const std::string d = scalarOr(fm.get("date"), "");
  return d.size() >= from + len ? d.substr(from, len) : std::string();
}

std::string expandPattern(const std::string& pattern, const std::string& contentPath,
                          const std::string& section, const std::string& sections,
                          const std::string& slug, const FmValue& fm) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != ':') {
      out += pattern[i++];
      continue;
    }
    std::size_t j = i + 1;
    while (j < pattern.size() && std::isalpha(static_cast<unsigned char>(pattern[j]))) ++j;
    const std::string token = pattern.substr(i + 1, j - i - 1);
    if (token == "slug")
      out += slug;
    else if (token == "title")
      out += text::urlize(scalarOr(fm.get("title"), slug));
    else if (token == "filename" || token == "contentbasename")
      out += fileBase(contentPath);
    else if (token == "section")
      out += section;
    else if (token == "sections")
      out += sections;
    else if (token == "year")
      out += datePart(fm, 0, 4);
    else if (token == "month")
      out += datePart(fm, 5, 2);
    else if (token == "day")
      out += datePart(fm, 8, 2);
    else
      out += pattern.substr(i, j - i);
    i = j;
  }
  return out;
}

// A URL path as Hugo serves it: rooted, with a trailing slash unless it names a file, and
// with "." and ".." segments resolved so that no page lands outside the site.
std::string withSlashes(std::string path) {
  if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');
  path = text::normalizePath(path);
  const bool hasExtension = path.find('.', path.rfind('/')) != std::string::npos;
  if (path.back() != '/' && !hasExtension) path += '/';
  return path;
}

}  // namespace

SiteConfig loadSiteConfig(const std::string& siteDir, Diagnostics& diags) {
  namespace fs = std::filesystem;
  SiteConfig config;
  config.taxonomies = {{"category", "categories", TaxonomyRole::Category},
                       {"tag", "tags", TaxonomyRole::Tag}};
  static const std::pair<const char*, FrontMatterFormat> kCandidates[] = {
      {"hugo.toml", FrontMatterFormat::Toml},   {"hugo.yaml", FrontMatterFormat::Yaml},
      {"hugo.json", FrontMatterFormat::Json},   {"config.toml", FrontMatterFormat::Toml},
      {"config.yaml", FrontMatterFormat::Yaml}, {"config.json", FrontMatterFormat::Json}};
  FmValue root;
  for (const auto& [name, format] : kCandidates) {
    const fs::path p = fs::path(siteDir) / name;
    if (!fs::is_regular_file(p)) continue;
    config.configFile = name;
    root = parseDataDocument(name, readFile(p.string()).value_or(""), format, diags);
    break;
  }
  if (config.configFile.empty()) {
    diags.add(Severity::Error, {siteDir, 0, 0}, "no-site-config",
              "no hugo.toml or config.toml in '" + siteDir +
                  "'; is this a Hugo site? Pass the folder that holds the site configuration");
  }
  if (const FmValue* params = root.get("params")) config.params = *params;
  config.baseUrl = scalarOr(root.get("baseURL"), scalarOr(root.get("baseurl"), ""));
  config.title = scalarOr(root.get("title"), "");
  config.languageCode = scalarOr(root.get("languageCode"), "");
  if (const FmValue* tax = root.get("taxonomies"); tax && tax->isMap()) {
    config.taxonomies.clear();
    for (const auto& e : tax->entries) {
      if (!e.value.isScalar()) continue;
      config.taxonomies.push_back({e.key, e.value.scalar, roleFor(e.key, e.value.scalar)});
    }
  }
  if (const FmValue* perma = root.get("permalinks"); perma && perma->isMap()) {
    for (const auto& e : perma->entries) {
      if (e.value.isScalar()) config.permalinks[e.key] = e.value.scalar;
    }
  }
  if (const FmValue* module = root.get("module"); module && module->isMap()) {
    if (const FmValue* mounts = module->get("mounts"); mounts && mounts->isList()) {
      for (const auto& m : mounts->items) {
        const std::string source = scalarOr(m.get("source"), "");
        const std::string target = scalarOr(m.get("target"), "");
        if (source.starts_with("content/") && target.starts_with("content/")) {
          config.contentMounts.emplace_back(source.substr(8), target.substr(8));
        }
      }
    }
  }
  if (const FmValue* params = root.get("params"); params && params->isMap()) {
    if (const FmValue* gg = params->get("guidegraph"); gg && gg->isMap()) {
      config.guidesSection = scalarOr(gg->get("guides"), config.guidesSection);
      config.sourcesSection = scalarOr(gg->get("sources"), config.sourcesSection);
    }
  }
  if (config.baseUrl.empty()) config.baseUrl = "http://localhost/";
  if (config.baseUrl.back() != '/') config.baseUrl += '/';
  return config;
}

std::string pageUrlPath(const SiteConfig& config, const std::string& contentPath,
                        const FmValue& fm) {
  namespace fs = std::filesystem;
  if (const FmValue* url = fm.get("url"); url && url->isScalar() && !url->scalar.empty()) {
    return withSlashes(url->scalar);
  }
  const fs::path p(contentPath);
  const std::string fileName = p.filename().string();
  const bool branch = fileName == "_index.md";
  const bool leafBundle = fileName == "index.md";
  std::string dir = p.parent_path().generic_string();
  std::string base;
  if (branch || leafBundle) {
    base = dir.empty() ? "" : fs::path(dir).filename().string();
    dir = dir.empty() ? "" : fs::path(dir).parent_path().generic_string();
  } else {
    base = p.stem().string();
  }
  if (branch && !dir.empty()) {
    // A taxonomy term page (content/<plural>/<term>/_index.md) follows [permalinks] of its
    // taxonomy, where Hugo's :slug is the page's `slug`, else its urlized title.
    if (const auto it = config.permalinks.find(dir); it != config.permalinks.end()) {
      const bool isTaxonomy = std::any_of(config.taxonomies.begin(), config.taxonomies.end(),
                                          [&](const Taxonomy& t) { return t.plural == dir; });
      if (isTaxonomy) {
        const std::string slug = scalarOr(fm.get("slug"), scalarOr(fm.get("title"), base));
        return withSlashes(
            text::urlize(expandPattern(it->second, contentPath, dir, dir, text::urlize(slug), fm)));
      }
    }
  }
  if (branch) {
    const std::string full = dir.empty() ? base : dir + "/" + base;
    return full.empty() ? "/" : withSlashes(text::urlize(full));
  }
  const std::string slug = scalarOr(fm.get("slug"), base);
  const std::string section = dir.substr(0, dir.find('/'));
  if (const auto it = config.permalinks.find(section); it != config.permalinks.end()) {
    return withSlashes(
        text::urlize(expandPattern(it->second, contentPath, section, dir, text::urlize(slug), fm)));
  }
  return withSlashes(text::urlize(dir.empty() ? slug : dir + "/" + slug));
}

std::string termUrlPath(const SiteConfig& config, const Taxonomy& taxonomy,
                        const std::string& term) {
  const std::string slug = text::urlize(term);
  if (const auto it = config.permalinks.find(taxonomy.plural); it != config.permalinks.end()) {
    FmValue none;
    return withSlashes(
        text::urlize(expandPattern(it->second, taxonomy.plural + "/" + slug + "/_index.md",
                                   taxonomy.plural, taxonomy.plural, slug, none)));
  }
  return withSlashes(text::urlize(taxonomy.plural) + "/" + slug);
}

}  // namespace guidegraph
