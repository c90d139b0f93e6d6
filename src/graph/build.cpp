#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "guidegraph/site.hpp"
#include "guidegraph/text.hpp"
#include "guidegraph/threads.hpp"

namespace guidegraph {

const char* pageKindName(PageKind k) {
  switch (k) {
    case PageKind::Home:
      return "home";
    case PageKind::Section:
      return "section";
    case PageKind::Guide:
      return "guide";
    case PageKind::Source:
      return "source";
    case PageKind::Category:
      return "category";
    case PageKind::Country:
      return "country";
    case PageKind::Contributor:
      return "contributor";
    case PageKind::Tag:
      return "tag";
    case PageKind::Other:
      return "page";
  }
  return "page";
}

namespace {

namespace fs = std::filesystem;

struct ContentFile {
  std::string fsPath;
  std::string contentPath;  // logical path relative to content/ (after mounts), '/' separated
  std::string display;      // "content/" + the path on disk
};

std::string logicalPath(const SiteConfig& config, const std::string& rel) {
  for (const auto& [source, target] : config.contentMounts) {
    if (rel.starts_with(source + "/")) return target + rel.substr(source.size());
  }
  return rel;
}

std::vector<ContentFile> scanContent(const std::string& siteDir, const SiteConfig& config,
                                     const BuildOptions& options, Diagnostics& diags) {
  std::vector<ContentFile> files;
  const fs::path content = fs::path(siteDir) / "content";
  std::error_code ec;
  if (!fs::is_directory(content, ec)) {
    diags.add(Severity::Error, {siteDir, 0, 0}, "no-content",
              "no content/ folder in '" + siteDir + "'; guides and sources live in content/");
    return files;
  }
  const fs::path siteReal = fs::weakly_canonical(fs::path(siteDir), ec);
  fs::recursive_directory_iterator it(content, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string ext = p.extension().string();
    if (ext != ".md" && ext != ".markdown") continue;
    // Lexical: the walk does not follow links to folders, so every path lies under content/
    // (fs::relative resolves both paths on disk, several system calls per file).
    const std::string rel = p.lexically_relative(content).generic_string();
    const std::string display = "content/" + rel;
    std::error_code sec;
    if (it->is_symlink(sec)) {
      const fs::path target = fs::weakly_canonical(p, sec);
      if (sec) {
        diags.add(Severity::Error, {display, 0, 0}, "symlink-loop",
                  "symbolic link cannot be resolved (" + sec.message() +
                      "); point it at a file inside the site or remove it");
        continue;
      }
      const auto [a, b] =
          std::mismatch(siteReal.begin(), siteReal.end(), target.begin(), target.end());
      if (a != siteReal.end()) {
        diags.add(Severity::Error, {display, 0, 0}, "symlink-outside-site",
                  "symbolic link points outside the site (to '" + target.string() +
                      "'); copy the file into content/ instead");
        continue;
      }
    }
    if (it->is_directory(sec)) {
      // Hugo reads such a folder as a section, not as one page; so does the walk.
      diags.add(Severity::Warning, {display, 0, 0}, "folder-named-like-page",
                "a folder named like a page file; its files are read as a section, not as "
                "one page; rename the folder (without " +
                    ext + ") if that is not meant");
      continue;
    }
    if (!it->is_regular_file(sec)) {
      if (it->is_symlink(sec)) {
        std::error_code rec;
        const fs::path target = fs::read_symlink(p, rec);
        diags.add(Severity::Error, {display, 0, 0}, "broken-symlink",
                  "symbolic link points to '" + target.string() +
                      "', which does not exist; fix the link or remove it");
      } else {
        diags.add(Severity::Error, {display, 0, 0}, "not-a-file",
                  "not a regular file (a device, socket or pipe); replace it with a Markdown "
                  "file or remove it");
      }
      continue;
    }
    if (files.size() >= options.maxFiles) {
      diags.add(Severity::Error, {display, 0, 0}, "too-many-files",
                "more than " + std::to_string(options.maxFiles) +
                    " content files; the rest are skipped (raise --max-files)");
      break;
    }
    files.push_back({p.string(), logicalPath(config, rel), display});
  }
  if (ec) {
    diags.add(Severity::Error, {"content", 0, 0}, "scan-failed",
              "cannot read the content folder: " + ec.message());
  }
  std::sort(files.begin(), files.end(), [](const ContentFile& a, const ContentFile& b) {
    return a.contentPath < b.contentPath;
  });
  return files;
}

std::vector<std::shared_ptr<const PageFragment>> parseAll(const std::vector<ContentFile>& files,
                                                          const BuildOptions& options) {
  std::vector<std::shared_ptr<const PageFragment>> out(files.size());
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progressMutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      out[i] = std::make_shared<const PageFragment>(
          parsePageFile(files[i].fsPath, files[i].display, options.limits));
      if (options.progress) {
        const std::lock_guard lock(progressMutex);
        options.progress(++done, files.size());
      }
    }
  };
  const unsigned threads =
      static_cast<unsigned>(std::min<std::size_t>(threadCount(options.threads), files.size()));
  if (threads <= 1) {
    work();
    return out;
  }
  std::vector<std::jthread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  return out;
}

bool isTrue(const FmValue* v) {
  return v && v->isScalar() && (v->scalar == "true" || v->scalar == "True");
}

// Front matter keys that take a single value.
constexpr std::string_view kScalarKeys[] = {"title",    "linkTitle", "description", "created",
                                            "date",     "lastmod",   "weight",      "website",
                                            "wikidata", "slug",      "url",         "draft"};

void checkScalarKeys(const PageFragment& f, Diagnostics& diags) {
  for (const std::string_view key : kScalarKeys) {
    const FmEntry* e = f.frontMatter.entry(key);
    if (!e || e->value.isScalar() || e->value.isNull()) continue;
    diags.add(Severity::Error, e->keyPos, "front-matter-type",
              "'" + std::string(key) + "' must be a single value, not a " +
                  (e->value.isList() ? "list" : "map") + "; write e.g. `" + std::string(key) +
                  ": \"...\"`");
  }
}

Located located(const PageFragment& f, std::string_view key) {
  const FmEntry* e = f.frontMatter.entry(key);
  if (!e || !e->value.isScalar()) return {};
  return Located{std::string(text::trim(e->value.scalar)), e->keyPos};
}

// Values of a key that may be a scalar or a list of scalars; reports other shapes.
std::vector<Located> listValues(const PageFragment& f, std::string_view key, Diagnostics& diags) {
  std::vector<Located> out;
  const FmEntry* e = f.frontMatter.entry(key);
  if (!e || e->value.isNull()) return out;
  if (e->value.isScalar()) {
    if (!text::trim(e->value.scalar).empty())
      out.push_back({std::string(text::trim(e->value.scalar)), e->keyPos});
    return out;
  }
  if (e->value.isList()) {
    for (const auto& item : e->value.items) {
      if (item.isScalar()) {
        if (!text::trim(item.scalar).empty())
          out.push_back(
              {std::string(text::trim(item.scalar)), item.pos.line ? item.pos : e->keyPos});
      } else {
        diags.add(Severity::Error, item.pos.line ? item.pos : e->keyPos, "front-matter-type",
                  "'" + std::string(key) +
                      "' must be a list of plain values; an item here is a list or map");
      }
    }
    return out;
  }
  diags.add(Severity::Error, e->keyPos, "front-matter-type",
            "'" + std::string(key) + "' must be a value or a list of values, not a map");
  return out;
}

class SiteBuilder {
 public:
  SiteBuilder(Site& site, const BuildOptions& options, Diagnostics& diags)
      : site_(site), options_(options), diags_(diags) {}

  void classify(const std::vector<std::shared_ptr<const PageFragment>>& fragments,
                const std::vector<ContentFile>& files) {
    for (std::size_t i = 0; i < fragments.size(); ++i) {
      const PageFragment& f = *fragments[i];
      diags_.append(f.diagnostics);
      if (!f.usable) continue;
      Page page;
      page.file = f.path;
      page.contentPath = files[i].contentPath;
      page.fragment = fragments[i];
      page.draft = isTrue(f.frontMatter.get("draft"));
      if (const FmValue* d = f.frontMatter.get("draft");
          d && d->isScalar() && !isTrue(d) && d->scalar != "false" && d->scalar != "False") {
        diags_.add(Severity::Error, f.frontMatter.entry("draft")->keyPos, "front-matter-type",
                   "'draft' must be true or false, not '" + d->scalar +
                       "'; the page is built as if it were false");
      }
      page.urlPath = pageUrlPath(site_.config, page.contentPath, f.frontMatter);
      page.permalink = site_.config.baseUrl + page.urlPath.substr(1);
      checkScalarKeys(f, diags_);
      page.title = located(f, "title").value;
      const fs::path p(page.contentPath);
      page.branch = p.filename() == "_index.md";
      page.kind = kindOf(page);
      for (const auto& alias : listValues(f, "aliases", diags_)) {
        page.aliases.push_back(text::resolvePath(page.urlPath, alias.value));
      }
      if (page.draft && !options_.includeDrafts) {
        site_.drafts.push_back(std::move(page));
      } else {
        site_.pages.push_back(std::move(page));
      }
    }
    // Of two pages at one URL the first (in content path order) keeps it; the other is
    // reported and left out, or both would describe one IRI with a mix of their statements.
    std::vector<Page> kept;
    kept.reserve(site_.pages.size());
    for (Page& page : site_.pages) {
      if (const auto it = byUrl_.find(page.urlPath); it != byUrl_.end()) {
        diags_.add(Severity::Error, page.fragment->frontMatterPos, "duplicate-permalink",
                   "page has the same URL " + page.urlPath + " as " + kept[it->second].file +
                       " and is left out; give one of them another `slug` or `url`");
        continue;
      }
      byUrl_.emplace(page.urlPath, kept.size());
      byContentPath_.emplace(page.contentPath, kept.size());
      kept.push_back(std::move(page));
    }
    site_.pages = std::move(kept);
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      for (const auto& alias : site_.pages[i].aliases) byUrl_.emplace(alias, i);
    }
    for (std::size_t i = 0; i < site_.drafts.size(); ++i) {
      draftsByUrl_.emplace(site_.drafts[i].urlPath, i);
      draftsByContentPath_.emplace(site_.drafts[i].contentPath, i);
    }
  }

  void buildGraph() {
    graph().reserveVertices(vertexBound());
    // Term pages first, so entities take their names from their own pages.
    for (const Page& page : site_.pages) {
      if (isTermKind(page.kind)) addTermPage(page);
    }
    sourceEntities_.assign(site_.pages.size(), std::nullopt);
    for (const Page& page : site_.pages) {
      if (page.kind == PageKind::Source) addSource(page);
    }
    for (const Page& page : site_.pages) {
      if (page.kind == PageKind::Guide) {
        const std::string iri = text::encodeIri(page.permalink);
        const VertexId guide = graph().vertex(VertexKind::Guide, iri, iri);
        linkTaxonomies(page, guide, guide);
      }
    }
    for (const Page& page : site_.pages) {
      if (page.kind == PageKind::Guide) addGuide(page);
    }
  }

 private:
  // More vertices than the graph will have: two a page (a source's web page and the
  // source), one a heading, two a link (a recommendation, or a web page for a link out of
  // the site, and the page it leads to), one a bold place, and one a page again for terms
  // named without a page of their own.
  std::size_t vertexBound() const {
    std::size_t n = 3 * site_.pages.size() + 64;
    for (const Page& page : site_.pages) {
      const PageFragment& f = *page.fragment;
      n += f.headings.size() + 2 * f.links.size();
      for (const BodyLink& link : f.links) n += link.mentions.size();
    }
    return n;
  }

  static bool isTermKind(PageKind k) {
    return k == PageKind::Category || k == PageKind::Country || k == PageKind::Contributor ||
           k == PageKind::Tag;
  }

  static PageKind kindForRole(TaxonomyRole r) {
    switch (r) {
      case TaxonomyRole::Country:
        return PageKind::Country;
      case TaxonomyRole::Contributor:
        return PageKind::Contributor;
      case TaxonomyRole::Category:
        return PageKind::Category;
      case TaxonomyRole::Tag:
        return PageKind::Tag;
      case TaxonomyRole::Other:
        break;
    }
    return PageKind::Other;
  }

  PageKind kindOf(const Page& page) const {
    const fs::path p(page.contentPath);
    const std::string dir = p.parent_path().generic_string();
    const std::string first = dir.substr(0, dir.find('/'));
    if (page.contentPath == "_index.md") return PageKind::Home;
    if (page.branch) {
      const std::string slug = fs::path(dir).filename().string();
      for (const auto& tax : site_.config.taxonomies) {
        if (tax.role == TaxonomyRole::Other) continue;
        const bool inTaxonomyDir = fs::path(dir).parent_path().generic_string() == tax.plural;
        if (inTaxonomyDir || termUrlPath(site_.config, tax, slug) == page.urlPath) {
          return kindForRole(tax.role);
        }
      }
      return PageKind::Section;
    }
    if (first == site_.config.guidesSection) return PageKind::Guide;
    const std::string& sources = site_.config.sourcesSection;
    if (dir == sources || dir.starts_with(sources + "/")) return PageKind::Source;
    return PageKind::Other;
  }

  const Taxonomy* taxonomyForRole(TaxonomyRole role) const {
    for (const auto& t : site_.config.taxonomies) {
      if (t.role == role) return &t;
    }
    return nullptr;
  }

  std::string permalinkOf(const std::string& urlPath) const {
    return site_.config.baseUrl + urlPath.substr(1);
  }

  VertexKind vertexKindFor(TaxonomyRole role) const {
    switch (role) {
      case TaxonomyRole::Country:
        return VertexKind::Country;
      case TaxonomyRole::Contributor:
        return VertexKind::Contributor;
      case TaxonomyRole::Category:
        return VertexKind::Category;
      case TaxonomyRole::Tag:
      case TaxonomyRole::Other:
        break;
    }
    return VertexKind::Tag;
  }

  // The entity a taxonomy term stands for ("Kazakhstan" -> /countries/kazakhstan/#id).
  VertexId termEntity(const Taxonomy& tax, const Located& term) {
    // Most pages name the same few countries, categories and contributors: each term's
    // vertex is looked up once. The first use of a term named it; later ones change nothing.
    std::string key = tax.plural;
    key += '\0';
    key += term.value;
    if (const auto it = termVertices_.find(key); it != termVertices_.end()) return it->second;
    const VertexId v = newTermEntity(tax, term);
    termVertices_.emplace(std::move(key), v);
    return v;
  }

  VertexId newTermEntity(const Taxonomy& tax, const Located& term) {
    const std::string page = permalinkOf(termUrlPath(site_.config, tax, term.value));
    const std::string iri = text::encodeIri(page + "#id");
    const bool existed = graph().find(iri) != nullptr;
    const VertexId v = graph().vertex(vertexKindFor(tax.role), iri, text::encodeIri(page));
    if (!existed) {
      graph()[v].name = term;
      graph()[v].pos = term.pos;
    }
    return v;
  }

  void linkTaxonomies(const Page& page, VertexId pageVertex, VertexId entity) {
    const PageFragment& f = *page.fragment;
    for (const auto& tax : site_.config.taxonomies) {
      if (tax.role == TaxonomyRole::Other) continue;
      for (const auto& term : listValues(f, tax.plural, diags_)) {
        const VertexId t = termEntity(tax, term);
        switch (tax.role) {
          case TaxonomyRole::Country:
            graph().edge(entity, t, EdgeKind::Country, term.pos);
            break;
          case TaxonomyRole::Category:
            graph().edge(entity, t, EdgeKind::InCategory, term.pos);
            break;
          case TaxonomyRole::Contributor:
            graph().edge(pageVertex, t, EdgeKind::Contributor, term.pos);
            break;
          case TaxonomyRole::Tag:
            graph().edge(pageVertex, t, EdgeKind::Tag, term.pos);
            break;
          case TaxonomyRole::Other:
            break;
        }
      }
    }
  }

  void fillCommon(VertexProps& v, const Page& page) {
    const PageFragment& f = *page.fragment;
    v.file = page.file;
    v.pos = f.frontMatterPos;
    v.name = located(f, "title");
    v.description = located(f, "description");
    v.created = located(f, "created");
    v.issued = located(f, "date");
    v.modified = located(f, "lastmod");
    v.weight = located(f, "weight");
    v.linkTitle = located(f, "linkTitle");
  }

  void addTermPage(const Page& page) {
    TaxonomyRole role = TaxonomyRole::Other;
    switch (page.kind) {
      case PageKind::Category:
        role = TaxonomyRole::Category;
        break;
      case PageKind::Country:
        role = TaxonomyRole::Country;
        break;
      case PageKind::Contributor:
        role = TaxonomyRole::Contributor;
        break;
      default:
        role = TaxonomyRole::Tag;
        break;
    }
    const std::string pageIri = text::encodeIri(page.permalink);
    const VertexId web = graph().vertex(VertexKind::WebPage, pageIri, pageIri);
    fillCommon(graph()[web], page);
    const VertexId entity =
        graph().vertex(vertexKindFor(role), text::encodeIri(page.permalink + "#id"), pageIri);
    fillCommon(graph()[entity], page);
    graph().edge(web, entity, EdgeKind::MainEntity, page.fragment->frontMatterPos);
    if (role == TaxonomyRole::Category) {
      if (const Taxonomy* tax = taxonomyForRole(TaxonomyRole::Category)) {
        for (const auto& broader : listValues(*page.fragment, "broader", diags_)) {
          graph().edge(entity, termEntity(*tax, broader), EdgeKind::Broader, broader.pos);
        }
      }
    }
  }

  void addSource(const Page& page) {
    const PageFragment& f = *page.fragment;
    const std::string pageIri = text::encodeIri(page.permalink);
    const VertexId web = graph().vertex(VertexKind::WebPage, pageIri, pageIri);
    fillCommon(graph()[web], page);
    const VertexId entity =
        graph().vertex(VertexKind::Source, text::encodeIri(page.permalink + "#id"), pageIri);
    sourceEntities_[static_cast<std::size_t>(&page - site_.pages.data())] = entity;
    VertexProps& s = graph()[entity];
    fillCommon(s, page);
    s.website = located(f, "website");
    s.wikidata = located(f, "wikidata");
    s.languages = listValues(f, "languages", diags_);
    s.alternateNames = listValues(f, "alternateName", diags_);
    graph().edge(web, entity, EdgeKind::MainEntity, f.frontMatterPos);
    linkTaxonomies(page, web, entity);
  }

  struct Resolved {
    enum class Kind { Page, Term, Draft, Missing, External, Ignored } kind = Kind::Ignored;
    std::size_t index = 0;
    VertexId term = 0;
    std::string url;  // external URL, or the path looked up
  };

  std::optional<std::size_t> lookupUrl(
      const std::string& path, const std::unordered_map<std::string, std::size_t>& index) const {
    // Most links are written as the page's own path: try that before making the others.
    if (const auto it = index.find(path); it != index.end()) return it->second;
    if (const auto it = index.find(path + "/"); it != index.end()) return it->second;
    const std::string urlized = text::urlize(path);
    for (const std::string& candidate : {urlized, urlized + "/"}) {
      if (const auto it = index.find(candidate); it != index.end()) return it->second;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> lookupContent(
      const Page& from, std::string ref, const std::unordered_map<std::string, std::size_t>& index,
      const std::vector<Page>& pages) const {
    if (const auto hash = ref.find('#'); hash != std::string::npos) ref.erase(hash);
    std::vector<std::string> bases;
    if (!ref.empty() && ref.front() == '/') {
      bases.push_back(ref.substr(1));
    } else {
      const std::string dir = fs::path(from.contentPath).parent_path().generic_string();
      bases.push_back(text::normalizePath("/" + dir + "/" + ref).substr(1));
      bases.push_back(text::normalizePath("/" + ref).substr(1));
    }
    for (const auto& b : bases) {
      for (const std::string& c : {b, b + ".md", b + "/index.md", b + "/_index.md"}) {
        if (const auto it = index.find(c); it != index.end()) return it->second;
      }
    }
    // Hugo also accepts a unique base name: {{< ref "feminita" >}}.
    const std::string stem = fs::path(ref).stem().string();
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const fs::path p(pages[i].contentPath);
      const std::string name = (p.filename() == "index.md" || p.filename() == "_index.md")
                                   ? p.parent_path().filename().string()
                                   : p.stem().string();
      if (name == stem) {
        if (found) return std::nullopt;
        found = i;
      }
    }
    return found;
  }

  Resolved resolve(const Page& from, const BodyLink& link) const {
    Resolved r;
    if (link.form != LinkForm::Markdown) {
      r.url = link.destination;
      if (auto i = lookupContent(from, link.destination, byContentPath_, site_.pages)) {
        r.kind = Resolved::Kind::Page;
        r.index = *i;
      } else if (auto d =
                     lookupContent(from, link.destination, draftsByContentPath_, site_.drafts)) {
        r.kind = Resolved::Kind::Draft;
        r.index = *d;
      } else {
        r.kind = Resolved::Kind::Missing;
      }
      return r;
    }
    std::string dest = link.destination;
    if (dest.empty() || dest.front() == '#') return r;
    const auto schemeEnd = dest.find(':');
    const bool hasScheme =
        schemeEnd != std::string::npos && schemeEnd > 0 && dest.find('/') > schemeEnd &&
        std::all_of(dest.begin(), dest.begin() + static_cast<std::ptrdiff_t>(schemeEnd),
                    [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' ||
                             c == '.';
                    });
    if (hasScheme) {
      const std::string& base = site_.config.baseUrl;
      std::string alt = base;
      if (alt.starts_with("https://"))
        alt.replace(0, 8, "http://");
      else if (alt.starts_with("http://"))
        alt.replace(0, 7, "https://");
      std::string rest;
      for (const auto& b : {base, alt}) {
        if (dest.starts_with(b))
          rest = "/" + dest.substr(b.size());
        else if (dest + "/" == b)
          rest = "/";
      }
      if (rest.empty()) {
        r.kind = dest.starts_with("http://") || dest.starts_with("https://")
                     ? Resolved::Kind::External
                     : Resolved::Kind::Ignored;
        r.url = dest;
        return r;
      }
      dest = rest;
    }
    for (const char sep : {'#', '?'}) {
      if (const auto p = dest.find(sep); p != std::string::npos) dest.erase(p);
    }
    if (dest.empty()) return r;
    const std::string path = text::resolvePath(from.urlPath, text::percentDecode(dest));
    r.url = path;
    if (const auto i = lookupUrl(path, byUrl_)) {
      r.kind = Resolved::Kind::Page;
      r.index = *i;
    } else if (const auto d = lookupUrl(path, draftsByUrl_)) {
      r.kind = Resolved::Kind::Draft;
      r.index = *d;
    } else if (const VertexId* term = termEntityAt(path)) {
      r.kind = Resolved::Kind::Term;
      r.term = *term;
    } else {
      r.kind = Resolved::Kind::Missing;
    }
    return r;
  }

  // Hugo builds a page for every taxonomy term in use, even one without a content file.
  const VertexId* termEntityAt(const std::string& path) const {
    for (const std::string& candidate : {path, path + "/"}) {
      const VertexId* v = site_.graph.find(text::encodeIri(permalinkOf(candidate) + "#id"));
      if (!v) continue;
      switch (site_.graph[*v].kind) {
        case VertexKind::Category:
        case VertexKind::Country:
        case VertexKind::Contributor:
        case VertexKind::Tag:
          return v;
        default:
          break;
      }
    }
    return nullptr;
  }

  VertexId sectionVertex(const Page& page, VertexId guide, int headingIndex) {
    const PageFragment& f = *page.fragment;
    const Heading& h = f.headings[static_cast<std::size_t>(headingIndex)];
    const std::string pageIri = text::encodeIri(page.permalink);
    const std::string iri = text::encodeIri(page.permalink + "#" + h.anchor);
    const bool existed = graph().find(iri) != nullptr;
    const VertexId s = graph().vertex(VertexKind::Section, iri, pageIri);
    if (!existed) {
      VertexProps& sp = graph()[s];
      sp.name = Located{h.text, h.pos};
      sp.pos = h.pos;
      sp.anchor = h.anchor;
      sp.file = page.file;
      sp.position = ++sectionCount_;
      graph().edge(guide, s, EdgeKind::HasSection, h.pos);
    }
    return s;
  }

  void addGuide(const Page& page) {
    const PageFragment& f = *page.fragment;
    const std::string pageIri = text::encodeIri(page.permalink);
    const VertexId guide = graph().vertex(VertexKind::Guide, pageIri, pageIri);
    fillCommon(graph()[guide], page);
    sectionCount_ = 0;
    for (std::size_t h = 0; h < f.headings.size(); ++h) {
      if (f.headings[h].level == f.sectionLevel) sectionVertex(page, guide, static_cast<int>(h));
    }
    std::optional<VertexId> country;
    for (auto [e, end] = boost::out_edges(guide, graph().impl()); e != end; ++e) {
      if (graph().impl()[*e].kind == EdgeKind::Country) {
        country = boost::target(*e, graph().impl());
        break;
      }
    }
    int position = 0;
    std::map<std::string, int> recIds;
    for (const BodyLink& link : f.links) {
      const Resolved r = resolve(page, link);
      switch (r.kind) {
        case Resolved::Kind::Ignored:
          continue;
        case Resolved::Kind::Missing:
          diags_.add(Severity::Error, link.pos, "broken-link",
                     "link '" + link.destination + "' (\"" + link.text +
                         "\") does not lead to any page of the site; fix the link or add the page");
          continue;
        case Resolved::Kind::Draft:
          diags_.add(Severity::Error, link.pos, "link-to-draft",
                     "link '" + link.destination + "' leads to the draft " +
                         site_.drafts[r.index].file +
                         ", which is not published; remove `draft: true` there or remove the link");
          continue;
        case Resolved::Kind::External: {
          const VertexId ext =
              graph().vertex(VertexKind::WebPage, text::encodeIri(r.url, true), "");
          graph().edge(guide, ext, EdgeKind::References, link.pos);
          continue;
        }
        case Resolved::Kind::Term: {
          const bool inSection = link.heading >= 0;
          const VertexId from = inSection ? sectionVertex(page, guide, link.heading) : guide;
          if (graph()[r.term].kind == VertexKind::Category) {
            graph().edge(from, r.term, EdgeKind::SectionSubject, link.pos);
          } else {
            const std::string termPage = graph()[r.term].page;
            graph().edge(guide, graph().vertex(VertexKind::WebPage, termPage, termPage),
                         EdgeKind::References, link.pos);
          }
          continue;
        }
        case Resolved::Kind::Page:
          break;
      }
      const Page& target = site_.pages[r.index];
      const bool inSection = link.heading >= 0;
      const VertexId section = inSection ? sectionVertex(page, guide, link.heading) : guide;
      if (target.kind == PageKind::Source) {
        const std::optional<VertexId>& source = sourceEntities_[r.index];
        if (!source) continue;
        const std::string slug =
            fs::path(target.urlPath.substr(0, target.urlPath.size() - 1)).filename().string();
        // "#rec-<slug>", then "#rec-<slug>-2", ... for repeats: skip any IRI already taken
        // (a source whose slug is itself "<slug>-2" must not lose its recommendation).
        std::string recIri;
        for (int n = ++recIds[slug];; n = ++recIds[slug]) {
          recIri = text::encodeIri(page.permalink + "#rec-" + slug +
                                   (n > 1 ? "-" + std::to_string(n) : ""));
          if (!graph().find(recIri)) break;
        }
        const VertexId rec = graph().vertex(VertexKind::Recommendation, recIri, pageIri);
        VertexProps& rp = graph()[rec];
        rp.position = ++position;
        rp.pos = link.pos;
        rp.file = page.file;
        rp.linkText = Located{link.text, link.pos};
        if (!link.note.empty()) rp.note = Located{link.note, link.pos};
        graph().edge(guide, *source, EdgeKind::Recommends, link.pos);
        graph().edge(guide, rec, EdgeKind::HasRecommendation, link.pos);
        graph().edge(rec, *source, EdgeKind::RecommendedSource, link.pos);
        if (inSection) graph().edge(rec, section, EdgeKind::InSection, link.pos);
        for (const auto& mention : link.mentions) {
          const std::string placeIri =
              text::encodeIri(page.permalink + "#place-" + text::urlize(mention));
          const VertexId place = graph().vertex(VertexKind::Place, placeIri, pageIri);
          graph()[place].name = Located{mention, link.pos};
          graph()[place].pos = link.pos;
          graph().edge(rec, place, EdgeKind::MentionsPlace, link.pos);
          if (country) graph().edge(place, *country, EdgeKind::PlaceIn, link.pos);
        }
      } else if (target.kind == PageKind::Category) {
        const VertexId* cat = graph().find(text::encodeIri(target.permalink + "#id"));
        if (cat) graph().edge(section, *cat, EdgeKind::SectionSubject, link.pos);
      } else {
        const std::string iri = text::encodeIri(target.permalink);
        const VertexId other = graph().vertex(VertexKind::WebPage, iri, iri);
        graph().edge(guide, other, EdgeKind::References, link.pos);
      }
    }
  }

  KnowledgeGraph& graph() { return site_.graph; }

  Site& site_;
  const BuildOptions& options_;
  Diagnostics& diags_;
  std::unordered_map<std::string, std::size_t> byUrl_, byContentPath_, draftsByUrl_,
      draftsByContentPath_;
  std::unordered_map<std::string, VertexId> termVertices_;  // taxonomy '\0' term
  std::vector<std::optional<VertexId>> sourceEntities_;     // by page index: a source's entity
  int sectionCount_ = 0;
};

}  // namespace

Site buildSite(const std::string& siteDir, const BuildOptions& options, Diagnostics& diags) {
  Site site;
  site.root = siteDir;
  site.config = loadSiteConfig(siteDir, diags);
  if (!options.baseOverride.empty()) {
    site.config.baseUrl = options.baseOverride;
    if (site.config.baseUrl.back() != '/') site.config.baseUrl += '/';
  }
  const auto stageDone = [&](const char* stage) {
    if (options.stageDone) options.stageDone(stage);
  };
  const auto files = scanContent(siteDir, site.config, options, diags);
  site.filesScanned = files.size();
  stageDone("scan");
  const auto fragments = parseAll(files, options);
  stageDone("parse");
  SiteBuilder builder(site, options, diags);
  builder.classify(fragments, files);
  builder.buildGraph();
  diags.sort();
  stageDone("merge");
  return site;
}

}  // namespace guidegraph
