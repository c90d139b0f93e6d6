#include "validation.hpp"

#include <algorithm>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <filesystem>
#include <future>
#include <optional>

#include "guidegraph/graph_checks.hpp"
#include "guidegraph/shacl.hpp"
#include "kept_until_exit.hpp"

namespace guidegraph::pipeline {

void releaseFragments(Site& site) {
  for (Page& page : site.pages) page.fragment.reset();
  for (Page& page : site.drafts) page.fragment.reset();
#if defined(__GLIBC__)
  // The fragments were allocated by the parsing threads, in their own malloc arenas, which
  // the main thread does not allocate from: give those pages back to the system.
  malloc_trim(0);
#endif
}

std::size_t ValidationOutcome::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(report.results.begin(), report.results.end(),
                    [s](const shacl::ValidationResult& r) { return r.guidegraphSeverity() == s; }));
}

namespace {

bool allReadable(const std::vector<std::string>& files, Diagnostics& diags) {
  bool ok = true;
  for (const auto& f : files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec)) {
      diags.add(Severity::Error, {f, 0, 0}, "unreadable-file",
                "cannot read '" + f + "'; check the path");
      ok = false;
    }
  }
  return ok;
}

void merge(shacl::ValidationReport& into, shacl::ValidationReport&& more) {
  into.conforms = into.conforms && more.conforms;
  into.results.insert(into.results.end(), std::make_move_iterator(more.results.begin()),
                      std::make_move_iterator(more.results.end()));
}

}  // namespace

GraphChecks::GraphChecks(const Site& site)
    : findings_(std::async(std::launch::async, [&site] {
        Diagnostics d;
        checkGraph(site, d);
        return d;
      })) {}

Diagnostics GraphChecks::take() { return findings_.get(); }

namespace {
// SHACL over the view with the built-in shapes and `extraShapes`, into `outcome`.
void checkShapes(const rdf::Dataset& data, const std::vector<std::string>& extraShapes,
                 unsigned threads, ValidationOutcome& outcome, Diagnostics& diags) {
  if (!allReadable(extraShapes, diags)) {
    outcome.inputsRead = false;
    return;
  }
  // Kept until the process exits: freeing a large graph node by node took an eighth of
  // validation, and the commands end right after (sanitizer builds still free it).
  const KeptUntilExit<shacl::DataGraph> kept([&] { return shacl::DataGraph::fromDataset(data); });
  const shacl::DataGraph& graph = *kept;
  const shacl::ShapesGraph builtin =
      shacl::ShapesGraph::fromTurtle(builtinShapes(), "shapes/guidegraph.ttl", diags);
  outcome.report = shacl::validate(builtin, graph, threads);
  if (!extraShapes.empty()) {
    const shacl::ShapesGraph user = shacl::ShapesGraph::fromFiles(extraShapes, diags);
    merge(outcome.report, shacl::validate(user, graph, threads));
  }
}
}  // namespace

ValidationOutcome validateOnView(const rdf::Dataset& data,
                                 const std::vector<std::string>& extraShapes, Diagnostics& diags,
                                 GraphChecks& checks, unsigned threads) {
  ValidationOutcome outcome;
  Diagnostics shapeDiags;
  checkShapes(data, extraShapes, threads, outcome, shapeDiags);
  diags.append(checks.take());  // the graph checks' findings first
  diags.append(shapeDiags);
  return outcome;
}

ValidationOutcome validateFiles(const std::vector<std::string>& dataFiles,
                                const std::vector<std::string>& shapeFiles, Diagnostics& diags) {
  ValidationOutcome outcome;
  if (!allReadable(dataFiles, diags) || !allReadable(shapeFiles, diags)) {
    outcome.inputsRead = false;
    return outcome;
  }
  const shacl::ShapesGraph shapes = shacl::ShapesGraph::fromFiles(shapeFiles, diags);
  const KeptUntilExit<shacl::DataGraph> kept(
      [&] { return shacl::DataGraph::fromFiles(dataFiles, diags); });
  const shacl::DataGraph& data = *kept;
  outcome.report = shacl::validate(shapes, data);
  return outcome;
}

}  // namespace guidegraph::pipeline
