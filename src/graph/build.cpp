#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "guidegraph/site.hpp"
#include "guidegraph/text.hpp"
#include "guidegraph/threads.hpp"
#include "schema_types.hpp"

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
  std::string contentPath;  // logical, relative to content/ (after mounts), '/'-separated,
                            // without the language in the file name
  std::string display;      // relative to the site: "content/en/about.md"
  std::string language;     // the page's language key
  std::string sectionPath;  // the nearest section folder (logical) above the page
};

// The extensions Hugo 0.111 reads as content (markdown, HTML, AsciiDoc, Pandoc, reST, Org).
bool isContentExtension(std::string_view ext) {
  static constexpr std::string_view kExtensions[] = {
      ".md", ".markdown", ".mdown", ".html", ".htm",  ".adoc", ".asciidoc",
      ".ad", ".pandoc",   ".pdc",   ".rst",  ".rest", ".org"};
  for (const auto e : kExtensions) {
    if (ext.size() == e.size() && std::equal(ext.begin(), ext.end(), e.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        }))
      return true;
  }
  return false;
}

// Hugo skips files and folders whose names start with '.', and editors' leftovers.
bool isIgnoredName(std::string_view name) {
  return name.empty() || name.front() == '.' || name.front() == '#' || name.back() == '~';
}

// A Hugo (gobwas) glob against a '/'-separated path: "**" crosses folders, "*" and "?" do
// not; case is ignored.
bool globMatch(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  if (pattern.starts_with("**")) {
    for (std::size_t i = 0; i <= path.size(); ++i) {
      if (globMatch(pattern.substr(2), path.substr(i))) return true;
    }
    return false;
  }
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= path.size(); ++i) {
      if (globMatch(pattern.substr(1), path.substr(i))) return true;
      if (i < path.size() && path[i] == '/') break;
    }
    return false;
  }
  if (path.empty()) return false;
  const bool same = pattern.front() == '?'
                        ? path.front() != '/'
                        : std::tolower(static_cast<unsigned char>(pattern.front())) ==
                              std::tolower(static_cast<unsigned char>(path.front()));
  return same && globMatch(pattern.substr(1), path.substr(1));
}

bool matchesAny(const std::vector<std::string>& globs, const std::string& rel) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) {
    std::string_view p(g);
    while (!p.empty() && p.front() == '/') p.remove_prefix(1);
    return globMatch(p, rel);
  });
}

std::string joinPath(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "/" + b;
}

std::string parentOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// Whether a content file the walk met can be read as a page: a link that resolves inside the
// site, not a folder named like a page, a regular file. Each other case is a diagnostic.
bool readableEntry(const fs::directory_entry& entry, const fs::path& siteReal,
                   const std::string& display, std::string_view ext, Diagnostics& diags) {
  const fs::path& p = entry.path();
  std::error_code sec;
  if (entry.is_symlink(sec)) {
    const fs::path target = fs::weakly_canonical(p, sec);
    if (sec) {
      diags.add(Severity::Error, {display, 0, 0}, "symlink-loop",
                "symbolic link cannot be resolved (" + sec.message() +
                    "); point it at a file inside the site or remove it");
      return false;
    }
    const auto [a, b] =
        std::mismatch(siteReal.begin(), siteReal.end(), target.begin(), target.end());
    if (a != siteReal.end()) {
      diags.add(Severity::Error, {display, 0, 0}, "symlink-outside-site",
                "symbolic link points outside the site (to '" + target.string() +
                    "'); copy the file into content/ instead");
      return false;
    }
  }
  if (entry.is_directory(sec)) {
    // Hugo reads such a folder as a section, not as one page; so does the walk.
    diags.add(Severity::Warning, {display, 0, 0}, "folder-named-like-page",
              "a folder named like a page file; its files are read as a section, not as "
              "one page; rename the folder (without " +
                  std::string(ext) + ") if that is not meant");
    return false;
  }
  if (!entry.is_regular_file(sec)) {
    if (entry.is_symlink(sec)) {
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
    return false;
  }
  return true;
}

void scanMount(const std::string& siteDir, const SiteConfig& config, const ContentMount& mount,
               const BuildOptions& options, const std::vector<std::regex>& ignore,
               std::vector<ContentFile>& files, Diagnostics& diags) {
  const fs::path root = fs::path(siteDir) / mount.source;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return;
  const fs::path siteReal = fs::weakly_canonical(fs::path(siteDir), ec);
  const std::string sourcePrefix = mount.source.empty() ? "" : mount.source + "/";
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    // The name as a view of the path: no path objects or strings for the many files that
    // are skipped.
    const std::string_view name = std::string_view(p.native()).substr(p.native().rfind('/') + 1);
    std::error_code sec;
    if (isIgnoredName(name)) {
      if (it->is_directory(sec) && !it->is_symlink(sec)) it.disable_recursion_pending();
      continue;
    }
    const std::size_t extAt = name.rfind('.');
    const std::string_view ext =
        extAt == std::string_view::npos || extAt == 0 ? std::string_view() : name.substr(extAt);
    if (!isContentExtension(ext)) continue;
    // Lexical: the walk does not follow links to folders, so every path lies under the mount
    // (fs::relative resolves both paths on disk, several system calls per file).
    const std::string rel = p.lexically_relative(root).generic_string();
    const std::string display = sourcePrefix + rel;
    if (!mount.includeFiles.empty() && !matchesAny(mount.includeFiles, rel)) continue;
    if (matchesAny(mount.excludeFiles, rel)) continue;
    if (std::any_of(ignore.begin(), ignore.end(),
                    [&](const std::regex& re) { return std::regex_search(display, re); }))
      continue;
    if (!readableEntry(*it, siteReal, display, ext, diags)) continue;
    if (files.size() >= options.maxFiles) {
      diags.add(Severity::Error, {display, 0, 0}, "too-many-files",
                "more than " + std::to_string(options.maxFiles) +
                    " content files; the rest are skipped (raise --max-files)");
      return;
    }
    // "about.fr.md" is the French "about.md" when fr is a language of the site; otherwise
    // the dot is part of the name.
    std::string stem(name.substr(0, extAt));
    std::string language = mount.language;
    if (const auto dot = stem.rfind('.'); dot != std::string::npos) {
      std::string suffix = stem.substr(dot + 1);
      for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (config.language(suffix)) {
        language = suffix;
        stem.erase(dot);
      }
    }
    if (language.empty()) language = config.defaultLanguage;
    if (!config.language(language)) continue;  // a mount of a language the site does not build
    const std::string relDir = parentOf(rel);
    files.push_back({p.string(),
                     joinPath(joinPath(mount.target, relDir), stem.append(ext)),
                     display,
                     std::move(language),
                     {}});
  }
  if (ec) {
    diags.add(Severity::Error, {mount.source.empty() ? "." : mount.source, 0, 0}, "scan-failed",
              "cannot read the content folder: " + ec.message());
  }
}

std::string stemOf(const std::string& contentPath) {
  const auto slash = contentPath.rfind('/');
  const std::string name = slash == std::string::npos ? contentPath : contentPath.substr(slash + 1);
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

// Pages are found by language and logical content path ("en" '\0' "about.md").
std::string contentKey(const std::string& language, const std::string& contentPath) {
  std::string key = language;
  key += '\0';
  key += contentPath;
  return key;
}

// The files that are pages, each with its section: Hugo's bundles make every content file
// below a folder that holds an index file (a leaf bundle) a resource of that page.
std::vector<ContentFile> pagesOf(std::vector<ContentFile>& files) {
  // Looked up by string_view prefixes of the paths, so that the walk up the folders of
  // 100,000 files makes no strings.
  std::unordered_set<std::string, text::StringViewHash, std::equal_to<>> leafBundles;
  std::unordered_set<std::string, text::StringViewHash, std::equal_to<>> sections;  // lang '\0' dir
  for (const auto& f : files) {
    const std::string_view path(f.contentPath);
    const std::string stem = stemOf(f.contentPath);
    const std::string_view dir = path.substr(0, std::min(path.size(), path.rfind('/')));
    if (stem == "index")
      leafBundles.emplace(path.rfind('/') == std::string_view::npos ? std::string_view() : dir);
    if (stem == "_index" && path.rfind('/') != std::string_view::npos)
      sections.insert(contentKey(f.language, std::string(dir)));
  }
  const auto parent = [](std::string_view p) {
    const auto slash = p.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : p.substr(0, slash);
  };
  const auto insideBundle = [&](std::string_view dir) {
    for (; !dir.empty(); dir = parent(dir)) {
      if (leafBundles.count(dir)) return true;
    }
    return false;
  };
  std::vector<ContentFile> pages;
  pages.reserve(files.size());
  std::string key;
  for (auto& f : files) {
    const std::string_view dir = parent(f.contentPath);
    const bool index = stemOf(f.contentPath) == "index";
    if (!leafBundles.empty() && insideBundle(index ? parent(dir) : dir)) continue;
    // The nearest folder above that is a section: a top-level folder, or one with _index.
    std::string_view section = index ? parent(dir) : dir;
    while (section.find('/') != std::string_view::npos) {
      key.assign(f.language).push_back('\0');
      key.append(section);
      if (sections.count(key)) break;
      section = parent(section);
    }
    f.sectionPath = std::string(section);
    pages.push_back(std::move(f));
  }
  return pages;
}

std::vector<ContentFile> scanContent(const std::string& siteDir, const SiteConfig& config,
                                     const BuildOptions& options, Diagnostics& diags) {
  std::vector<ContentFile> files;
  std::vector<std::regex> ignore;
  for (const auto& pattern : config.ignoreFiles) {
    try {
      ignore.emplace_back(pattern);
    } catch (const std::regex_error&) {
      diags.add(Severity::Warning, {config.configFile, 0, 0}, "bad-config",
                "ignoreFiles pattern '" + pattern +
                    "' is not a regular expression guidegraph "
                    "reads; it is left out");
    }
  }
  bool anyFolder = false;
  for (const ContentMount& mount : config.mounts) {
    std::error_code ec;
    anyFolder = anyFolder || fs::is_directory(fs::path(siteDir) / mount.source, ec);
    scanMount(siteDir, config, mount, options, ignore, files, diags);
  }
  if (!anyFolder) {
    diags.add(Severity::Error, {siteDir, 0, 0}, "no-content",
              "no content folder (" +
                  (config.mounts.empty() ? "content" : config.mounts[0].source) + "/) in '" +
                  siteDir + "'; guides and sources live in content/");
    return files;
  }
  files = pagesOf(files);
  const auto rank = [&](const std::string& key) {
    for (std::size_t i = 0; i < config.languages.size(); ++i) {
      if (config.languages[i].key == key) return i;
    }
    return config.languages.size();
  };
  std::sort(files.begin(), files.end(), [&](const ContentFile& a, const ContentFile& b) {
    if (a.contentPath != b.contentPath) return a.contentPath < b.contentPath;
    if (a.language != b.language) return rank(a.language) < rank(b.language);
    return a.display < b.display;
  });
  return files;
}

bool isTrue(const FmValue* v) {
  return v && v->isScalar() && (v->scalar == "true" || v->scalar == "True");
}

// Front matter keys that take a single value.
constexpr std::string_view kScalarKeys[] = {
    "title",   "linkTitle", "description", "created", "date",  "lastmod",   "weight",
    "website", "wikidata",  "slug",        "url",     "draft", "schemaType"};

void checkScalarKeys(const PageFragment& f, Diagnostics& diags) {
  for (const std::string_view key : kScalarKeys) {
    const FmEntry* e = f.frontMatter.entry(key);
    if (!e || e->value.isScalar() || e->value.isNull()) continue;
    const std::string k(key);
    if (e->value.isMap() && !e->value.entries.empty() &&
        e->value.entries.front().key.find(' ') != std::string::npos) {
      // A plain text on the next line that holds ": " is a key to YAML.
      const std::string& before = e->value.entries.front().key;
      std::size_t from = before.size() > 40 ? before.size() - 40 : 0;
      while (from > 0 && (static_cast<unsigned char>(before[from]) & 0xC0) == 0x80) ++from;
      const std::string tail = from > 0 ? "…" + before.substr(from) : before;
      diags.add(Severity::Error, e->keyPos, "front-matter-type",
                "the text of '" + k + "' holds `: ` (after \"" + tail +
                    "\"), so YAML reads it as a key and '" + k +
                    "' as a map, not as text; quote the whole text (`" + k +
                    ": \"...\"`) or write it as a folded block (`" + k + ": >` above it)");
      continue;
    }
    if (e->value.isList() && std::all_of(e->value.items.begin(), e->value.items.end(),
                                         [](const FmValue& i) { return i.isScalar(); })) {
      const std::size_t n = e->value.items.size();
      std::string item = n == 1 ? std::string(text::trim(e->value.items.front().scalar)) : "...";
      if (item.size() > 40) {
        std::size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(item[cut]) & 0xC0) == 0x80) --cut;
        item = item.substr(0, cut) + "...";
      }
      diags.add(Severity::Error, e->keyPos, "front-matter-type",
                "'" + k + "' must be a single value, but square brackets make it a list" +
                    (n > 1 ? " of " + std::to_string(n) + " (YAML splits it at each comma)"
                           : std::string()) +
                    "; remove the brackets and write one quoted text: `" + k + ": \"" + item +
                    "\"`");
      continue;
    }
    diags.add(Severity::Error, e->keyPos, "front-matter-type",
              "'" + k + "' must be a single value, not a " + (e->value.isList() ? "list" : "map") +
                  "; write e.g. `" + k + ": \"...\"`");
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

bool isTermKind(PageKind k) {
  return k == PageKind::Category || k == PageKind::Country || k == PageKind::Contributor ||
         k == PageKind::Tag;
}

PageKind kindForRole(TaxonomyRole r) {
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

VertexKind vertexKindFor(TaxonomyRole role) {
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

const Taxonomy* taxonomyForRole(const SiteConfig& config, TaxonomyRole role);

// A page tagged with the conventions' guide tag ("tags: [guides]") is a guide wherever it is.
bool taggedAsGuide(const SiteConfig& config, const SiteConventions& conventions,
                   const PageFragment& f) {
  if (conventions.guideTag.empty()) return false;
  const Taxonomy* tags = taxonomyForRole(config, TaxonomyRole::Tag);
  const FmValue* v = f.frontMatter.get(tags ? tags->plural : "tags");
  if (!v) return false;
  const std::string wanted = text::urlize(conventions.guideTag);
  const auto is = [&](const FmValue& x) {
    return x.isScalar() && text::urlize(x.scalar) == wanted;
  };
  if (v->isScalar()) return is(*v);
  return v->isList() && std::any_of(v->items.begin(), v->items.end(), is);
}

PageKind kindOf(const SiteConfig& config, const SiteConventions& conventions, const Page& page) {
  const fs::path p(page.contentPath);
  const std::string dir = p.parent_path().generic_string();
  const std::string first = dir.substr(0, dir.find('/'));
  if (page.branch && dir.empty()) return PageKind::Home;
  if (page.branch) {
    const std::string slug = fs::path(dir).filename().string();
    for (const auto& tax : config.taxonomies) {
      if (tax.role == TaxonomyRole::Other) continue;
      const bool inTaxonomyDir = fs::path(dir).parent_path().generic_string() == tax.plural;
      if (inTaxonomyDir || termUrlPath(config, tax, slug, page.language) == page.urlPath) {
        return kindForRole(tax.role);
      }
    }
    return PageKind::Section;
  }
  const auto& guideSections = conventions.guideSections;
  if (std::find(guideSections.begin(), guideSections.end(), first) != guideSections.end())
    return PageKind::Guide;
  if (taggedAsGuide(config, conventions, *page.fragment)) return PageKind::Guide;
  const std::string& sources = conventions.sourcesSection;
  if (dir == sources || dir.starts_with(sources + "/")) return PageKind::Source;
  return PageKind::Other;
}

const Taxonomy* taxonomyForRole(const SiteConfig& config, TaxonomyRole role) {
  for (const auto& t : config.taxonomies) {
    if (t.role == role) return &t;
  }
  return nullptr;
}

// The BCP 47 tag of text written in a language of the site: its languageCode, else its key.
std::string textLanguageOf(const SiteConfig& config, std::string_view language) {
  if (const Language* l = config.language(language); l && !l->code.empty()) return l->code;
  if (!language.empty()) return std::string(language);
  return config.languageCode.empty() ? std::string("en") : config.languageCode;
}

// The BCP 47 tag of a page's text.
std::string textLanguage(const SiteConfig& config, const Page& page) {
  return page.languageCode.empty() ? textLanguageOf(config, page.language) : page.languageCode;
}

std::string permalinkOf(const SiteConfig& config, const std::string& language,
                        const std::string& urlPath) {
  return permalinkFor(config, language, urlPath);
}

// A front matter date as Hugo reads it ("2024-05-01", "2024-05-01T10:00:00+02:00",
// "2024-05-01 10:00:00"; no zone is UTC), or nullopt.
std::optional<std::chrono::sys_seconds> parseDate(const FmValue* v) {
  using namespace std::chrono;
  if (!v || !v->isScalar()) return std::nullopt;
  const std::string_view d = text::trim(v->scalar);
  const auto digits = [&](std::size_t from, std::size_t n) -> std::optional<int> {
    if (d.size() < from + n) return std::nullopt;
    int out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return std::nullopt;
      out = out * 10 + (d[i] - '0');
    }
    return out;
  };
  const auto y = digits(0, 4), mo = digits(5, 2), da = digits(8, 2);
  if (!y || !mo || !da || d[4] != '-' || d[7] != '-') return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)},
                           day{static_cast<unsigned>(*da)}};
  if (!ymd.ok()) return std::nullopt;
  sys_seconds t = sys_days{ymd};
  if (d.size() >= 19 && (d[10] == 'T' || d[10] == ' ')) {
    const auto h = digits(11, 2), mi = digits(14, 2), se = digits(17, 2);
    if (h && mi && se) t += hours{*h} + minutes{*mi} + seconds{*se};
    std::size_t zone = 19;
    while (zone < d.size() && (d[zone] == '.' || (d[zone] >= '0' && d[zone] <= '9'))) ++zone;
    if (zone < d.size() && (d[zone] == '+' || d[zone] == '-')) {
      const auto zh = digits(zone + 1, 2);
      const auto zm =
          d.size() > zone + 3 && d[zone + 3] == ':' ? digits(zone + 4, 2) : digits(zone + 3, 2);
      const seconds offset = hours{zh.value_or(0)} + minutes{zm.value_or(0)};
      t += d[zone] == '+' ? -offset : offset;
    }
  }
  return t;
}

// The `cascade` of each branch page, by language and folder (contentKey).
using Cascades = std::unordered_map<std::string, const FmValue*>;

// Whether Hugo builds a page: drafts, future and expired pages and headless ones are left
// out (unless the options or buildDrafts/buildFuture/buildExpired say otherwise); the keys
// may come from a `cascade` of a section above.
Unbuilt buildState(Page& page, const SiteConfig& config, const BuildOptions& options,
                   const Cascades& cascades, std::chrono::sys_seconds now) {
  const FmValue& fm = page.fragment->frontMatter;
  const auto lookup = [&](std::string_view key) -> const FmValue* {
    if (const FmValue* own = fm.getNoCase(key)) return own;
    if (cascades.empty()) return nullptr;
    std::string dir = parentOf(page.contentPath);
    for (;;) {
      if (const auto it = cascades.find(contentKey(page.language, dir)); it != cascades.end()) {
        if (const FmValue* v = it->second->getNoCase(key)) return v;
      }
      if (dir.empty()) return nullptr;
      dir = parentOf(dir);
    }
  };
  if (!page.draft && lookup("draft") && isTrue(lookup("draft"))) page.draft = true;
  if (page.draft && !options.includeDrafts && !config.buildDrafts) return Unbuilt::Draft;
  const bool leaf = fs::path(page.contentPath).stem() == "index";
  if (leaf && isTrue(lookup("headless"))) return Unbuilt::Headless;
  if (const FmValue* build = lookup("_build"); build && build->isMap()) {
    const auto never = [&](std::string_view key) {
      const FmValue* v = build->getNoCase(key);
      return v && v->isScalar() && (v->scalar == "never" || v->scalar == "false");
    };
    page.unlisted = never("list");
    if (never("render")) return page.unlisted ? Unbuilt::Headless : Unbuilt::NotRendered;
  }
  if (!options.includeFuture && !config.buildFuture) {
    for (const char* key : {"publishDate", "pubdate", "published", "date"}) {
      const auto d = parseDate(lookup(key));
      if (!d) continue;
      if (*d > now) return Unbuilt::Future;
      break;
    }
  }
  if (!options.includeExpired && !config.buildExpired) {
    for (const char* key : {"expiryDate", "unpublishdate"}) {
      const auto d = parseDate(lookup(key));
      if (!d) continue;
      if (*d < now) return Unbuilt::Expired;
      break;
    }
  }
  return Unbuilt::Built;
}

// What the merge needs of one content file that depends on nothing but the file and the
// site's configuration: its URL and kind, and the IRIs of what it describes (interned).
// parseAll works it out while the other files are still being parsed, so that the merge,
// which runs on one thread, mostly joins the pieces. It holds only what outlives the merge
// (the page, the IRIs, a source's lists): keeping each page's taxonomy terms here too made
// a great many small allocations that were freed after the merge but never reused, and
// raised the peak memory at 100,000 pages by 300 MB.
struct PagePrep {
  Page page;
  Diagnostics diags;       // reported whether or not the page is kept
  Diagnostics graphDiags;  // reported only when the page goes into the graph
  Atom pageIri;            // the permalink as an IRI
  Atom entityIri;          // "permalink#id": what a source or term page describes
  // Guides, sources and term pages: checked once a page, whatever the vertices it fills.
  CheckedDate created, issued, modified;
  WholeNumber weight;
  // Sources. The website is checked in the merge, once it is known where it comes from.
  Located website;
  WikidataItem wikidata;
  std::vector<LanguageTag> languages;
  std::vector<Located> alternateNames;
  std::vector<OutLink> bodyLinks;  // the external links of the body, in order
  Year coverageStart, coverageEnd;
  std::vector<Located> dataTypes;
  // Categories.
  std::vector<Located> broader;
  // Categories and sources: the schema.org class of `schemaType:`, nullptr when unset or unknown.
  const SchemaClass* schemaType = nullptr;
  // Guides: a section's IRI for each heading, a place's IRI for each bold mention of a link.
  std::vector<Atom> sectionIris;
  std::vector<std::vector<Atom>> placeIris;
};

// An absolute http(s) link that does not lead into the site.
bool isExternalLink(const SiteConfig& config, const std::string& dest) {
  if (!dest.starts_with("http://") && !dest.starts_with("https://")) return false;
  const std::string& base = config.baseUrl;
  const std::string rest = base.substr(base.find("://"));
  const std::string after = dest.substr(dest.find("://"));
  return !(after.starts_with(rest) || after + "/" == rest);
}

// "categories" and "category", "countries" and "country": one word to Hugo's readers, two
// different keys to Hugo.
std::string keyStem(std::string_view key) {
  std::string k(key);
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (k.ends_with("ies")) return k.substr(0, k.size() - 3) + "y";
  if (k.ends_with("s")) k.pop_back();
  return k;
}

// Front matter keys that look like taxonomies but are none of the site's: a near miss of a
// declared taxonomy's key (`categories:` where the site declares `category`), or a key
// guidegraph reads as a taxonomy that the site does not declare (`countries:` without a
// `countries` taxonomy). Hugo files such a page under no term of it; neither can guidegraph.
void checkTaxonomyKeys(const SiteConfig& config, const PageFragment& f, Diagnostics& diags) {
  static constexpr std::string_view kTaxonomyLike[] = {"countries",   "categories",   "category",
                                                       "contributor", "contributors", "tags"};
  for (const FmEntry& e : f.frontMatter.entries) {
    const bool declared = std::any_of(config.taxonomies.begin(), config.taxonomies.end(),
                                      [&](const Taxonomy& t) { return t.plural == e.key; });
    if (declared) continue;
    const std::string stem = keyStem(e.key);
    const auto near =
        std::find_if(config.taxonomies.begin(), config.taxonomies.end(), [&](const Taxonomy& t) {
          return t.singular == e.key || keyStem(t.plural) == stem || keyStem(t.singular) == stem;
        });
    const std::string where =
        config.configFile.empty() ? "the site configuration" : config.configFile;
    if (near != config.taxonomies.end()) {
      diags.add(Severity::Warning, e.keyPos, "taxonomy-key",
                "`" + e.key + ":` is not a taxonomy of this site, so Hugo files the page under " +
                    "no term of it; the site's taxonomy is `" + near->plural +
                    "` (declared in [taxonomies] of " + where + "): rename the key to `" +
                    near->plural + ":`");
      continue;
    }
    if (std::find(std::begin(kTaxonomyLike), std::end(kTaxonomyLike), e.key) !=
        std::end(kTaxonomyLike)) {
      diags.add(Severity::Warning, e.keyPos, "taxonomy-key",
                "`" + e.key + ":` is given, but the site declares no `" + e.key +
                    "` taxonomy, so Hugo makes nothing of it and guidegraph cannot read it; " +
                    "declare it under [taxonomies] in " + where + " (`" + keyStem(e.key) + " = \"" +
                    e.key + "\"`)");
    }
  }
}

// The first value of a key that holds a year, or a list of one year ("date_start: [2010]").
Located firstValue(const PageFragment& f, std::string_view key, Diagnostics& diags) {
  std::vector<Located> values = listValues(f, key, diags);
  return values.empty() ? Located{} : std::move(values.front());
}

// A source page's values: website, wikidata, languages (tags, or names the site or the
// language table knows), other names, the external links of its body, coverage, data types.
void prepareSource(const SiteConfig& config, const SiteConventions& conventions,
                   const PageFragment& f, PagePrep& prep) {
  Diagnostics& graphDiags = prep.graphDiags;
  prep.website = located(f, conventions.websiteKey);
  prep.wikidata = ValueCheck::wikidata(located(f, "wikidata"), graphDiags);
  for (Located& l : listValues(f, conventions.languagesKey, graphDiags)) {
    std::string tag = languageTagOf(conventions, l.value);
    if (tag.empty()) {
      graphDiags.add(Severity::Warning, l.pos, "bad-language",
                     "language '" + l.value +
                         "' is neither a BCP 47 tag nor a language name guidegraph knows; "
                         "write a tag such as 'kk' or a name such as 'Kazakh', or map the "
                         "name under params.guidegraph.languageNames");
      continue;
    }
    // A name mapped under params.guidegraph.languageNames may map to what is no tag.
    if (LanguageTag checked = ValueCheck::language({std::move(tag), l.pos}, graphDiags);
        !checked.empty())
      prep.languages.push_back(std::move(checked));
  }
  prep.alternateNames = listValues(f, "alternateName", graphDiags);
  for (const BodyLink& link : f.links) {
    if (link.form == LinkForm::Markdown && isExternalLink(config, link.destination))
      prep.bodyLinks.push_back({link.destination, link.text, link.pos});
  }
  prep.coverageStart = ValueCheck::year(firstValue(f, conventions.coverageStartKey, graphDiags),
                                        conventions.coverageStartKey, graphDiags);
  prep.coverageEnd = ValueCheck::year(firstValue(f, conventions.coverageEndKey, graphDiags),
                                      conventions.coverageEndKey, graphDiags);
  prep.dataTypes = listValues(f, conventions.dataTypesKey, graphDiags);
}

// A guide's section IRIs (one per heading) and the IRIs of the places its links name.
void prepareGuide(const PageFragment& f, PagePrep& prep) {
  const Page& page = prep.page;
  for (const Heading& h : f.headings) {
    prep.sectionIris.emplace_back(text::encodeIri(page.permalink + "#" + h.anchor));
  }
  prep.placeIris.resize(f.links.size());
  for (std::size_t k = 0; k < f.links.size(); ++k) {
    for (const auto& mention : f.links[k].mentions) {
      prep.placeIris[k].emplace_back(
          text::encodeIri(page.permalink + "#place-" + text::urlize(mention)));
    }
  }
}

PagePrep preparePage(const SiteConfig& config, const SiteConventions& conventions,
                     const BuildOptions& options, std::chrono::sys_seconds now,
                     const ContentFile& file, std::shared_ptr<const PageFragment> fragment) {
  PagePrep prep;
  Page& page = prep.page;
  page.fragment = std::move(fragment);
  const PageFragment& f = *page.fragment;
  if (!f.usable) return prep;
  Diagnostics& diags = prep.diags;
  page.file = f.path;
  page.contentPath = file.contentPath;
  page.language = file.language;
  if (const Language* l = config.language(file.language)) page.languageCode = l->code;
  page.draft = isTrue(f.frontMatter.get("draft"));
  if (const FmValue* d = f.frontMatter.get("draft");
      d && d->isScalar() && !isTrue(d) && d->scalar != "false" && d->scalar != "False") {
    diags.add(Severity::Error, f.frontMatter.entry("draft")->keyPos, "front-matter-type",
              "'draft' must be true or false, not '" + d->scalar +
                  "'; the page is built as if it were false");
  }
  page.urlPath = pageUrlPath(
      config, PageLocation{file.contentPath, file.language, file.sectionPath}, f.frontMatter);
  page.permalink = permalinkFor(config, page.language, page.urlPath);
  checkScalarKeys(f, diags);
  checkTaxonomyKeys(config, f, diags);
  page.title = located(f, "title").value;
  page.branch = fs::path(page.contentPath).stem() == "_index";
  // Without the cascades of the sections above, which classify() adds when there are any.
  page.unbuilt = buildState(page, config, options, Cascades(), now);
  page.kind = kindOf(config, conventions, page);
  for (const auto& alias : listValues(f, "aliases", diags)) {
    page.aliases.push_back(text::resolvePath(page.urlPath, alias.value));
  }

  prep.pageIri = text::encodeIri(page.permalink);
  const bool term = isTermKind(page.kind);
  const bool source = page.kind == PageKind::Source;
  const bool guide = page.kind == PageKind::Guide;
  if (!term && !source && !guide) return prep;
  if (term || source) prep.entityIri = text::encodeIri(page.permalink + "#id");
  Diagnostics& graphDiags = prep.graphDiags;
  prep.created = ValueCheck::date(located(f, "created"), "created", graphDiags);
  prep.issued = ValueCheck::date(located(f, "date"), "date", graphDiags);
  prep.modified = ValueCheck::date(located(f, "lastmod"), "lastmod", graphDiags);
  prep.weight = ValueCheck::weight(located(f, "weight"), graphDiags);
  if (page.kind == PageKind::Category && taxonomyForRole(config, TaxonomyRole::Category)) {
    prep.broader = listValues(f, "broader", graphDiags);
  }
  if (page.kind == PageKind::Category || source) {
    const FmEntry* type = f.frontMatter.entry("schemaType");
    if (type && type->value.isScalar()) {
      prep.schemaType =
          checkedSchemaClass(text::trim(type->value.scalar),
                             type->value.pos.line ? type->value.pos : type->keyPos, graphDiags);
    }
  }
  if (source) prepareSource(config, conventions, f, prep);
  if (guide) prepareGuide(f, prep);
  return prep;
}

// Parses every file on all cores, and prepares each page on the calling thread, in order, as
// soon as its file is parsed: the preparing runs while the other files are still being
// parsed.
std::vector<PagePrep> parseAll(const SiteConfig& config, const SiteConventions& conventions,
                               const std::vector<ContentFile>& files, const BuildOptions& options) {
  const std::size_t n = files.size();
  std::vector<PagePrep> out(n);
  std::vector<std::shared_ptr<const PageFragment>> fragments(n);
  const std::unique_ptr<std::atomic<bool>[]> parsed(new std::atomic<bool>[n]());
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progressMutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      fragments[i] = std::make_shared<const PageFragment>(
          parsePageFile(files[i].fsPath, files[i].display, options.limits));
      parsed[i].store(true, std::memory_order_release);
      parsed[i].notify_one();
      if (options.progress) {
        const std::lock_guard lock(progressMutex);
        options.progress(++done, n);
      }
    }
  };
  const unsigned threads =
      static_cast<unsigned>(std::min<std::size_t>(threadCount(options.threads), n));
  std::vector<std::jthread> pool;
  if (threads <= 1) {
    work();
  } else {
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  for (std::size_t i = 0; i < n; ++i) {
    parsed[i].wait(false, std::memory_order_acquire);
    out[i] = preparePage(config, conventions, options, now, files[i], std::move(fragments[i]));
  }
  return out;
}

// What a page "unbuilt" means to the reader of a link-to-draft message.
std::string unbuiltWhy(const Page& page) {
  switch (page.unbuilt) {
    case Unbuilt::Future:
      return page.file +
             ", whose publishDate (or date) is in the future, so Hugo does not build it yet "
             "(--build-future builds it); wait for it";
    case Unbuilt::Expired:
      return page.file +
             ", whose expiryDate has passed, so Hugo no longer builds it "
             "(--build-expired builds it); renew it";
    case Unbuilt::Headless:
    case Unbuilt::NotRendered:
      return page.file +
             ", which Hugo does not render (headless or `_build: render: never`); render it";
    case Unbuilt::Draft:
    case Unbuilt::Built:
      break;
  }
  return "the draft " + page.file + ", which is not published; remove `draft: true` there";
}

class SiteBuilder {
 public:
  SiteBuilder(Site& site, const BuildOptions& options, Diagnostics& diags)
      : site_(site), options_(options), diags_(diags) {}

  void classify(std::vector<PagePrep>& preps) {
    std::vector<PagePrep*> published;
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    Cascades cascades;
    for (const PagePrep& prep : preps) {
      const Page& page = prep.page;
      if (!page.fragment->usable || !page.branch) continue;
      if (const FmValue* c = page.fragment->frontMatter.getNoCase("cascade")) {
        const FmValue* values = c->isMap() ? c : nullptr;
        // Not `c->isList() ? c->items : std::vector<FmValue>()`: that is a copy, and `values`
        // would point into it after the loop.
        if (c->isList()) {
          for (const FmValue& item : c->items) {
            if (item.isMap() && !item.getNoCase("_target")) values = &item;
          }
        }
        if (values) cascades.emplace(contentKey(page.language, parentOf(page.contentPath)), values);
      }
    }
    for (PagePrep& prep : preps) {
      diags_.append(prep.page.fragment->diagnostics);
      if (!prep.page.fragment->usable) continue;
      diags_.append(prep.diags);
      if (!cascades.empty())
        prep.page.unbuilt = buildState(prep.page, site_.config, options_, cascades, now);
      if (prep.page.unbuilt != Unbuilt::Built) {
        site_.drafts.push_back(std::move(prep.page));
      } else {
        published.push_back(&prep);
      }
    }
    // Of two pages at one URL the first (in content path order) keeps it; the other is
    // reported and left out, or both would describe one IRI with a mix of their statements.
    site_.pages.reserve(published.size());
    preps_.reserve(published.size());
    // URL paths are unique unless languages have base URLs of their own (a multihost site).
    const bool multihost = std::any_of(site_.config.languages.begin(), site_.config.languages.end(),
                                       [](const Language& l) { return !l.baseUrl.empty(); });
    auto& byAddress = multihost ? byPermalink_ : byUrl_;
    for (PagePrep* prep : published) {
      Page& page = prep->page;
      const std::string& address = multihost ? page.permalink : page.urlPath;
      if (const auto it = byAddress.find(address); it != byAddress.end()) {
        diags_.add(Severity::Error, page.fragment->frontMatterPos, "duplicate-permalink",
                   "page has the same URL " + page.urlPath + " as " + site_.pages[it->second].file +
                       " and is left out; give one of them another `slug` or `url`");
        continue;
      }
      if (multihost) byPermalink_.emplace(page.permalink, site_.pages.size());
      diags_.append(prep->graphDiags);
      byUrl_.emplace(page.urlPath, site_.pages.size());
      byContentPath_.emplace(contentKey(page.language, page.contentPath), site_.pages.size());
      site_.pages.push_back(std::move(page));
      preps_.push_back(prep);
    }
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      for (const auto& alias : site_.pages[i].aliases) byUrl_.emplace(alias, i);
    }
    for (std::size_t i = 0; i < site_.drafts.size(); ++i) {
      draftsByUrl_.emplace(site_.drafts[i].urlPath, i);
      draftsByContentPath_.emplace(
          contentKey(site_.drafts[i].language, site_.drafts[i].contentPath), i);
    }
  }

  void buildGraph() {
    graph().reserveVertices(vertexBound());
    // Term pages first, so entities take their names from their own pages.
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      if (isTermKind(site_.pages[i].kind)) addTermPage(i);
    }
    sourceEntities_.assign(site_.pages.size(), std::nullopt);
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      if (site_.pages[i].kind == PageKind::Source) addSource(i);
    }
    std::vector<std::size_t> guides;
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      if (site_.pages[i].kind != PageKind::Guide) continue;
      const Atom iri = preps_[i]->pageIri;
      const VertexId guide = graph().vertex(VertexKind::Guide, iri, iri);
      linkTaxonomies(i, guide, guide);
      guides.push_back(i);
    }
    // Every term is in the graph now: the guides' links are resolved on all cores (the
    // graph is only read), then the guides are added one after the other.
    const std::vector<std::vector<Resolved>> resolved = resolveLinks(guides);
    for (std::size_t g = 0; g < guides.size(); ++g) addGuide(guides[g], resolved[g]);
    linkTranslations(guides);
  }

 private:
  // A guide's translations, as Hugo links them: pages of different languages with the same
  // `translationKey`, or else the same path in their languages' content. The one in the
  // earliest language of the site (the default language first) is the work the others
  // translate. Guides Hugo does not link but that look like translations of one another
  // (the same countries, the same sources recommended) get an info suggesting a key.
  void linkTranslations(const std::vector<std::size_t>& guides) {
    const auto rank = [&](const std::string& language) {
      if (language == site_.config.defaultLanguage) return std::size_t{0};
      for (std::size_t i = 0; i < site_.config.languages.size(); ++i) {
        if (site_.config.languages[i].key == language) return i + 1;
      }
      return site_.config.languages.size() + 1;
    };
    std::map<std::string, std::vector<std::size_t>> groups;
    for (const std::size_t i : guides) {
      const Page& page = site_.pages[i];
      const Located key = located(*page.fragment, "translationKey");
      groups[key.value.empty() ? "path\0" + page.contentPath : "key\0" + key.value].push_back(i);
    }
    std::vector<bool> linked(site_.pages.size(), false);
    for (auto& [key, members] : groups) {
      std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
        return rank(site_.pages[a].language) < rank(site_.pages[b].language);
      });
      const std::size_t original = members.front();
      for (std::size_t k = 1; k < members.size(); ++k) {
        const Page& page = site_.pages[members[k]];
        if (page.language == site_.pages[original].language) continue;
        const VertexId* from = graph().find(preps_[members[k]]->pageIri.str());
        const VertexId* to = graph().find(preps_[original]->pageIri.str());
        if (!from || !to) continue;
        graph().edge(*from, *to, EdgeKind::TranslationOf, page.fragment->frontMatterPos);
        linked[members[k]] = linked[original] = true;
      }
    }
    // What a guide covers and recommends, compared across languages by term and page.
    const auto profile = [&](std::size_t i) {
      std::set<std::string> countries, sources;
      const VertexId* v = graph().find(preps_[i]->pageIri.str());
      if (!v) return std::pair{countries, sources};
      for (auto [e, end] = boost::out_edges(*v, graph().impl()); e != end; ++e) {
        const VertexProps& t = graph()[boost::target(*e, graph().impl())];
        if (graph().impl()[*e].kind == EdgeKind::Country)
          countries.insert(text::urlize(t.name.value));
        if (graph().impl()[*e].kind == EdgeKind::Recommends) sources.insert(t.iri.str());
      }
      return std::pair{countries, sources};
    };
    for (const std::size_t i : guides) {
      const Page& page = site_.pages[i];
      if (linked[i] || rank(page.language) == 0) continue;
      const auto mine = profile(i);
      if (mine.second.empty()) continue;
      for (const std::size_t j : guides) {
        const Page& other = site_.pages[j];
        if (rank(other.language) != 0 || linked[j] || profile(j) != mine) continue;
        const std::string suggested = text::urlize(fs::path(other.contentPath).stem().string());
        diags_.add(Severity::Info, page.fragment->frontMatterPos, "translation-key",
                   "guide '" + page.title + "' (" + page.language +
                       ") covers the same countries and recommends the same " +
                       std::to_string(mine.second.size()) + " sources as '" + other.title + "' (" +
                       other.file + "); if it is its translation, give both " +
                       "`translationKey: \"" + suggested +
                       "\"` so that Hugo links them and guidegraph writes " +
                       "schema:translationOfWork");
        break;
      }
    }
  }

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

  // The entity a taxonomy term stands for ("Kazakhstan" -> /countries/kazakhstan/#id).
  VertexId termEntity(const Taxonomy& tax, const Located& term, const std::string& language) {
    // Most pages name the same few countries, categories and contributors: each term's
    // vertex is looked up once. The first use of a term named it; later ones change nothing.
    std::string key = language;
    key += '\0';
    key += tax.plural;
    key += '\0';
    key += term.value;
    if (const auto it = termVertices_.find(key); it != termVertices_.end()) return it->second;
    const VertexId v = newTermEntity(tax, term, language);
    termVertices_.emplace(std::move(key), v);
    return v;
  }

  VertexId newTermEntity(const Taxonomy& tax, const Located& term, const std::string& language) {
    const std::string page =
        permalinkOf(site_.config, language, termUrlPath(site_.config, tax, term.value, language));
    const std::string iri = text::encodeIri(page + "#id");
    const bool existed = graph().find(iri) != nullptr;
    const VertexId v = graph().vertex(vertexKindFor(tax.role), iri, text::encodeIri(page));
    if (!existed) {
      graph()[v].name = term;
      graph()[v].pos = term.pos;
      graph()[v].lang = Atom(textLanguageOf(site_.config, language));
    }
    return v;
  }

  void linkTaxonomies(std::size_t pageIndex, VertexId pageVertex, VertexId entity) {
    const PageFragment& f = *site_.pages[pageIndex].fragment;
    for (const auto& tax : site_.config.taxonomies) {
      if (tax.role == TaxonomyRole::Other) continue;
      for (const auto& term : listValues(f, tax.plural, diags_)) {
        const VertexId v = termEntity(tax, term, site_.pages[pageIndex].language);
        switch (tax.role) {
          case TaxonomyRole::Country:
            graph().edge(entity, v, EdgeKind::Country, term.pos);
            break;
          case TaxonomyRole::Category:
            graph().edge(entity, v, EdgeKind::InCategory, term.pos);
            break;
          case TaxonomyRole::Contributor:
            graph().edge(pageVertex, v, EdgeKind::Contributor, term.pos);
            break;
          case TaxonomyRole::Tag:
            graph().edge(pageVertex, v, EdgeKind::Tag, term.pos);
            break;
          case TaxonomyRole::Other:
            break;
        }
      }
    }
  }

  void fillCommon(VertexProps& v, const Page& page, const PagePrep& prep) {
    const PageFragment& f = *page.fragment;
    v.file = page.file;
    v.lang = Atom(textLanguage(site_.config, page));
    v.pos = f.frontMatterPos;
    v.name = located(f, "title");
    v.description = located(f, "description");
    v.created = prep.created;
    v.issued = prep.issued;
    v.modified = prep.modified;
    v.weight = prep.weight;
    v.linkTitle = located(f, "linkTitle");
  }

  void addTermPage(std::size_t pageIndex) {
    const Page& page = site_.pages[pageIndex];
    const PagePrep& prep = *preps_[pageIndex];
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
    const VertexId web = graph().vertex(VertexKind::WebPage, prep.pageIri, prep.pageIri);
    fillCommon(graph()[web], page, prep);
    const VertexId entity = graph().vertex(vertexKindFor(role), prep.entityIri, prep.pageIri);
    fillCommon(graph()[entity], page, prep);
    graph().edge(web, entity, EdgeKind::MainEntity, page.fragment->frontMatterPos);
    if (role == TaxonomyRole::Category && prep.schemaType)
      graph()[entity].schemaTypes = {prep.schemaType};
    if (role == TaxonomyRole::Category) {
      if (const Taxonomy* tax = taxonomyForRole(site_.config, TaxonomyRole::Category)) {
        for (const auto& broader : prep.broader) {
          graph().edge(entity, termEntity(*tax, broader, page.language), EdgeKind::Broader,
                       broader.pos);
        }
      }
    }
  }

  void addSource(std::size_t pageIndex) {
    const Page& page = site_.pages[pageIndex];
    PagePrep& prep = *preps_[pageIndex];
    const VertexId web = graph().vertex(VertexKind::WebPage, prep.pageIri, prep.pageIri);
    fillCommon(graph()[web], page, prep);
    const VertexId entity = graph().vertex(VertexKind::Source, prep.entityIri, prep.pageIri);
    sourceEntities_[pageIndex] = entity;
    VertexProps& s = graph()[entity];
    fillCommon(s, page, prep);
    // Nothing else reads these.
    s.wikidata = std::move(prep.wikidata);
    s.languages = std::move(prep.languages);
    s.alternateNames = std::move(prep.alternateNames);
    s.coverageStart = std::move(prep.coverageStart);
    s.coverageEnd = std::move(prep.coverageEnd);
    if (prep.schemaType) s.schemaTypes = {prep.schemaType};
    s.ownSchemaType = prep.schemaType != nullptr;
    // The website: the front matter key, or the first external link of the body; the body's
    // other external links are further reading about the source.
    const bool fromBody = site_.conventions.websiteFrom == WebsiteFrom::Body;
    Located website;
    if (fromBody && !prep.bodyLinks.empty()) {
      website = Located{prep.bodyLinks.front().url, prep.bodyLinks.front().pos};
    } else if (!fromBody) {
      website = std::move(prep.website);
    }
    s.website = ValueCheck::website(website, diags_);
    for (OutLink& link : prep.bodyLinks) {
      if (link.url == website.value) continue;
      if (std::any_of(s.seeAlso.begin(), s.seeAlso.end(),
                      [&](const OutLink& o) { return o.url == link.url; }))
        continue;
      s.seeAlso.push_back(std::move(link));
    }
    graph().edge(web, entity, EdgeKind::MainEntity, page.fragment->frontMatterPos);
    linkTaxonomies(pageIndex, web, entity);
    if (!prep.dataTypes.empty()) {
      const Taxonomy dataTypes{site_.conventions.dataTypesKey, site_.conventions.dataTypesKey,
                               TaxonomyRole::Other};
      for (const Located& t : prep.dataTypes) {
        const std::string pageUrl =
            permalinkOf(site_.config, page.language,
                        termUrlPath(site_.config, dataTypes, t.value, page.language));
        const Atom iri(text::encodeIri(pageUrl + "#id"));
        const bool existed = graph().find(iri.str()) != nullptr;
        const VertexId v =
            graph().vertex(VertexKind::DataType, iri, Atom(text::encodeIri(pageUrl)));
        if (!existed) {
          graph()[v].name = t;
          graph()[v].pos = t.pos;
          graph()[v].lang = graph()[entity].lang;
        }
        graph().edge(entity, v, EdgeKind::DataType, t.pos);
      }
    }
  }

  struct Resolved {
    enum class Kind { Page, Term, Draft, Missing, External, Ignored } kind = Kind::Ignored;
    std::size_t index = 0;
    VertexId term = 0;
    std::string url;   // external URL, or the path looked up
    std::string iri;   // an external page's IRI; for a source, its first recommendation's
    std::string slug;  // a source's slug
  };

  std::vector<std::vector<Resolved>> resolveLinks(const std::vector<std::size_t>& guides) const {
    std::vector<std::vector<Resolved>> out(guides.size());
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
      for (std::size_t g = next++; g < guides.size(); g = next++) {
        const Page& page = site_.pages[guides[g]];
        out[g].reserve(page.fragment->links.size());
        for (const BodyLink& link : page.fragment->links) out[g].push_back(resolve(page, link));
      }
    };
    const auto threads = std::min<std::size_t>(threadCount(options_.threads), guides.size() / 64);
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    return out;
  }

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
    for (const std::string& language : {from.language, site_.config.defaultLanguage}) {
      for (const auto& b : bases) {
        for (const std::string& c : {b, b + ".md", b + "/index.md", b + "/_index.md"}) {
          if (const auto it = index.find(contentKey(language, c)); it != index.end())
            return it->second;
        }
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

  // A link to a source becomes a recommendation: its slug, and the IRI it has unless the
  // guide recommends the source more than once.
  void withRecommendation(const Page& from, Resolved& r) const {
    const Page& target = site_.pages[r.index];
    if (target.kind != PageKind::Source) return;
    r.slug = fs::path(target.urlPath.substr(0, target.urlPath.size() - 1)).filename().string();
    r.iri = text::encodeIri(from.permalink + "#rec-" + r.slug);
  }

  Resolved resolve(const Page& from, const BodyLink& link) const {
    Resolved r;
    if (link.form != LinkForm::Markdown) {
      r.url = link.destination;
      if (auto i = lookupContent(from, link.destination, byContentPath_, site_.pages)) {
        r.kind = Resolved::Kind::Page;
        r.index = *i;
        withRecommendation(from, r);
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
        if (r.kind == Resolved::Kind::External) r.iri = text::encodeIri(r.url, true);
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
      withRecommendation(from, r);
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
      const VertexId* v =
          site_.graph.find(text::encodeIri(permalinkOf(site_.config, "", candidate) + "#id"));
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

  VertexId sectionVertex(std::size_t pageIndex, VertexId guide, int headingIndex) {
    std::optional<VertexId>& known = sections_[static_cast<std::size_t>(headingIndex)];
    if (known) return *known;
    const Page& page = site_.pages[pageIndex];
    const PagePrep& prep = *preps_[pageIndex];
    const Heading& h = page.fragment->headings[static_cast<std::size_t>(headingIndex)];
    const Atom iri = prep.sectionIris[static_cast<std::size_t>(headingIndex)];
    const bool existed = graph().find(iri.str()) != nullptr;
    const VertexId s = graph().vertex(VertexKind::Section, iri, prep.pageIri);
    if (!existed) {
      VertexProps& sp = graph()[s];
      sp.name = Located{h.text, h.pos};
      sp.pos = h.pos;
      sp.anchor = h.anchor;
      sp.file = page.file;
      sp.lang = graph()[guide].lang;
      sp.position = ++sectionCount_;
      graph().edge(guide, s, EdgeKind::HasSection, h.pos);
    }
    known = s;
    return s;
  }

  // What adding one guide's links carries from link to link.
  struct GuideBeingAdded {
    std::size_t pageIndex;
    VertexId guide;
    std::optional<VertexId> country;  // the guide's first country, for the places it names
    int position = 0;                 // of the last recommendation
    std::map<std::string, int> recIds;
  };

  void addGuide(std::size_t pageIndex, const std::vector<Resolved>& resolved) {
    const Page& page = site_.pages[pageIndex];
    const PageFragment& f = *page.fragment;
    const Atom pageIri = preps_[pageIndex]->pageIri;
    GuideBeingAdded g{pageIndex, graph().vertex(VertexKind::Guide, pageIri, pageIri), {}, 0, {}};
    fillCommon(graph()[g.guide], page, *preps_[pageIndex]);
    sectionCount_ = 0;
    sections_.assign(f.headings.size(), std::nullopt);
    for (std::size_t h = 0; h < f.headings.size(); ++h) {
      if (f.headings[h].level == f.sectionLevel)
        sectionVertex(pageIndex, g.guide, static_cast<int>(h));
    }
    for (auto [e, end] = boost::out_edges(g.guide, graph().impl()); e != end; ++e) {
      if (graph().impl()[*e].kind == EdgeKind::Country) {
        g.country = boost::target(*e, graph().impl());
        break;
      }
    }
    for (std::size_t k = 0; k < f.links.size(); ++k) addGuideLink(g, k, resolved[k]);
  }

  // The guide's k-th link, resolved: a recommendation of a source, a category its section
  // discusses, a reference to another page; a broken link or one to a draft is an error.
  void addGuideLink(GuideBeingAdded& g, std::size_t k, const Resolved& r) {
    const BodyLink& link = site_.pages[g.pageIndex].fragment->links[k];
    // The link's section (made when first needed), or the guide for a link above them all.
    const auto from = [&] {
      return link.heading >= 0 ? sectionVertex(g.pageIndex, g.guide, link.heading) : g.guide;
    };
    switch (r.kind) {
      case Resolved::Kind::Ignored:
        return;
      case Resolved::Kind::Missing:
        diags_.add(Severity::Error, link.pos, "broken-link",
                   "link '" + link.destination + "' (\"" + link.text +
                       "\") does not lead to any page of the site; fix the link or add the page");
        return;
      case Resolved::Kind::Draft:
        diags_.add(Severity::Error, link.pos, "link-to-draft",
                   "link '" + link.destination + "' leads to " + unbuiltWhy(site_.drafts[r.index]) +
                       " or remove the link");
        return;
      case Resolved::Kind::External:
        graph().edge(g.guide, graph().vertex(VertexKind::WebPage, Atom(r.iri), Atom()),
                     EdgeKind::References, link.pos);
        return;
      case Resolved::Kind::Term:
        if (graph()[r.term].kind == VertexKind::Category) {
          graph().edge(from(), r.term, EdgeKind::SectionSubject, link.pos);
        } else {
          const Atom termPage = graph()[r.term].page;
          graph().edge(g.guide, graph().vertex(VertexKind::WebPage, termPage, termPage),
                       EdgeKind::References, link.pos);
        }
        return;
      case Resolved::Kind::Page:
        break;
    }
    const PagePrep& targetPrep = *preps_[r.index];
    const VertexId section = from();
    switch (site_.pages[r.index].kind) {
      case PageKind::Source:
        if (const std::optional<VertexId>& source = sourceEntities_[r.index])
          addRecommendation(g, k, r, *source, section);
        break;
      case PageKind::Category:
        if (const VertexId* cat = graph().find(targetPrep.entityIri.str()))
          graph().edge(section, *cat, EdgeKind::SectionSubject, link.pos);
        break;
      default:
        graph().edge(g.guide,
                     graph().vertex(VertexKind::WebPage, targetPrep.pageIri, targetPrep.pageIri),
                     EdgeKind::References, link.pos);
        break;
    }
  }

  void addRecommendation(GuideBeingAdded& g, std::size_t k, const Resolved& r, VertexId source,
                         VertexId section) {
    const Page& page = site_.pages[g.pageIndex];
    const BodyLink& link = page.fragment->links[k];
    const Atom pageIri = preps_[g.pageIndex]->pageIri;
    // "#rec-<slug>", then "#rec-<slug>-2", ... for repeats: skip any IRI already taken
    // (a source whose slug is itself "<slug>-2" must not lose its recommendation).
    Atom recIri;
    for (int n = ++g.recIds[r.slug];; n = ++g.recIds[r.slug]) {
      recIri =
          n == 1
              ? Atom(r.iri)
              : Atom(text::encodeIri(page.permalink + "#rec-" + r.slug + "-" + std::to_string(n)));
      if (!graph().find(recIri.str())) break;
    }
    const VertexId rec = graph().vertex(VertexKind::Recommendation, recIri, pageIri);
    VertexProps& rp = graph()[rec];
    rp.position = ++g.position;
    rp.pos = link.pos;
    rp.file = page.file;
    rp.lang = graph()[g.guide].lang;
    rp.linkText = Located{link.text, link.pos};
    if (!link.note.empty()) rp.note = Located{link.note, link.pos};
    graph().edge(g.guide, source, EdgeKind::Recommends, link.pos);
    graph().edge(g.guide, rec, EdgeKind::HasRecommendation, link.pos);
    graph().edge(rec, source, EdgeKind::RecommendedSource, link.pos);
    if (link.heading >= 0) graph().edge(rec, section, EdgeKind::InSection, link.pos);
    for (std::size_t m = 0; m < link.mentions.size(); ++m) {
      const VertexId place =
          graph().vertex(VertexKind::Place, preps_[g.pageIndex]->placeIris[k][m], pageIri);
      graph()[place].name = Located{link.mentions[m], link.pos};
      graph()[place].lang = graph()[g.guide].lang;
      graph()[place].pos = link.pos;
      graph().edge(rec, place, EdgeKind::MentionsPlace, link.pos);
      if (g.country) graph().edge(place, *g.country, EdgeKind::PlaceIn, link.pos);
    }
  }

  KnowledgeGraph& graph() { return site_.graph; }

  Site& site_;
  const BuildOptions& options_;
  Diagnostics& diags_;
  std::vector<PagePrep*> preps_;  // by page index, into the vector classify() was given
  std::unordered_map<std::string, std::size_t> byUrl_, byContentPath_, draftsByUrl_,
      draftsByContentPath_, byPermalink_;
  std::unordered_map<std::string, VertexId> termVertices_;  // taxonomy '\0' term
  std::vector<std::optional<VertexId>> sourceEntities_;     // by page index: a source's entity
  std::vector<std::optional<VertexId>> sections_;           // the guide's, by heading index
  int sectionCount_ = 0;
};

// Completes the conventions from the pages and says in one info line what they are.
void detectConventions(Site& site, const std::vector<PagePrep>& preps, Diagnostics& diags) {
  SiteConventions& c = site.conventions;
  std::size_t sources = 0, withKey = 0, withBodyLink = 0;
  for (const PagePrep& prep : preps) {
    if (prep.page.kind != PageKind::Source) continue;
    ++sources;
    if (!prep.website.value.empty()) ++withKey;
    if (!prep.bodyLinks.empty()) ++withBodyLink;
  }
  std::string website;
  if (c.websiteFrom == WebsiteFrom::Detect) {
    c.websiteFrom = withKey == 0 && withBodyLink > 0 ? WebsiteFrom::Body : WebsiteFrom::Key;
    website = c.websiteFrom == WebsiteFrom::Body
                  ? "the first external link of the body (no source has `" + c.websiteKey + ":`)"
                  : "`" + c.websiteKey + ":`";
  } else {
    website = c.websiteFrom == WebsiteFrom::Body ? "the first external link of the body"
                                                 : "`" + c.websiteKey + ":`";
  }
  // Said only when the site differs from the defaults (guides/, sources/, `categories:`,
  // `languages:`, `website:`): then what guidegraph made of it is worth a line.
  const bool byTag = std::any_of(preps.begin(), preps.end(), [&](const PagePrep& p) {
    if (p.page.kind != PageKind::Guide) return false;
    const std::string first = p.page.contentPath.substr(0, p.page.contentPath.find('/'));
    return std::find(c.guideSections.begin(), c.guideSections.end(), first) ==
           c.guideSections.end();
  });
  const bool usual = c.websiteFrom == WebsiteFrom::Key && c.websiteKey == "website" &&
                     c.categoryTaxonomy == "categories" && c.languagesKey == "languages" && !byTag;
  if (sources == 0 || usual) return;
  std::string guides;
  for (const std::string& g : c.guideSections) guides += (guides.empty() ? "" : ", ") + g + "/";
  if (!c.guideTag.empty()) guides += " or tagged '" + c.guideTag + "'";
  diags.add(Severity::Info, c.setAt, "conventions",
            "conventions: guides in " + guides + "; sources in " + c.sourcesSection +
                "/; categories from " +
                (c.categoryTaxonomy.empty() ? std::string("no taxonomy")
                                            : "the taxonomy '" + c.categoryTaxonomy + "'") +
                "; languages from `" + c.languagesKey + ":`; websites from " + website +
                " (set others under params.guidegraph or with --conventions)");
}

}  // namespace

Site buildSite(const std::string& siteDir, const BuildOptions& options, Diagnostics& diags) {
  Site site;
  site.root = siteDir;
  site.config = loadSiteConfig(siteDir, diags, options.environment);
  site.conventions = loadConventions(site.config, options.conventionsFile, diags);
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
  std::vector<PagePrep> preps = parseAll(site.config, site.conventions, files, options);
  stageDone("parse");
  detectConventions(site, preps, diags);
  SiteBuilder builder(site, options, diags);
  builder.classify(preps);
  builder.buildGraph();
  resolveSchemaTypes(site.graph, site.conventions);
  diags.sort();
  stageDone("merge");
  return site;
}

}  // namespace guidegraph
