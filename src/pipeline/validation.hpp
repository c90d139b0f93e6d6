// The stages behind SiteRun's validation: the graph checks on a thread of their own, and
// SHACL with the built-in shapes (shapes/guidegraph.ttl, compiled in) and the user's.
#pragma once

#include <future>
#include <string>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/pipeline.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph::pipeline {

// Drops the pages' parsed front matter and bodies, which are in the graph once the site is
// built and which nothing after the merge but the page listing reads.
void releaseFragments(Site& site);

// The graph checks (checkGraph), started on another thread: they read only the built
// site, so they can run beside the RDF view and SHACL. take() waits for their findings.
class GraphChecks {
 public:
  explicit GraphChecks(const Site& site);
  [[nodiscard]] Diagnostics take();

 private:
  std::future<Diagnostics> findings_;
};

// SHACL over the site's RDF view with the built-in shapes and `extraShapes`, on `threads`
// threads (0: one per core); the findings of the graph checks are added to `diags` first.
[[nodiscard]] ValidationOutcome validateOnView(const rdf::Dataset& data,
                                               const std::vector<std::string>& extraShapes,
                                               Diagnostics& diags, GraphChecks& checks,
                                               unsigned threads);

}  // namespace guidegraph::pipeline
