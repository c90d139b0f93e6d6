// The site: Hugo configuration, the pages of content/ with their permalinks, and the
// knowledge graph merged from every page's fragment.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "guidegraph/conventions.hpp"
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

struct SiteConfig {
  std::string baseUrl;  // always ends with '/'
  std::string title;
  std::string languageCode;
  std::vector<Taxonomy> taxonomies;
  std::map<std::string, std::string> permalinks;  // section or taxonomy -> pattern
  std::string guidesSection = "guides";
  std::string sourcesSection = "sources";
  std::string configFile;  // the file read, relative to the site
  // [[module.mounts]] inside content/: folder on disk -> logical folder ("category" ->
  // "categories"), both relative to content/.
  std::vector<std::pair<std::string, std::string>> contentMounts;
  // The `params` table of the configuration (Null if there is none), with positions: read
  // by the catalog (params.guidegraph.*) and publish (params.license).
  FmValue params;
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

struct Page {
  std::string file;         // path shown in messages: "content/guides/kazakhstan/index.md"
  std::string contentPath;  // relative to content/: "guides/kazakhstan/index.md"
  PageKind kind = PageKind::Other;
  bool branch = false;  // _index.md
  bool draft = false;
  std::string urlPath;    // "/guides/kazakhstan/"
  std::string permalink;  // baseUrl + urlPath without its leading '/'
  std::string title;
  std::vector<std::string> aliases;  // URL paths that redirect here
  std::shared_ptr<const PageFragment> fragment;
};

struct BuildOptions {
  std::string baseOverride;  // --base
  bool includeDrafts = false;
  unsigned threads = 0;  // 0: one per core
  ParseLimits limits;
  std::size_t maxFiles = 1000000;
  // Called after each content file is parsed, from the parsing threads but never two calls
  // at once: files parsed so far and the total. For progress lines; may be left empty.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Called on the calling thread as each stage of buildSite ends: "scan", "parse", "merge".
  std::function<void(const char* stage)> stageDone;
  // --conventions: a file of the site's conventions (keys as under params.guidegraph).
  std::string conventionsFile;
};

struct Site {
  std::string root;
  SiteConfig config;
  std::vector<Page> pages;   // sorted by contentPath; drafts included only with includeDrafts
  std::vector<Page> drafts;  // excluded drafts, kept so that links to them can be explained
  KnowledgeGraph graph;
  std::size_t filesScanned = 0;
  SiteConventions conventions;  // as configured, completed by what was detected
};

// Reads hugo.toml / config.toml (or .yaml/.json) of `siteDir`.
[[nodiscard]] SiteConfig loadSiteConfig(const std::string& siteDir, Diagnostics& diags);

// Computes a page's URL path the way Hugo 0.111 does (sections, bundles, slug, url,
// [permalinks]).
[[nodiscard]] std::string pageUrlPath(const SiteConfig& config, const std::string& contentPath,
                                      const FmValue& frontMatter);

// The URL path of a taxonomy term page: "/contributor/ryan-womack/".
[[nodiscard]] std::string termUrlPath(const SiteConfig& config, const Taxonomy& taxonomy,
                                      const std::string& term);

// Scans content/, parses every page (in parallel), merges, resolves links and builds the
// graph. Problems with the input become diagnostics; the rest of the site is still built.
[[nodiscard]] Site buildSite(const std::string& siteDir, const BuildOptions& options,
                             Diagnostics& diags);

}  // namespace guidegraph
