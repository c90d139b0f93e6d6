// Maps of a site for people to look at: GraphViz DOT written with Boost.Graph's
// write_graphviz and dynamic properties, rendered with GraphViz's `dot` when installed.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "guidegraph/site.hpp"

namespace guidegraph::map {

// How sources are grouped into clusters:
//   Category: a cluster per top-level category, nested clusters for its sub-categories
//             (skos:broader); a source sits in its most specific category.
//   Country:  a cluster per country holding its guides and sources.
//   Guide:    a cluster per guide holding the guide and the sources only it recommends.
// In every map guides point at the sources they recommend, and sources are filled with the
// colour of their category, explained by a legend.
enum class MapBy { Category, Country, Guide };
[[nodiscard]] std::optional<MapBy> parseMapBy(std::string_view name);

// Text made safe to be a DOT string once quoted (Boost's escape_dot_string then quotes it
// and escapes '"'): backslashes doubled so that DOT's \n, \N, \G escapes cannot be
// injected, control characters and line breaks turned into spaces, and text longer than
// `maxChars` characters (UTF-8 aware) cut at a word boundary with "…".
[[nodiscard]] std::string dotText(std::string_view text, std::size_t maxChars = 36);

// Writes the map as DOT; returns "" on success, else what went wrong.
[[nodiscard]] std::string writeMap(const Site& site, MapBy by, std::ostream& out);

// Runs `dot -T<format>` (svg or png) over `dot`, with GraphViz's layout engine `layout`
// (dot, or fdp, which packs clusters side by side but is not reproducible from run to run);
// the picture goes to `image`. Returns ""
// on success; otherwise what went wrong, including any warning dot printed (a map that
// makes dot warn is a bug in the map).
[[nodiscard]] std::string renderDot(const std::string& dot, const std::string& format,
                                    std::string& image, const std::string& layout = "dot");

}  // namespace guidegraph::map
