// Front matter parsers (private to the parse stage). Each turns the text between the
// delimiters into an FmValue map, reporting problems with positions in the whole file.
#pragma once

#include <string_view>

#include "guidegraph/fragment.hpp"

namespace guidegraph::parse {

// Where the front matter text starts within the file (1-based line, byte offset).
struct TextOrigin {
  Atom file;  // interned once per page: every value's position carries it
  unsigned firstLine;
};

FmValue parseYamlFrontMatter(std::string_view text, TextOrigin origin, const ParseLimits& limits,
                             Diagnostics& diags);
FmValue parseTomlFrontMatter(std::string_view text, TextOrigin origin, Diagnostics& diags);
// Objects and arrays nested deeper than `maxDepth` are an error (front-matter-too-deep).
FmValue parseJsonFrontMatter(std::string_view text, TextOrigin origin, Diagnostics& diags,
                             unsigned maxDepth);

}  // namespace guidegraph::parse
