#include "guidegraph/serd_io.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "guidegraph/rdf_read.hpp"

namespace serd_io = guidegraph::rdf::serd_io;
using guidegraph::Diagnostics;
using guidegraph::rdf::Dataset;
using guidegraph::rdf::Term;

namespace {

// Collects statements as "s p o line:col" lines.
class Collect final : public serd_io::StatementSink {
 public:
  void prefix(std::string_view name, std::string_view iri) override {
    prefixes.push_back(std::string(name) + "=" + std::string(iri));
  }
  void statement(const serd_io::ReadStatement& st) override {
    std::string line = std::string(st.subject.text) + " " + std::string(st.predicate.text) + " " +
                       std::string(st.object.text);
    if (!st.object.datatype.empty()) line += "^^" + std::string(st.object.datatype);
    if (!st.object.language.empty()) line += "@" + std::string(st.object.language);
    line += " " + std::to_string(st.line) + ":" + std::to_string(st.column);
    statements.push_back(line);
  }
  std::vector<std::string> prefixes;
  std::vector<std::string> statements;
};

class Throwing final : public serd_io::StatementSink {
 public:
  void statement(const serd_io::ReadStatement&) override { throw std::runtime_error("sink"); }
};

const char* kTurtle =
    "@prefix ex: <http://example.org/> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "\n"
    "ex:a ex:name \"A\"@en ;\n"
    "     ex:count \"3\"^^xsd:integer .\n"
    "  ex:b ex:plain \"x\"^^xsd:string .\n";

}  // namespace

BOOST_AUTO_TEST_CASE(syntax_comes_from_the_extension) {
  BOOST_TEST((serd_io::syntaxFromPath("a/b.nt") == serd_io::Syntax::NTriples));
  BOOST_TEST((serd_io::syntaxFromPath("b.nq") == serd_io::Syntax::NQuads));
  BOOST_TEST((serd_io::syntaxFromPath("b.trig") == serd_io::Syntax::TriG));
  BOOST_TEST((serd_io::syntaxFromPath("b.ttl") == serd_io::Syntax::Turtle));
  BOOST_TEST((serd_io::syntaxFromPath("shapes") == serd_io::Syntax::Turtle));
  BOOST_TEST(std::string(serd_io::syntaxName(serd_io::Syntax::NQuads)) == "N-Quads");
}

BOOST_AUTO_TEST_CASE(statements_carry_line_and_column) {
  Collect sink;
  Diagnostics diags;
  serd_io::ReadOptions options;
  options.name = "t.ttl";
  BOOST_TEST(serd_io::readRdfText(kTurtle, options, sink, diags));
  BOOST_TEST(diags.items().empty());
  const std::vector<std::string> expected = {
      "http://example.org/a http://example.org/name A@en 4:1",
      "http://example.org/a http://example.org/count 3^^http://www.w3.org/2001/XMLSchema#integer "
      "5:6",
      "http://example.org/b http://example.org/plain x 6:3",  // xsd:string is dropped
  };
  BOOST_TEST(sink.statements == expected, boost::test_tools::per_element());
  BOOST_TEST(sink.prefixes.size() == 2U);
}

BOOST_AUTO_TEST_CASE(without_positions_statements_have_none) {
  Collect sink;
  Diagnostics diags;
  serd_io::ReadOptions options;
  options.positions = false;
  BOOST_TEST(serd_io::readRdfText(kTurtle, options, sink, diags));
  BOOST_TEST(sink.statements.at(0) == "http://example.org/a http://example.org/name A@en 0:0");
}

BOOST_AUTO_TEST_CASE(an_undefined_prefix_is_reported_at_its_line_even_without_positions) {
  Collect sink;
  Diagnostics diags;
  serd_io::ReadOptions options;
  options.name = "bad.ttl";
  options.positions = false;  // the layer reads again with positions to report it
  const std::string text =
      "@prefix ex: <http://example.org/> .\n"
      "ex:a ex:p ex:b .\n"
      "ex:a nope:p ex:c .\n";
  BOOST_TEST(!serd_io::readRdfText(text, options, sink, diags));
  BOOST_TEST_REQUIRE(diags.items().size() == 1U);
  const auto& d = diags.items().front();
  BOOST_TEST(std::string(d.pos.file) == "bad.ttl");
  BOOST_TEST(d.pos.line == 3U);
  BOOST_TEST(d.code == "rdf-syntax");
  // The first statement came again, with its position, in the second pass.
  BOOST_TEST(sink.statements.back() ==
             "http://example.org/a http://example.org/p "
             "http://example.org/b 2:1");
}

BOOST_AUTO_TEST_CASE(a_syntax_error_is_a_diagnostic_with_its_position) {
  Collect sink;
  Diagnostics diags;
  serd_io::ReadOptions options;
  options.name = "broken.nt";
  options.syntax = serd_io::Syntax::NTriples;
  BOOST_TEST(!serd_io::readRdfText("<http://x/a> <http://x/p> <http://x/b> .\n<http://x/a> <x",
                                   options, sink, diags));
  BOOST_TEST_REQUIRE(!diags.items().empty());
  BOOST_TEST(std::string(diags.items().front().pos.file) == "broken.nt");
  BOOST_TEST(diags.items().front().pos.line == 2U);
  BOOST_TEST(diags.items().front().message.find("RDF syntax error") == 0U);
}

BOOST_AUTO_TEST_CASE(an_exception_from_the_sink_comes_out_after_serd_returns) {
  Throwing sink;
  Diagnostics diags;
  BOOST_CHECK_THROW((void)serd_io::readRdfText(kTurtle, serd_io::ReadOptions{}, sink, diags),
                    std::runtime_error);
}

BOOST_AUTO_TEST_CASE(readRdf_fills_origins) {
  Dataset d;
  Diagnostics diags;
  BOOST_TEST(guidegraph::rdf::readRdf(kTurtle, "t.ttl", "", d, diags, "http://g/"));
  BOOST_TEST_REQUIRE(d.triples.size() == 3U);
  BOOST_TEST(std::string(d.triples[1].origin.file) == "t.ttl");
  BOOST_TEST(d.triples[1].origin.line == 5U);
  BOOST_TEST(d.triples[1].origin.column == 6U);
  BOOST_TEST(std::string(d.triples[1].graph) == "http://g/");
}

BOOST_AUTO_TEST_CASE(the_vocabulary_has_positions) {
  const Dataset& v = guidegraph::rdf::vocabulary();
  BOOST_TEST_REQUIRE(!v.triples.empty());
  for (const auto& t : v.triples) BOOST_TEST_REQUIRE(t.origin.line > 0U);
}

// Literals with quotes, backslashes and newlines go through Serd's writer and back through
// its reader unchanged (Serd 0.30 misreads some long strings: the layer writes short ones).
BOOST_AUTO_TEST_CASE(tricky_literals_round_trip) {
  const std::vector<std::string> values = {
      "a \"quoted\" word", "back\\slash\"\\n", "two\nlines", "\"\"\"", "tab\there", "end quote\""};
  for (auto syntax : {serd_io::Syntax::Turtle, serd_io::Syntax::NTriples}) {
    std::ostringstream out;
    serd_io::RdfWriter writer(syntax, out);
    writer.prefix("ex", "http://example.org/");
    for (const std::string& v : values) {
      BOOST_TEST(writer
                     .statement(nullptr, serd_io::WriteNode::iri("http://example.org/s"),
                                serd_io::WriteNode::iri("http://example.org/p"),
                                serd_io::WriteNode::literal(v))
                     .empty());
    }
    BOOST_TEST(writer.finish().empty());
    BOOST_TEST(out.str().find("\"\"\"") == std::string::npos, out.str());
    Collect sink;
    Diagnostics diags;
    serd_io::ReadOptions options;
    options.syntax = syntax;
    BOOST_TEST_REQUIRE(serd_io::readRdfText(out.str(), options, sink, diags), out.str());
    BOOST_TEST_REQUIRE(sink.statements.size() == values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string prefix = "http://example.org/s http://example.org/p " + values[i] + " ";
      BOOST_TEST(sink.statements[i].rfind(prefix, 0) == 0U, sink.statements[i]);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_write_to_a_failed_stream_is_an_error) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  serd_io::RdfWriter writer(serd_io::Syntax::NTriples, out);
  (void)writer.statement(nullptr, serd_io::WriteNode::iri("http://x/a"),
                         serd_io::WriteNode::iri("http://x/p"), serd_io::WriteNode::literal("v"));
  BOOST_TEST(!writer.finish().empty());
}
