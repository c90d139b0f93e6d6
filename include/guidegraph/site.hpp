// The site: Hugo configuration, the pages of content/ with their permalinks, and the
// knowledge graph merged from every page's fragment.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/fragment.hpp"
#include "guidegraph/graph.hpp"

namespace guidegraph {

// What a taxonomy's terms stand for in the graph.
enum class TaxonomyRole : std::uint8_t { Country, Contributor, Category, Tag, Other };

struct Taxonomy {
  std::string singular;
  std::string plural;  // the front matter key and, by default, the URL segment
  TaxonomyRole role = TaxonomyRole::Other;
};

// A language the site builds (Hugo's [languages], or the one default language).
struct Language {
  std::string key;         // "en": Hugo's language key, lower case, the URL prefix
  std::string code;        // BCP 47 tag for text: its languageCode, else the key
  std::string name;        // languageName
  std::string contentDir;  // relative to the site ("content/en"), '/'-separated
  std::string baseUrl;     // its own baseURL (a multihost site; ends with '/'), else empty
  int weight = 0;
};

// Where content files come from: Hugo's [[module.mounts]] with a content target, or one
// mount per language content folder.
struct ContentMount {
  std::string source;    // relative to the site, '/'-separated; "" is the site itself
  std::string target;    // relative to content/: "" for content itself, else "docs", ...
  std::string language;  // files without a language in their name belong to it ("": default)
  std::vector<std::string> includeFiles, excludeFiles;  // Hugo globs, relative to source
};

struct SiteConfig {
  std::string baseUrl;  // always ends with '/'
  std::string title;
  std::string languageCode;
  std::vector<Taxonomy> taxonomies;
  std::map<std::string, std::string> permalinks;  // section or taxonomy -> pattern
  std::string guidesSection = "guides";
  std::string sourcesSection = "sources";
  std::string configFile;                // the first configuration file read, relative to the site
  std::vector<std::string> configFiles;  // every configuration file read, in merge order
  std::vector<Language> languages;       // by weight, then key; never empty once loaded
  std::string defaultLanguage = "en";
  bool defaultLanguageInSubdir = false;
  std::vector<ContentMount> mounts;
  bool uglyUrls = false;                     // uglyURLs = true
  std::map<std::string, bool> uglySections;  // uglyURLs = {section = bool}
  bool disablePathToLower = false;
  bool buildDrafts = false, buildFuture = false, buildExpired = false;
  std::vector<std::string> disableKinds;  // lower case: "taxonomy", "term", "section", ...
  std::vector<std::string> ignoreFiles;   // regular expressions
  // The `params` table of the configuration (Null if there is none), with positions: read
  // by the catalog (params.guidegraph.*) and publish (params.license).
  FmValue params;

  // The language with this key, or nullptr.
  [[nodiscard]] const Language* language(std::string_view key) const;
  // The URL of the site's root for a language: its own baseURL or the site's, followed by
  // "<key>/" unless it is the default language at the root.
  [[nodiscard]] std::string languageRoot(std::string_view key) const;
};

enum class PageKind : std::uint8_t {
  Home,
  Section,
  Guide,
  Source,
  Category,
  Country,
  Contributor,
  Tag,
  Other
};
const char* pageKindName(PageKind k);

// Why Hugo does not build a page (it is kept aside so that links to it can be explained).
// Headless: a headless bundle or `_build: {render: never, list: never}`; NotRendered:
// `_build: render: never` alone (Hugo lists the page, without a permalink).
enum class Unbuilt : std::uint8_t { Built, Draft, Future, Expired, Headless, NotRendered };

struct Page {
  std::string file;          // path relative to the site: "content/guides/kazakhstan/index.md"
  std::string contentPath;   // logical, relative to content/: "guides/kazakhstan/index.md"
  std::string language;      // Hugo's language key: "en"
  std::string languageCode;  // its BCP 47 tag (Hugo's languageCode, else the key): "en-US"
  PageKind kind = PageKind::Other;
  bool branch = false;  // _index.md
  bool draft = false;
  Unbuilt unbuilt = Unbuilt::Built;
  bool unlisted = false;  // `_build: list: never`: built, but in no list (nor `hugo list all`)
  std::string urlPath;    // "/guides/kazakhstan/" ("/ru/..." in another language), not encoded
  std::string permalink;  // as Hugo's .Permalink: the language's base URL + urlPath, %-encoded
  std::string title;
  std::vector<std::string> aliases;  // URL paths that redirect here
  std::shared_ptr<const PageFragment> fragment;
};

struct BuildOptions {
  std::string baseOverride;  // --base
  bool includeDrafts = false;
  bool includeFuture = false;   // --build-future: pages whose publishDate/date is ahead
  bool includeExpired = false;  // --build-expired: pages whose expiryDate has passed
  std::string environment;      // Hugo's environment for config/<env>/: "" is production
  unsigned threads = 0;         // 0: one per core
  ParseLimits limits;
  std::size_t maxFiles = 1000000;
  // Called after each content file is parsed, from the parsing threads but never two calls
  // at once: files parsed so far and the total. For progress lines; may be left empty.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Called on the calling thread as each stage of buildSite ends: "scan", "parse", "merge".
  std::function<void(const char* stage)> stageDone;
};

struct Site {
  std::string root;
  SiteConfig config;
  std::vector<Page> pages;   // sorted by contentPath; drafts included only with includeDrafts
  std::vector<Page> drafts;  // excluded pages (drafts, future, expired, headless), kept so
                             // that links to them can be explained
  KnowledgeGraph graph;
  std::size_t filesScanned = 0;
};

// Reads the site configuration as Hugo 0.111 does: hugo.toml|yaml|yml|json, else
// config.*, then the folder config/_default/ and config/<environment>/ merged over it.
[[nodiscard]] SiteConfig loadSiteConfig(const std::string& siteDir, Diagnostics& diags,
                                        const std::string& environment = "");

// Where a content file sits, as far as its URL is concerned.
struct PageLocation {
  std::string contentPath;  // logical, relative to content/, language suffix removed
  std::string language;     // "" for the default language
  std::string sectionPath;  // the nearest section folder above it ("guides/kazakhstan")
};

// Computes a page's URL path the way Hugo 0.111 does (sections, bundles, slug, url,
// [permalinks], uglyURLs, the language prefix). Not percent-encoded.
[[nodiscard]] std::string pageUrlPath(const SiteConfig& config, const PageLocation& where,
                                      const FmValue& frontMatter);
// The same for a page of the default language whose section is its folder.
[[nodiscard]] std::string pageUrlPath(const SiteConfig& config, const std::string& contentPath,
                                      const FmValue& frontMatter);

// The URL path of a taxonomy term page: "/contributor/ryan-womack/".
[[nodiscard]] std::string termUrlPath(const SiteConfig& config, const Taxonomy& taxonomy,
                                      const std::string& term, std::string_view language = {});
// The URL path of a taxonomy's own page (the list of its terms): "/contributor/".
[[nodiscard]] std::string taxonomyUrlPath(const SiteConfig& config, const Taxonomy& taxonomy,
                                          std::string_view language = {});

// A URL path's permalink as Hugo's .Permalink writes it: the language's base URL and the
// path percent-encoded like Go's url.URL (non-ASCII bytes and spaces escaped, '+' kept).
[[nodiscard]] std::string permalinkFor(const SiteConfig& config, std::string_view language,
                                       std::string_view urlPath);

// One page of `guidegraph pages`: every page Hugo builds, with or without a content file
// (home, sections, taxonomy and term pages Hugo makes on its own).
struct ListedPage {
  std::string file;  // "" for a page without a content file
  std::string kind;  // pageKindName, or "taxonomy" / "term"
  std::string language;
  bool draft = false;
  std::string permalink;
};
[[nodiscard]] std::vector<ListedPage> listPages(const Site& site);

// Scans content/, parses every page (in parallel), merges, resolves links and builds the
// graph. Problems with the input become diagnostics; the rest of the site is still built.
[[nodiscard]] Site buildSite(const std::string& siteDir, const BuildOptions& options,
                             Diagnostics& diags);

}  // namespace guidegraph
