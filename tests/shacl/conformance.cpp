// Runs the W3C SHACL Core test suite: follows mf:include from the top manifest, validates
// each sht:Validate test's data graph against its shapes graph and compares the report with
// mf:result as the suite defines it: sh:conforms equal, and the results equal as a multiset
// of (focusNode, resultPath, value, sourceShape, sourceConstraintComponent, resultSeverity).
//
// Blank nodes: a single file loads with its own labels, so a blank node of the expected
// report (which lives in the test file) and one of the engine's report are the same node
// exactly when the data/shapes graph is that same file and the labels agree. Result paths
// are compared structurally. Usage: shacl-conformance [--min-pass N] [--verbose] manifest.ttl
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "guidegraph/shacl.hpp"
#include "shapes.hpp"
#include "store.hpp"

namespace {

using guidegraph::Diagnostics;
using guidegraph::shacl::Path;
using guidegraph::shacl::termToString;
using guidegraph::shacl::ValidationResult;
namespace rdf = guidegraph::rdf;
namespace detail = guidegraph::shacl::detail;

const std::string kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const std::string kSht = "http://www.w3.org/ns/shacl-test#";
const std::string kSh = "http://www.w3.org/ns/shacl#";
const std::string kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

struct Expected {
  rdf::Term focusNode;
  std::optional<Path> resultPath;
  std::optional<rdf::Term> value;
  rdf::Term sourceShape;
  std::string component;
  rdf::Term severity;

  friend bool operator==(const Expected&, const Expected&) = default;
};

std::string describe(const Expected& e) {
  std::string s = "focus=" + termToString(e.focusNode);
  if (e.resultPath) s += " path=" + e.resultPath->toString();
  if (e.value) s += " value=" + termToString(*e.value);
  s += " shape=" + termToString(e.sourceShape);
  s += " component=" + e.component.substr(e.component.find('#') + 1);
  s += " severity=" + e.severity.value.substr(e.severity.value.find('#') + 1);
  return s;
}

Expected fromResult(const ValidationResult& r) {
  return Expected{r.focusNode, r.resultPath, r.value, r.sourceShape, r.sourceConstraintComponent,
                  r.severity};
}

struct Tally {
  int passed = 0;
  int failed = 0;
  bool verbose = false;
};

std::size_t errorCount(const Diagnostics& d) {
  return static_cast<std::size_t>(std::count_if(
      d.items().begin(), d.items().end(),
      [](const guidegraph::Diagnostic& x) { return x.severity == guidegraph::Severity::Error; }));
}

std::string diagText(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) {
    out += " [" + item.pos.file + ":" + std::to_string(item.pos.line) + ":" +
           std::to_string(item.pos.column) + " " + item.message + "]";
  }
  return out;
}

bool sameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

void runTest(const detail::Store& m, const std::string& manifestPath, detail::Node entry,
             const std::string& name, Tally& tally) {
  auto iri = [&](const std::string& s) { return m.iri(s); };
  auto fail = [&](const std::string& why) {
    ++tally.failed;
    std::cout << "FAIL " << name << ": " << why << "\n";
  };
  detail::Node action = m.object(entry, iri(kMf + "action"));
  detail::Node dataNode = m.object(action, iri(kSht + "dataGraph"));
  detail::Node shapesNode = m.object(action, iri(kSht + "shapesGraph"));
  detail::Node result = m.object(entry, iri(kMf + "result"));
  if (dataNode == nullptr || shapesNode == nullptr || result == nullptr) {
    return fail("manifest entry lacks sht:dataGraph, sht:shapesGraph or mf:result");
  }
  const std::string dataPath = detail::pathFromIri(detail::toTerm(dataNode).value);
  const std::string shapesPath = detail::pathFromIri(detail::toTerm(shapesNode).value);

  Diagnostics shapeDiags;
  const auto shapes = guidegraph::shacl::ShapesGraph::fromFiles({shapesPath}, shapeDiags);
  Diagnostics dataDiags;
  const auto data = guidegraph::shacl::DataGraph::fromFiles({dataPath}, dataDiags);

  if (detail::toTerm(result) == rdf::Term::iri(kSht + "Failure")) {
    if (errorCount(shapeDiags) + errorCount(dataDiags) == 0) {
      return fail("expected a failure (ill-formed shapes graph) but none was reported");
    }
    ++tally.passed;
    return;
  }
  if (errorCount(dataDiags) + errorCount(shapeDiags) > 0) {
    return fail("unexpected diagnostics:" + diagText(shapeDiags) + diagText(dataDiags));
  }

  const auto report = guidegraph::shacl::validate(shapes, data);

  detail::Node conformsNode = m.object(result, iri(kSh + "conforms"));
  const bool expectConforms =
      conformsNode != nullptr && detail::toTerm(conformsNode).value == "true";
  std::vector<Expected> expected;
  for (detail::Node r : m.objects(result, iri(kSh + "result"))) {
    Expected e;
    auto term = [&](const char* local) -> std::optional<rdf::Term> {
      detail::Node n = m.object(r, iri(kSh + local));
      if (n == nullptr) return std::nullopt;
      return detail::toTerm(n);
    };
    e.focusNode = term("focusNode").value_or(rdf::Term{});
    if (detail::Node p = m.object(r, iri(kSh + "resultPath")); p != nullptr) {
      e.resultPath = detail::parsePath(m, p);
      if (!e.resultPath) return fail("cannot read an expected sh:resultPath");
    }
    e.value = term("value");
    e.sourceShape = term("sourceShape").value_or(rdf::Term{});
    e.component = term("sourceConstraintComponent").value_or(rdf::Term{}).value;
    e.severity = term("resultSeverity").value_or(rdf::Term{});
    // A blank node label of the expected report names a node of the test file itself; it
    // can only be compared with the engine's if the graph was read from that same file.
    const bool blankData = e.focusNode.isBlank() || (e.value && e.value->isBlank());
    if (blankData && !sameFile(dataPath, manifestPath)) {
      return fail("expected result names a blank node of another data file; not comparable");
    }
    if (e.sourceShape.isBlank() && !sameFile(shapesPath, manifestPath)) {
      return fail("expected result names a blank shape of another shapes file; not comparable");
    }
    expected.push_back(std::move(e));
  }

  std::string why;
  if (report.conforms != expectConforms) {
    why += std::string("sh:conforms is ") + (report.conforms ? "true" : "false") + ", expected " +
           (expectConforms ? "true" : "false") + "; ";
  }
  std::vector<Expected> actual;
  for (const ValidationResult& r : report.results) actual.push_back(fromResult(r));
  std::vector<bool> used(actual.size(), false);
  std::vector<std::string> missing;
  for (const Expected& e : expected) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size(); ++i) {
      if (!used[i] && actual[i] == e) {
        used[i] = true;
        found = true;
        break;
      }
    }
    if (!found) missing.push_back(describe(e));
  }
  for (const std::string& s : missing) why += "missing {" + s + "}; ";
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (!used[i]) why += "unexpected {" + describe(actual[i]) + "}; ";
  }
  if (!why.empty()) return fail(why);
  ++tally.passed;
  if (tally.verbose) std::cout << "pass " << name << "\n";
}

void runManifest(const std::string& path, std::set<std::string>& visited, Tally& tally) {
  const std::string canonical = std::filesystem::weakly_canonical(path).string();
  if (!visited.insert(canonical).second) return;
  detail::Store m;
  Diagnostics diags;
  if (!m.loadFile(path, "", diags)) {
    ++tally.failed;
    std::cout << "FAIL " << path << ": cannot read manifest:" << diagText(diags) << "\n";
    return;
  }
  detail::Node self = m.iri(detail::fileIri(path));
  for (detail::Node inc : m.objects(self, m.iri(kMf + "include"))) {
    runManifest(detail::pathFromIri(detail::toTerm(inc).value), visited, tally);
  }
  const std::string dir = std::filesystem::path(path).parent_path().filename().string();
  for (detail::Node list : m.objects(self, m.iri(kMf + "entries"))) {
    std::vector<detail::Node> entries;
    if (!m.list(list, entries)) {
      ++tally.failed;
      std::cout << "FAIL " << path << ": mf:entries is not a list\n";
      continue;
    }
    for (detail::Node entry : entries) {
      const std::string entryIri = detail::toTerm(entry).value;
      const std::string name = dir + "/" + entryIri.substr(entryIri.find_last_of('/') + 1);
      if (!m.has(entry, m.iri(kRdf + "type"), m.iri(kSht + "Validate"))) continue;
      runTest(m, path, entry, name, tally);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Tally tally;
  int minPass = 0;
  std::string manifest;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--min-pass" && i + 1 < argc) {
      minPass = std::atoi(argv[++i]);
    } else if (arg == "--verbose") {
      tally.verbose = true;
    } else if (manifest.empty() && !arg.empty() && arg[0] != '-') {
      manifest = arg;
    } else {
      std::cerr << "usage: shacl-conformance [--min-pass N] [--verbose] manifest.ttl\n";
      return 2;
    }
  }
  if (manifest.empty()) {
    std::cerr << "usage: shacl-conformance [--min-pass N] [--verbose] manifest.ttl\n";
    return 2;
  }
  if (!std::filesystem::exists(manifest)) {
    // A clone without ../shared beside it: CTest reports exit code 77 as skipped.
    std::cout << "SKIPPED: needs ../shared/conformance/w3c-shacl-core, the W3C SHACL Core test "
                 "suite (not found at "
              << manifest << ")" << std::endl;
    return 77;
  }
  std::set<std::string> visited;
  runManifest(manifest, visited, tally);
  std::cout << tally.passed << " passed, " << tally.failed << " failed" << std::endl;
  if (!std::cout) return 3;
  return tally.passed >= minPass ? 0 : 1;
}
