// Turtle reading and SHACL validation. The first byte picks the mode:
//  even: the input is a shapes graph, compiled and run over a small fixed data graph;
//  odd:  the input is a data graph, validated with the project's shapes (shapes/).
// Reports are written in every format, as `guidegraph validate` does.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <fstream>
#include <sstream>
#include <string>

#include "guidegraph/shacl.hpp"

namespace gs = guidegraph::shacl;

namespace {

constexpr const char* kData = R"(@prefix ex: <http://example.org/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:alice a ex:Person, schema:Person ; ex:name "Alice"@en, "Alicia"@es ; ex:age 30 ;
  ex:knows ex:bob, _:c ; schema:url <https://alice.example/> ; ex:born "1990-01-01"^^xsd:date .
ex:bob a ex:Person ; ex:name "Bob" ; ex:age "x"^^xsd:integer ; ex:knows ex:alice .
_:c a ex:Thing ; ex:parent _:c ; ex:value 1.5, true, "3"^^xsd:decimal .
ex:Person ex:sub ex:Agent .
)";

const gs::DataGraph& fixedData() {
  static const gs::DataGraph d = [] {
    guidegraph::Diagnostics diags;
    return gs::DataGraph::fromTurtle(kData, "data.ttl", diags);
  }();
  return d;
}

const gs::ShapesGraph& projectShapes() {
  static const gs::ShapesGraph s = [] {
    guidegraph::Diagnostics diags;
    return gs::ShapesGraph::fromFiles({GUIDEGRAPH_SOURCE_DIR "/shapes/guidegraph.ttl"}, diags);
  }();
  return s;
}

void writeAll(const gs::ValidationReport& report) {
  std::ostringstream out;
  gs::writeReportTurtle(report, out);
  gs::writeReportText(report, out);
  // Open finding (fuzz/README.md): the JSON and SARIF writers throw on a literal that is not
  // valid UTF-8; src/shacl is another stage's code. Caught here so that the rest of
  // validation keeps being fuzzed.
  try {
    gs::writeReportJson(report, out);
    gs::writeReportSarif(report, out);
  } catch (const std::exception&) {
  }
  (void)report.diagnostics();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string turtle(reinterpret_cast<const char*>(data) + 1, size - 1);
  guidegraph::Diagnostics diags;
  if (data[0] % 2 == 0) {
    const auto shapes = gs::ShapesGraph::fromTurtle(turtle, "shapes.ttl", diags);
    writeAll(gs::validate(shapes, fixedData()));
  } else {
    const auto graph = gs::DataGraph::fromTurtle(turtle, "data.ttl", diags);
    writeAll(gs::validate(projectShapes(), graph));
  }
  return 0;
}
