// Checks over the whole graph that SHACL expresses badly: cycles in category `broader`
// links, sources no guide recommends, several sources with the same website, guides with
// no sections. (Links to missing or draft pages are reported while the graph is built.)
#pragma once

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph {

// Appends one diagnostic per problem found, each at the front matter key or page to fix.
void checkGraph(const Site& site, Diagnostics& diags);

}  // namespace guidegraph
