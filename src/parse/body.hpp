// The Markdown body walk (private to the parse stage).
#pragma once

#include <string_view>

#include "guidegraph/fragment.hpp"

namespace guidegraph::parse {

// Walks `body` (which starts on line `firstLine` of the file) with cmark and fills the
// fragment's headings, section level and links.
void parseBody(std::string_view body, unsigned firstLine, PageFragment& page);

}  // namespace guidegraph::parse
