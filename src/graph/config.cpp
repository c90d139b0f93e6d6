#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "guidegraph/read_file.hpp"
#include "guidegraph/site.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph {
namespace {

namespace fs = std::filesystem;

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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string scalarOr(const FmValue* v, std::string fallback) {
  return v && v->isScalar() ? v->scalar : std::move(fallback);
}

bool truthy(const FmValue* v) {
  return v && v->isScalar() && (v->scalar == "true" || v->scalar == "True" || v->scalar == "TRUE");
}

std::vector<std::string> scalarList(const FmValue* v) {
  std::vector<std::string> out;
  if (!v) return out;
  if (v->isScalar() && !v->scalar.empty()) out.push_back(v->scalar);
  if (v->isList()) {
    for (const auto& item : v->items) {
      if (item.isScalar()) out.push_back(item.scalar);
    }
  }
  return out;
}

// Merges `over` into `base` as Hugo merges configuration files: maps key by key
// (case-insensitively, recursively), any other value of `over` replaces the one in `base`.
void mergeOver(FmValue& base, const FmValue& over) {
  if (!base.isMap() || !over.isMap()) {
    base = over;
    return;
  }
  for (const auto& e : over.entries) {
    auto it = std::find_if(base.entries.begin(), base.entries.end(),
                           [&](const FmEntry& b) { return text::equalsNoCase(b.key, e.key); });
    if (it == base.entries.end()) {
      base.entries.push_back(e);
    } else if (it->value.isMap() && e.value.isMap()) {
      mergeOver(it->value, e.value);
    } else {
      it->value = e.value;
      it->keyPos = e.keyPos;
    }
  }
}

constexpr std::array<std::pair<const char*, FrontMatterFormat>, 4> kConfigExtensions{
    {{"toml", FrontMatterFormat::Toml},
     {"yaml", FrontMatterFormat::Yaml},
     {"yml", FrontMatterFormat::Yaml},
     {"json", FrontMatterFormat::Json}}};

std::optional<FrontMatterFormat> configFormat(const fs::path& p) {
  const std::string ext = lower(p.extension().string());
  for (const auto& [name, format] : kConfigExtensions) {
    if (ext == std::string(".") + name) return format;
  }
  return std::nullopt;
}

FmValue readConfigFile(const std::string& siteDir, const std::string& rel, FrontMatterFormat format,
                       Diagnostics& diags) {
  const fs::path p = fs::path(siteDir) / rel;
  return parseDataDocument(rel, readFile(p.string()).value_or(""), format, diags);
}

// Wraps `value` in maps along `path`: {"languages", "en", "menus"} -> languages.en.menus.
FmValue nestedUnder(const std::vector<std::string>& path, FmValue value) {
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    FmValue map;
    map.kind = FmValue::Kind::Map;
    map.pos = value.pos;
    map.entries.push_back(FmEntry{*it, value.pos, std::move(value)});
    value = std::move(map);
  }
  return value;
}

// A folder of configuration files (config/_default/, config/production/): "hugo.toml" and
// "config.toml" hold top-level keys, any other file the key it is named after, and
// "params.fr.toml" / "menus.fr.toml" the key of one language.
void mergeConfigFolder(const std::string& siteDir, const std::string& folder, FmValue& root,
                       std::vector<std::string>& files, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(fs::path(siteDir) / folder, ec)) return;
  std::vector<std::string> names;
  for (fs::recursive_directory_iterator it(fs::path(siteDir) / folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || !configFormat(it->path())) continue;
    names.push_back(it->path().lexically_relative(siteDir).generic_string());
  }
  std::sort(names.begin(), names.end());
  for (const std::string& rel : names) {
    const fs::path p(rel);
    FmValue value = readConfigFile(siteDir, rel, *configFormat(p), diags);
    files.push_back(rel);
    std::string name = lower(p.stem().string());
    std::vector<std::string> path;
    if (name != "config" && name != "hugo") {
      std::string lang;
      if (const auto dot = name.rfind('.'); dot != std::string::npos) {
        lang = name.substr(dot + 1);
        name.erase(dot);
      }
      path = {name};
      if (!lang.empty()) {
        path = {"languages", lang};
        if (name == "menu" || name == "menus") path.emplace_back("menus");
        if (name == "params") path.emplace_back("params");
      }
    }
    mergeOver(root, nestedUnder(path, std::move(value)));
  }
}

std::string withTrailingSlash(std::string url) {
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

// Configuration keys that change which pages exist or what their URLs are and that
// guidegraph does not follow; each is reported where it is set.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kUnsupportedKeys{{
    {"frontmatter", "custom front matter date keys"},
    {"cascade", "a site-wide cascade"},
    {"removePathAccents", "accents removed from URLs"},
    {"segments", "segments"},
    {"timeZone", "the time zone of dates in URLs and of publishDate"},
    {"paginatePath", "pager URLs"},
}};

constexpr std::array<std::string_view, 6> kLanguageKeysFollowed{
    "contentdir", "languagecode", "languagename", "weight", "title", "baseurl"};
constexpr std::array<std::string_view, 4> kLanguageKeysIgnoredSafely{"params", "menus", "menu",
                                                                     "languagedirection"};

void warnUnsupported(const FmEntry& e, std::string_view what, Diagnostics& diags) {
  diags.add(Severity::Warning, e.keyPos, "unsupported-config",
            "'" + e.key + "' (" + std::string(what) +
                ") changes which pages Hugo builds or their URLs, and guidegraph does not "
                "follow it; its pages and IRIs may differ from Hugo's");
}

// Hugo 0.111 stops with "permalink ill-formed" on a token it does not know, such as
// :slugorcontentbasename (Hugo 0.144+); guidegraph keeps the token as written.
void checkPermalinkTokens(const FmEntry& e, Diagnostics& diags) {
  static constexpr std::string_view kTokens[] = {
      "year",    "month",    "monthname", "day",  "weekday",  "weekdayname",   "yearday",
      "section", "sections", "title",     "slug", "filename", "slugorfilename"};
  const std::string& pattern = e.value.scalar;
  for (std::size_t i = pattern.find(':'); i != std::string::npos; i = pattern.find(':', i + 1)) {
    std::size_t j = i + 1;
    while (j < pattern.size() &&
           (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_'))
      ++j;
    const std::string_view token = std::string_view(pattern).substr(i + 1, j - i - 1);
    if (token.empty() ||
        std::find(std::begin(kTokens), std::end(kTokens), token) != std::end(kTokens))
      continue;
    diags.add(Severity::Warning, e.value.pos.line ? e.value.pos : e.keyPos, "bad-permalink",
              "permalink token ':" + std::string(token) + "' in '" + pattern +
                  "' is unknown to Hugo 0.111, which stops with \"permalink ill-formed\"; use "
                  ":year :month :monthname :day :weekday :weekdayname :yearday :section "
                  ":sections :title :slug :filename or :slugorfilename");
  }
}

// YAML 1.1, which Hugo 0.111 reads, makes a language key `no`, `yes`, `on`, `off`, `y` or
// `n` a boolean: Hugo builds that language under /false/ or /true/ (a Hugo bug).
void checkYamlLanguageKey(const FmEntry& e, Diagnostics& diags) {
  const std::string& file = e.keyPos.file.str();
  if (!file.ends_with(".yaml") && !file.ends_with(".yml")) return;
  static constexpr std::string_view kBooleans[] = {"y", "yes", "n", "no", "on", "off"};
  const std::string key = lower(e.key);
  if (std::find(std::begin(kBooleans), std::end(kBooleans), key) == std::end(kBooleans)) return;
  diags.add(Severity::Warning, e.keyPos, "yaml-boolean-language",
            "Hugo 0.111 reads the language key '" + e.key +
                "' as a YAML 1.1 boolean and builds its pages under /" +
                (key == "n" || key == "no" || key == "off" ? "false" : "true") +
                "/; guidegraph uses /" + key + "/ as meant: quote the key ('" + e.key +
                "':) so that both agree");
}

}  // namespace

const Language* SiteConfig::language(std::string_view key) const {
  for (const auto& l : languages) {
    if (l.key == key) return &l;
  }
  return nullptr;
}

std::string SiteConfig::languageRoot(std::string_view key) const {
  const Language* l = language(key.empty() ? std::string_view(defaultLanguage) : key);
  if (l && !l->baseUrl.empty()) return l->baseUrl;
  if (!l || (l->key == defaultLanguage && !defaultLanguageInSubdir)) return baseUrl;
  return baseUrl + l->key + "/";
}

namespace {

// The configuration's files, merged as Hugo merges them: the first of hugo.toml, ...,
// config.json, then config/_default/ and config/<environment>/.
FmValue readConfigFiles(const std::string& siteDir, const std::string& environment,
                        SiteConfig& config, Diagnostics& diags) {
  FmValue root;
  root.kind = FmValue::Kind::Map;
  // Hugo reads the first of hugo.toml, hugo.yaml, ..., config.json, never two of them.
  for (const char* base : {"hugo", "config"}) {
    for (const auto& [ext, format] : kConfigExtensions) {
      const std::string name = std::string(base) + "." + ext;
      if (!fs::is_regular_file(fs::path(siteDir) / name)) continue;
      root = readConfigFile(siteDir, name, format, diags);
      config.configFiles.push_back(name);
      break;
    }
    if (!config.configFiles.empty()) break;
  }
  const std::string configDir = scalarOr(root.getNoCase("configDir"), "config");
  const char* envVar = std::getenv("HUGO_ENVIRONMENT");
  const std::string env =
      !environment.empty() ? environment : (envVar && *envVar ? envVar : "production");
  mergeConfigFolder(siteDir, configDir + "/_default", root, config.configFiles, diags);
  mergeConfigFolder(siteDir, configDir + "/" + env, root, config.configFiles, diags);
  if (!config.configFiles.empty()) config.configFile = config.configFiles.front();
  if (config.configFile.empty()) {
    diags.add(Severity::Error, {siteDir, 0, 0}, "no-site-config",
              "no hugo.toml, config.toml (or .yaml, .yml, .json) or config/_default/ in '" +
                  siteDir +
                  "'; is this a Hugo site? Pass the folder that holds the site "
                  "configuration");
  }
  return root;
}

// The settings of the configuration's top level that are single values or flags.
void readScalars(const FmValue& root, SiteConfig& config) {
  if (const FmValue* params = root.getNoCase("params")) config.params = *params;
  config.baseUrl = withTrailingSlash(scalarOr(root.getNoCase("baseURL"), "http://localhost/"));
  config.title = scalarOr(root.getNoCase("title"), "");
  config.languageCode = scalarOr(root.getNoCase("languageCode"), "");
  config.defaultLanguage = lower(scalarOr(root.getNoCase("defaultContentLanguage"), "en"));
  config.defaultLanguageInSubdir = truthy(root.getNoCase("defaultContentLanguageInSubdir"));
  config.disablePathToLower = truthy(root.getNoCase("disablePathToLower"));
  config.buildDrafts = truthy(root.getNoCase("buildDrafts"));
  config.buildFuture = truthy(root.getNoCase("buildFuture"));
  config.buildExpired = truthy(root.getNoCase("buildExpired"));
  if (const FmValue* ugly = root.getNoCase("uglyURLs")) {
    if (ugly->isMap()) {
      for (const auto& e : ugly->entries) config.uglySections[e.key] = truthy(&e.value);
    } else {
      config.uglyUrls = truthy(ugly);
    }
  }
  for (auto kind : scalarList(root.getNoCase("disableKinds"))) {
    kind = lower(kind);
    // Hugo 0.73 renamed the kinds; 0.111 still reads the old names.
    if (kind == "taxonomyterm") kind = "taxonomy";
    config.disableKinds.push_back(kind);
  }
  config.ignoreFiles = scalarList(root.getNoCase("ignoreFiles"));
}

void readTaxonomiesAndPermalinks(const FmValue& root, SiteConfig& config, Diagnostics& diags) {
  if (const FmValue* tax = root.getNoCase("taxonomies"); tax && tax->isMap()) {
    config.taxonomies.clear();
    for (const auto& e : tax->entries) {
      if (!e.value.isScalar() || e.value.scalar.empty()) continue;
      config.taxonomies.push_back(
          {lower(e.key), lower(e.value.scalar), roleFor(lower(e.key), lower(e.value.scalar))});
    }
  }
  if (const FmValue* perma = root.getNoCase("permalinks"); perma && perma->isMap()) {
    for (const auto& e : perma->entries) {
      if (e.value.isScalar()) {
        config.permalinks[lower(e.key)] = e.value.scalar;
        checkPermalinkTokens(e, diags);
      }
      // Hugo 0.112 and later key permalinks by page kind ([permalinks.page]); 0.111 reads
      // such a table as a section called "page".
      if (e.value.isMap()) warnUnsupported(e, "permalinks by page kind, Hugo 0.112+", diags);
    }
  }
}

// One language of [languages]: its own settings, and a warning for each per-language setting
// guidegraph does not follow.
Language readLanguage(const FmEntry& e, const std::string& key, Diagnostics& diags) {
  Language l;
  l.key = key;
  l.contentDir = scalarOr(e.value.getNoCase("contentDir"), "");
  l.name = scalarOr(e.value.getNoCase("languageName"), "");
  l.code = scalarOr(e.value.getNoCase("languageCode"), "");
  if (const FmValue* b = e.value.getNoCase("baseURL"); b && b->isScalar())
    l.baseUrl = withTrailingSlash(b->scalar);
  try {
    l.weight = std::stoi(scalarOr(e.value.getNoCase("weight"), "0"));
  } catch (const std::exception&) {
    l.weight = 0;
  }
  for (const auto& le : e.value.entries) {
    const std::string k = lower(le.key);
    const bool followed = std::find(kLanguageKeysFollowed.begin(), kLanguageKeysFollowed.end(),
                                    k) != kLanguageKeysFollowed.end();
    const bool harmless =
        std::find(kLanguageKeysIgnoredSafely.begin(), kLanguageKeysIgnoredSafely.end(), k) !=
            kLanguageKeysIgnoredSafely.end() ||
        k == "disabled";
    if (!followed && !harmless &&
        (k == "permalinks" || k == "taxonomies" || k == "uglyurls" || k == "disablepathtolower" ||
         k == "contentdir")) {
      warnUnsupported(le, "set for one language", diags);
    }
  }
  return l;
}

void readLanguages(const FmValue& root, const std::string& contentDir, SiteConfig& config,
                   Diagnostics& diags) {
  // Languages: [languages] keyed by language, or the one default language.
  std::vector<std::string> disabled;
  for (const auto& l : scalarList(root.getNoCase("disableLanguages"))) disabled.push_back(lower(l));
  if (const FmValue* langs = root.getNoCase("languages"); langs && langs->isMap()) {
    for (const auto& e : langs->entries) {
      const std::string key = lower(e.key);
      if (!e.value.isMap()) continue;
      checkYamlLanguageKey(e, diags);
      if (truthy(e.value.getNoCase("disabled")) ||
          std::find(disabled.begin(), disabled.end(), key) != disabled.end())
        continue;
      Language l = readLanguage(e, key, diags);
      config.languages.push_back(std::move(l));
    }
  }
  if (config.languages.empty()) {
    Language l;
    l.key = config.defaultLanguage;
    config.languages.push_back(std::move(l));
  }
  for (auto& l : config.languages) {
    if (l.contentDir.empty()) l.contentDir = contentDir;
    l.contentDir = text::normalizePath("/" + l.contentDir).substr(1);
    if (l.code.empty() && (l.key == config.defaultLanguage || config.languages.size() == 1))
      l.code = config.languageCode;
    if (l.code.empty()) l.code = l.key;
  }
  std::stable_sort(config.languages.begin(), config.languages.end(),
                   [](const Language& a, const Language& b) {
                     return a.weight != b.weight ? a.weight < b.weight : a.key < b.key;
                   });
}

void readMounts(const FmValue& root, SiteConfig& config) {
  // Content mounts: [[module.mounts]] with a content target replace the default ones.
  if (const FmValue* module = root.getNoCase("module"); module && module->isMap()) {
    if (const FmValue* mounts = module->getNoCase("mounts"); mounts && mounts->isList()) {
      for (const auto& m : mounts->items) {
        const std::string source = scalarOr(m.getNoCase("source"), "");
        const std::string target = text::normalizePath("/" + scalarOr(m.getNoCase("target"), ""));
        if (target != "/content" && !target.starts_with("/content/")) continue;
        ContentMount mount;
        mount.source = text::normalizePath("/" + source).substr(1);
        mount.target = target.size() > 8 ? target.substr(9) : "";
        mount.language = lower(scalarOr(m.getNoCase("lang"), ""));
        mount.includeFiles = scalarList(m.getNoCase("includeFiles"));
        mount.excludeFiles = scalarList(m.getNoCase("excludeFiles"));
        config.mounts.push_back(std::move(mount));
      }
    }
  }
  if (config.mounts.empty()) {
    // One mount per content folder; a folder shared by several languages gives its files
    // the language in their name, else the default language.
    for (const auto& l : config.languages) {
      auto it = std::find_if(config.mounts.begin(), config.mounts.end(),
                             [&](const ContentMount& m) { return m.source == l.contentDir; });
      if (it == config.mounts.end()) {
        config.mounts.push_back({l.contentDir, "", l.key, {}, {}});
      } else {
        it->language.clear();
      }
    }
  }
}

// What guidegraph does not follow (a warning each), and the two guidegraph params that the
// site model itself needs.
void readTheRest(const FmValue& root, SiteConfig& config, Diagnostics& diags) {
  for (const auto& [key, what] : kUnsupportedKeys) {
    if (const FmEntry* e = root.entryNoCase(key)) warnUnsupported(*e, what, diags);
  }
  if (const FmEntry* e = root.entryNoCase("outputs")) {
    // The first output format of a kind decides .Permalink; HTML first is what guidegraph
    // follows.
    for (const auto& kind : e->value.entries) {
      const std::vector<std::string> formats = scalarList(&kind.value);
      if (!formats.empty() && !text::equalsNoCase(formats.front(), "html"))
        warnUnsupported(kind, "a first output format other than HTML", diags);
    }
  }

  if (const FmValue* params = root.getNoCase("params"); params && params->isMap()) {
    if (const FmValue* gg = params->get("guidegraph"); gg && gg->isMap()) {
      config.guidesSection = scalarOr(gg->get("guides"), config.guidesSection);
      config.sourcesSection = scalarOr(gg->get("sources"), config.sourcesSection);
    }
  }
}

}  // namespace

SiteConfig loadSiteConfig(const std::string& siteDir, Diagnostics& diags,
                          const std::string& environment) {
  SiteConfig config;
  config.taxonomies = {{"category", "categories", TaxonomyRole::Category},
                       {"tag", "tags", TaxonomyRole::Tag}};
  const FmValue root = readConfigFiles(siteDir, environment, config, diags);
  readScalars(root, config);
  const std::string contentDir = scalarOr(root.getNoCase("contentDir"), "content");
  readTaxonomiesAndPermalinks(root, config, diags);
  readLanguages(root, contentDir, config, diags);
  readMounts(root, config);
  readTheRest(root, config, diags);
  return config;
}

}  // namespace guidegraph
