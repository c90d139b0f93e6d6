// RDF writers over the RDF view. Output is deterministic: statements are sorted, prefixes
// are declared in a fixed order, and no blank node labels are invented.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "guidegraph/rdf.hpp"

namespace guidegraph::serialize {

enum class RdfFormat { Turtle, NTriples, NQuads, TriG };

[[nodiscard]] std::optional<RdfFormat> parseRdfFormat(std::string_view name);
[[nodiscard]] const char* formatExtension(RdfFormat f);

// Writes the dataset; returns an empty string on success, else what went wrong.
// Turtle and N-Triples write the union of all graphs; N-Quads and TriG keep each
// triple's named graph.
[[nodiscard]] std::string writeRdf(const rdf::Dataset& data, RdfFormat format, std::ostream& out);

}  // namespace guidegraph::serialize
