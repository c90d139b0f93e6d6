#include "guidegraph/conventions.hpp"

#include <filesystem>

#include "guidegraph/countries.hpp"
#include "guidegraph/languages.hpp"
#include "guidegraph/read_file.hpp"
#include "guidegraph/site.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph {
namespace {

// One table of conventions (params.guidegraph, or a conventions file) read over `c`.
class ConventionsReader {
 public:
  ConventionsReader(SiteConventions& c, std::string prefix, Diagnostics& diags)
      : c_(c), prefix_(std::move(prefix)), diags_(diags) {}

  void read(const FmValue& table) {
    for (const FmEntry& e : table.entries) {
      const std::string& k = e.key;
      if (k == "guides") {
        if (auto v = strings(e); !v.empty()) c_.guideSections = std::move(v);
      } else if (k == "guideTag") {
        if (auto v = string(e)) c_.guideTag = *v;
      } else if (k == "sources") {
        if (auto v = string(e)) c_.sourcesSection = *v;
      } else if (k == "categories") {
        if (auto v = string(e)) {
          c_.categoryTaxonomy = *v;
          c_.categoriesSet = true;
        }
      } else if (k == "languages") {
        if (auto v = string(e)) {
          c_.languagesKey = *v;
          c_.languagesSet = true;
        }
      } else if (k == "dataTypes") {
        if (auto v = string(e)) c_.dataTypesKey = *v;
      } else if (k == "coverageStart") {
        if (auto v = string(e)) c_.coverageStartKey = *v;
      } else if (k == "coverageEnd") {
        if (auto v = string(e)) c_.coverageEndKey = *v;
      } else if (k == "website") {
        if (auto v = string(e)) {
          if (*v == "body") {
            c_.websiteFrom = WebsiteFrom::Body;
          } else {
            c_.websiteFrom = WebsiteFrom::Key;
            c_.websiteKey = *v;
          }
        }
      } else if (k == "orphans") {
        if (auto v = string(e)) {
          if (*v == "warn" || *v == "summary") {
            c_.eachOrphan = *v == "warn";
          } else {
            bad(e, "must be \"warn\" (each source no guide recommends) or \"summary\" (one line)");
          }
        }
      } else if (k == "languageNames") {
        languageNames(e);
      } else if (k == "schemaTypes") {
        schemaTypes(e);
      }
      // Other keys (marcOrgCode, adminEmail, ...) belong to other commands.
    }
  }

 private:
  // `languageNames = { "Qaraqalpaq" = "kaa" }`: the site's own names of languages.
  void languageNames(const FmEntry& e) {
    if (!e.value.isMap()) {
      bad(e,
          "must be a table of language names and BCP 47 tags, e.g. "
          "`languageNames = { \"Qaraqalpaq\" = \"kaa\" }`");
      return;
    }
    for (const FmEntry& n : e.value.entries) {
      if (!n.value.isScalar() || !isLanguageTagForm(text::trim(n.value.scalar))) {
        diags_.add(Severity::Warning, n.value.pos.line ? n.value.pos : n.keyPos, "bad-config-param",
                   prefix_ + "languageNames." + n.key +
                       " must be a BCP 47 tag such as 'kk' or 'ru'; it is ignored");
        continue;
      }
      c_.languageNames[normalizeCountryName(n.key)] = std::string(text::trim(n.value.scalar));
    }
  }

  // `schemaTypes = { "Local NGO" = "NGO" }`: the schema.org class of each category term.
  void schemaTypes(const FmEntry& e) {
    if (!e.value.isMap()) {
      bad(e,
          "must be a table of category terms and schema.org classes, e.g. "
          "`schemaTypes = { \"Local NGO\" = \"NGO\" }`");
      return;
    }
    for (const FmEntry& n : e.value.entries) {
      const SourcePos at = n.value.pos.line ? n.value.pos : n.keyPos;
      if (!n.value.isScalar()) {
        diags_.add(Severity::Warning, at, "bad-config-param",
                   prefix_ + "schemaTypes." + n.key +
                       " must be the name of a schema.org class such as "
                       "'NewsMediaOrganization'; it is ignored");
        continue;
      }
      if (const SchemaClass* cls = checkedSchemaClass(text::trim(n.value.scalar), at, diags_)) {
        c_.schemaTypes[text::urlize(n.key)] = cls;
      }
    }
  }

  void bad(const FmEntry& e, const std::string& what) {
    diags_.add(Severity::Warning, e.value.pos.line ? e.value.pos : e.keyPos, "bad-config-param",
               prefix_ + e.key + " " + what + "; it is ignored");
  }
  std::optional<std::string> string(const FmEntry& e) {
    if (e.value.isScalar()) return std::string(text::trim(e.value.scalar));
    bad(e, "must be a string");
    return std::nullopt;
  }
  std::vector<std::string> strings(const FmEntry& e) {
    std::vector<std::string> out;
    if (e.value.isScalar()) {
      out.emplace_back(text::trim(e.value.scalar));
    } else if (e.value.isList()) {
      for (const FmValue& item : e.value.items) {
        if (item.isScalar()) out.emplace_back(text::trim(item.scalar));
      }
    }
    if (out.empty()) bad(e, "must be a folder name or a list of folder names");
    return out;
  }

  SiteConventions& c_;
  std::string prefix_;
  Diagnostics& diags_;
};

const Taxonomy* taxonomyNamed(const SiteConfig& config, std::string_view name) {
  for (const Taxonomy& t : config.taxonomies) {
    if (t.plural == name || t.singular == name) return &t;
  }
  return nullptr;
}

FrontMatterFormat formatOf(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".yaml" || ext == ".yml") return FrontMatterFormat::Yaml;
  if (ext == ".json") return FrontMatterFormat::Json;
  return FrontMatterFormat::Toml;
}

}  // namespace

SiteConventions loadConventions(SiteConfig& config, const std::string& conventionsFile,
                                Diagnostics& diags) {
  SiteConventions c;
  c.guideSections = {config.guidesSection};
  c.sourcesSection = config.sourcesSection;
  c.setAt = SourcePos{Atom(config.configFile), 0, 0};
  if (const FmValue* gg = config.params.isMap() ? config.params.get("guidegraph") : nullptr;
      gg && gg->isMap()) {
    ConventionsReader(c, "params.guidegraph.", diags).read(*gg);
  }
  if (!conventionsFile.empty()) {
    const auto text = readFile(conventionsFile);
    if (!text) {
      diags.add(Severity::Error, {Atom(conventionsFile), 0, 0}, "bad-conventions-file",
                "cannot read the conventions file; check the path given to --conventions");
    } else {
      const FmValue doc =
          parseDataDocument(conventionsFile, *text, formatOf(conventionsFile), diags);
      if (doc.isMap()) ConventionsReader(c, "", diags).read(doc);
      c.setAt = SourcePos{Atom(conventionsFile), 0, 0};
    }
  }
  // The category taxonomy: the one named, else the one Hugo's names say (category,
  // categories). Exactly that one has the Category role.
  if (c.categoriesSet) {
    const Taxonomy* named = taxonomyNamed(config, c.categoryTaxonomy);
    if (!named && !c.categoryTaxonomy.empty()) {
      diags.add(Severity::Warning, c.setAt, "bad-config-param",
                "the conventions name '" + c.categoryTaxonomy +
                    "' as the category taxonomy, but the site declares no such taxonomy; "
                    "declare it under [taxonomies] (e.g. `category = \"" +
                    c.categoryTaxonomy + "\"`)");
    }
    c.categoryTaxonomy = named ? named->plural : "";
    for (Taxonomy& t : config.taxonomies) {
      if (&t == named) {
        t.role = TaxonomyRole::Category;
      } else if (t.role == TaxonomyRole::Category) {
        t.role = TaxonomyRole::Other;
      }
    }
  } else {
    c.categoryTaxonomy.clear();
    for (const Taxonomy& t : config.taxonomies) {
      if (t.role == TaxonomyRole::Category) {
        c.categoryTaxonomy = t.plural;
        break;
      }
    }
  }
  if (!c.languagesSet) {
    for (const char* name : {"language", "languages"}) {
      if (const Taxonomy* t = taxonomyNamed(config, name)) {
        c.languagesKey = t->plural;
        break;
      }
    }
  }
  if (const Taxonomy* t = taxonomyNamed(config, c.dataTypesKey)) c.dataTypesKey = t->plural;
  return c;
}

const SchemaClass* checkedSchemaClass(std::string_view name, SourcePos pos, Diagnostics& diags) {
  if (name.empty()) return nullptr;
  if (const SchemaClass* cls = findSchemaClass(name)) return cls;
  const SchemaClass* near = similarSchemaClass(name);
  diags.add(Severity::Warning, pos, "unknown-schema-type",
            "'" + std::string(name) + "' is not a schema.org class; " +
                (near ? "did you mean '" + std::string(near->name) + "'?"
                      : std::string("write a class name such as 'NGO', "
                                    "'GovernmentOrganization', 'NewsMediaOrganization' or "
                                    "'Dataset' (https://schema.org/docs/full.html)")) +
                " It is ignored");
  return nullptr;
}

std::string languageTagOf(const SiteConventions& conventions, const std::string& nameOrTag) {
  if (!conventions.languageNames.empty()) {
    const auto it = conventions.languageNames.find(normalizeCountryName(nameOrTag));
    if (it != conventions.languageNames.end()) return it->second;
  }
  return languageTagFor(nameOrTag).value_or("");
}

}  // namespace guidegraph
