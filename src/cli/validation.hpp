// Validation as the commands run it: the built-in shapes (shapes/guidegraph.ttl, compiled
// in) and any user shapes over the RDF view, plus the graph checks.
#pragma once

#include <future>
#include <string>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/shacl.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph::cli {

struct ValidationOutcome {
  bool inputsRead = true;  // false when a data or shapes file could not be opened at all
  shacl::ValidationReport report;
  [[nodiscard]] std::size_t count(Severity s) const;
};

// Drops the pages' parsed front matter and bodies, which are in the graph once the site is
// built and which nothing after the merge reads (a tenth of the memory at 100,000 pages).
void releaseFragments(Site& site);

// The shapes in shapes/guidegraph.ttl, as compiled into the program.
const std::string& builtinShapes();

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
// threads (0: one per core); the findings of the graph checks (`started`, or started here)
// are added to `diags` first.
[[nodiscard]] ValidationOutcome validateSite(const Site& site, const rdf::Dataset& data,
                                             const std::vector<std::string>& extraShapes,
                                             Diagnostics& diags, GraphChecks* started = nullptr,
                                             unsigned threads = 0);

// SHACL over RDF files with the given shapes files only.
[[nodiscard]] ValidationOutcome validateFiles(const std::vector<std::string>& dataFiles,
                                              const std::vector<std::string>& shapeFiles,
                                              Diagnostics& diags);

}  // namespace guidegraph::cli
