// A step of building a site: the schema.org classes of categories and sources.
#pragma once

#include "guidegraph/conventions.hpp"
#include "guidegraph/graph.hpp"

namespace guidegraph {

// Gives each category the class of its `schemaType:` (already in the graph), else the one the
// conventions' `schemaTypes` give its term, else its broader categories' classes; and each
// source without a `schemaType:` of its own the classes of its categories. Sources nothing
// types are left without a class (the RDF view writes schema:Thing; the graph checks say so).
void resolveSchemaTypes(KnowledgeGraph& graph, const SiteConventions& conventions);

}  // namespace guidegraph
