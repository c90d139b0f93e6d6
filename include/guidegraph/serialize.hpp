// RDF writers over the RDF view. Output is deterministic: statements are sorted, prefixes
// are declared in a fixed order, and no blank node labels are invented.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "guidegraph/rdf.hpp"

namespace guidegraph::serialize {

enum class RdfFormat { Turtle, NTriples, NQuads, TriG, JsonLd };

[[nodiscard]] std::optional<RdfFormat> parseRdfFormat(std::string_view name);
[[nodiscard]] const char* formatExtension(RdfFormat f);

// Writes the dataset; returns an empty string on success, else what went wrong.
// Turtle and N-Triples write the union of all graphs; N-Quads and TriG keep each
// triple's named graph. JsonLd writes the compact form with named graphs (see below).
[[nodiscard]] std::string writeRdf(const rdf::Dataset& data, RdfFormat format, std::ostream& out);

// JSON-LD 1.1 (https://www.w3.org/TR/json-ld11/).
//   Compact:   {"@context": <vocab/context.jsonld>, "@graph": [...]}; properties and values
//              use the context's terms where a term's type fits the value, compact IRIs
//              (gg:note) otherwise; a property with one value has no array.
//   Expanded:  no context, full IRIs, every value an array of value or node objects.
//   Flattened: like compact, but every property value is an array (compactArrays off),
//              so consumers see one shape for every node.
// Nodes are never embedded in one another: every node object sits at the top of its graph,
// sorted by @id, its values sorted as in every other format.
enum class JsonLdForm { Compact, Expanded, Flattened };
[[nodiscard]] std::optional<JsonLdForm> parseJsonLdForm(std::string_view name);

struct JsonLdOptions {
  JsonLdForm form = JsonLdForm::Compact;
  // true: each named graph becomes {"@id": graph, "@graph": [...]} (like TriG);
  // false: the union of all graphs is written as the default graph (like Turtle).
  bool namedGraphs = true;
  // Escapes <, > and & inside strings (as \u003c ...), so the text can be placed inside an
  // HTML <script type="application/ld+json"> element unchanged.
  bool htmlSafe = false;
};

[[nodiscard]] std::string writeJsonLd(const rdf::Dataset& data, const JsonLdOptions& options,
                                      std::ostream& out);

// The text of vocab/context.jsonld as compiled into the program: {"@context": {...}}.
[[nodiscard]] const std::string& jsonLdContextText();

}  // namespace guidegraph::serialize
