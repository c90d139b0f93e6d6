// A site's conventions: which pages are guides and sources, which taxonomy holds categories
// and which front matter key a source's languages, data types and coverage, and where a
// source's website is written. Set under `params.guidegraph` in the site configuration, or
// in a conventions file (`--conventions FILE`, the same keys at its top level, which win);
// what neither sets is detected from the site.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/fragment.hpp"
#include "guidegraph/schema_classes.hpp"

namespace guidegraph {

struct SiteConfig;

enum class WebsiteFrom : std::uint8_t {
  Detect,  // the key when any source page has it, else the body
  Key,     // the front matter key `websiteKey`
  Body     // the first external link of the source's body
};

struct SiteConventions {
  // Content folders (the first folder under a language's content) holding guides.
  std::vector<std::string> guideSections = {"guides"};
  // A term of the tags taxonomy that marks a page as a guide wherever it is; "" for none.
  std::string guideTag = "guides";
  std::string sourcesSection = "sources";
  // The plural (front matter key) of the taxonomy holding categories; "" for none.
  std::string categoryTaxonomy;
  std::string languagesKey = "languages";  // a source's languages: BCP 47 tags or names
  std::string dataTypesKey = "data_type";  // a source's kinds of data (a SKOS scheme)
  std::string coverageStartKey = "date_start", coverageEndKey = "date_end";  // years
  WebsiteFrom websiteFrom = WebsiteFrom::Detect;
  std::string websiteKey = "website";
  // Language names of the site's own (normalized as findLanguageByName compares them) ->
  // BCP 47 tag, looked up before the language table.
  std::map<std::string, std::string> languageNames;
  // The schema.org class of the sources filed under a category term (urlized, as Hugo makes
  // the term's page), for sites whose category terms have no page to say `schemaType:`.
  std::map<std::string, const SchemaClass*> schemaTypes;
  // Sources no guide recommends: each a warning (true), or, when unset (nullopt), each unless
  // most of a site's sources are such (then its sources section is a catalog of its own, and
  // one info line counts them).
  std::optional<bool> eachOrphan;
  // What was set (true) and what is left to detection.
  bool categoriesSet = false, languagesSet = false;
  SourcePos setAt;  // where the conventions were read from (config or conventions file)
};

// Reads params.guidegraph of `config` and then the conventions file (if not empty) into
// conventions, detecting the category and language taxonomies from the configuration's
// [taxonomies] when neither says. Makes the category taxonomy the one with the Category
// role. Problems are warnings at their position ([bad-config-param]); an unreadable
// conventions file is an error ([bad-conventions-file]).
[[nodiscard]] SiteConventions loadConventions(SiteConfig& config,
                                              const std::string& conventionsFile,
                                              Diagnostics& diags);

// The schema.org class named by `name` (a `schemaType:` value); an unknown name is a warning
// at `pos` ([unknown-schema-type], with the class it resembles) and gives nullptr.
[[nodiscard]] const SchemaClass* checkedSchemaClass(std::string_view name, SourcePos pos,
                                                    Diagnostics& diags);

// The BCP 47 tag of a language written in front matter (a tag, or a name that the site's
// own names or the language table know), or "" when it is neither.
[[nodiscard]] std::string languageTagOf(const SiteConventions& conventions,
                                        const std::string& nameOrTag);

}  // namespace guidegraph
