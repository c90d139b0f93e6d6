#include "guidegraph/schema_classes.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace guidegraph {
namespace {

#include "schema_class_table.inc"

std::string_view withoutPrefix(std::string_view name) {
  for (const std::string_view prefix : {"https://schema.org/", "http://schema.org/", "schema:"}) {
    if (name.starts_with(prefix)) return name.substr(prefix.size());
  }
  return name;
}

std::string folded(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == ' ' || c == '-' || c == '_') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

const SchemaClass* findSchemaClass(std::string_view name) {
  name = withoutPrefix(name);
  const auto it =
      std::lower_bound(kSchemaClasses.begin(), kSchemaClasses.end(), name,
                       [](const SchemaClass& c, std::string_view n) { return c.name < n; });
  return it != kSchemaClasses.end() && it->name == name ? &*it : nullptr;
}

const SchemaClass* similarSchemaClass(std::string_view name) {
  const std::string want = folded(withoutPrefix(name));
  if (want.empty()) return nullptr;
  for (const SchemaClass& c : kSchemaClasses) {
    if (folded(c.name) == want) return &c;
  }
  return nullptr;
}

}  // namespace guidegraph
