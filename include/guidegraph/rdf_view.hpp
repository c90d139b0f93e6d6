// The RDF view of a site: the knowledge graph mapped to triples with the vocabulary in
// vocab/, each triple carrying the position of what it was made from.
#pragma once

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph::rdf {

// The prefixes every writer declares, in a fixed order.
[[nodiscard]] std::vector<Prefix> standardPrefixes();

// Maps the site's graph to a normalized dataset. Values that cannot become valid RDF
// (a malformed date, a website that is not an absolute http(s) IRI) are reported and
// left out rather than written as invalid RDF. `threads` describe the vertices (0: one per
// core); the dataset and the diagnostics are the same whatever the number.
[[nodiscard]] Dataset buildRdfView(const Site& site, Diagnostics& diags, unsigned threads = 0);

}  // namespace guidegraph::rdf
