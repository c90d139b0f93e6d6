// Reading RDF (Turtle, N-Triples, N-Quads, TriG) into plain triples, and the project
// vocabulary that every export carries in a graph of its own.
#pragma once

#include <string>
#include <string_view>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/rdf.hpp"

namespace guidegraph::rdf {

inline constexpr const char* kVocabularyGraph = "https://w3id.org/guidegraph/vocab";

// Parses `text` (syntax chosen from the extension of `displayName`: .ttl, .nt, .nq, .trig)
// into triples with `displayName:line:col` origins. Syntax errors become diagnostics;
// returns false when the text could not be read completely.
bool readRdf(std::string_view text, const std::string& displayName, const std::string& baseIri,
             Dataset& into, Diagnostics& diags, const std::string& defaultGraph = {});

// The vocabulary in vocab/guidegraph.ttl, compiled into the program, in kVocabularyGraph.
[[nodiscard]] const Dataset& vocabulary();

}  // namespace guidegraph::rdf
