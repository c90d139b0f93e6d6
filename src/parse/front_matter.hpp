// Front matter parsers (private to the parse stage). Each turns the text between the
// delimiters into an FmValue map, reporting problems with positions in the whole file.
#pragma once

#include <optional>
#include <string_view>

#include "guidegraph/fragment.hpp"

namespace guidegraph::parse {

// Where the front matter text starts within the file (1-based line, byte offset).
struct TextOrigin {
  Atom file;  // interned once per page: every value's position carries it
  unsigned firstLine;
};

// Reads YAML with parsePlainYaml when it can, otherwise with parseYamlWithYamlCpp.
FmValue parseYamlFrontMatter(std::string_view text, TextOrigin origin, const ParseLimits& limits,
                             Diagnostics& diags);
// The fast reader for the common subset (`key: value` lines of quoted or plain scalars, flow
// and block lists). nullopt means "not in the subset", never an error; where it returns a
// value, that value equals parseYamlWithYamlCpp's, positions included.
std::optional<FmValue> parsePlainYaml(std::string_view text, const TextOrigin& origin,
                                      const ParseLimits& limits);
// Any YAML, with yaml-cpp; reports syntax errors, duplicate keys and limits.
FmValue parseYamlWithYamlCpp(std::string_view text, const TextOrigin& origin,
                             const ParseLimits& limits, Diagnostics& diags);
// Deep equality of two values, positions included (for tests and fuzzing).
bool sameValue(const FmValue& a, const FmValue& b);
FmValue parseTomlFrontMatter(std::string_view text, TextOrigin origin, Diagnostics& diags);
// Objects and arrays nested deeper than `maxDepth` are an error (front-matter-too-deep).
FmValue parseJsonFrontMatter(std::string_view text, TextOrigin origin, Diagnostics& diags,
                             unsigned maxDepth);

}  // namespace guidegraph::parse
