// The schema.org classes a source can be (`schemaType:` of a category or a source, the
// conventions' `schemaTypes`), generated from schema.org's own vocabulary by
// vocab/tools/generate_schema_classes.py, with the language property each one takes.
#pragma once

#include <string>
#include <string_view>

namespace guidegraph {

struct SchemaClass {
  std::string_view name;  // "NewsMediaOrganization"
  bool knowsLanguage;     // within schema:knowsLanguage's domain (organisations, persons)
  bool inLanguage;        // within schema:inLanguage's domain (creative works, events, ...)
};

// The class a site names: "NGO", also written "schema:NGO" or "https://schema.org/NGO".
// Names are compared exactly, as schema.org's are; nullptr when schema.org has no such class
// (or it is a data type or an enumeration).
[[nodiscard]] const SchemaClass* findSchemaClass(std::string_view name);

// The class whose name differs from `name` only in case, spaces, hyphens or underscores
// ("news media organization" -> NewsMediaOrganization), for a diagnostic's suggestion;
// nullptr when there is none.
[[nodiscard]] const SchemaClass* similarSchemaClass(std::string_view name);

}  // namespace guidegraph
