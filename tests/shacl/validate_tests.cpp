// Unit tests of the SHACL engine: every constraint component must catch bad data and accept
// good data, plus value-space comparison, paths, positions and the report writers.
// Boost.Test main() comes from tests/support/test_main.cpp.
#include <serd/serd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "guidegraph/shacl.hpp"

using namespace guidegraph;
using namespace guidegraph::shacl;

namespace {

const std::string kPrefixes =
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix ex: <http://example.org/> .\n";
const std::string kEx = "http://example.org/";
const std::string kSh = "http://www.w3.org/ns/shacl#";
const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";

ValidationReport run(const std::string& shapes, const std::string& data) {
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(kPrefixes + shapes, "shapes.ttl", diags);
  const DataGraph d = DataGraph::fromTurtle(kPrefixes + data, "data.ttl", diags);
  for (const Diagnostic& item : diags.items()) BOOST_TEST_MESSAGE(item.message);
  BOOST_REQUIRE(diags.items().empty());
  return validate(s, d);
}

std::size_t countOf(const ValidationReport& r, const std::string& component) {
  std::size_t n = 0;
  for (const ValidationResult& res : r.results) {
    if (res.sourceConstraintComponent == kSh + component + "ConstraintComponent") ++n;
  }
  return n;
}

struct Case {
  const char* component;
  const char* shapes;  // shape ex:S; the focus node is ex:a
  const char* bad;
  const char* good;
};

// Each shape targets ex:a; `bad` must give at least one result of `component`, `good` none.
const Case kCases[] = {
    {"Class", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:class ex:C ] .",
     "ex:a ex:p ex:b . ex:b a ex:D .",
     "ex:a ex:p ex:b . ex:b a ex:D . ex:D rdfs:subClassOf ex:C ."},
    {"Datatype",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:integer ] .",
     "ex:a ex:p \"12a\"^^xsd:integer .", "ex:a ex:p 12 ."},
    {"Datatype", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:date ] .",
     "ex:a ex:p \"2023-02-29\"^^xsd:date .", "ex:a ex:p \"2024-02-29\"^^xsd:date ."},
    {"Datatype",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:string ] .",
     "ex:a ex:p \"x\"@en .", "ex:a ex:p \"x\"^^xsd:string ."},
    {"NodeKind", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ] .",
     "ex:a ex:p [] .", "ex:a ex:p ex:b ."},
    {"MinCount", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
     "ex:a ex:q 1 .", "ex:a ex:p 1 ."},
    // The boundary both ways: exactly maxCount values conform, one more does not.
    {"MaxCount", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxCount 1 ] .",
     "ex:a ex:p 1, 2 .", "ex:a ex:p 1 ."},
    {"MaxCount", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxCount 2 ] .",
     "ex:a ex:p 1, 2, 3 .", "ex:a ex:p 1, 2 ."},
    {"MinExclusive", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minExclusive 5 ] .",
     "ex:a ex:p 5 .", "ex:a ex:p 5.5 ."},
    {"MinInclusive", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minInclusive 5 ] .",
     "ex:a ex:p 4.99 .", "ex:a ex:p 5.0 ."},
    {"MaxExclusive",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxExclusive "
     "\"2020-01-01\"^^xsd:date ] .",
     "ex:a ex:p \"2020-01-01\"^^xsd:date .", "ex:a ex:p \"2019-12-31\"^^xsd:date ."},
    {"MaxInclusive",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxInclusive \"9.5\"^^xsd:decimal "
     "] .",
     "ex:a ex:p \"10\"^^xsd:integer .", "ex:a ex:p \"9\"^^xsd:integer ."},
    {"MaxInclusive",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxInclusive 10 ] .",
     "ex:a ex:p \"5\" .", "ex:a ex:p 1e1 ."},
    {"MinLength", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minLength 3 ] .",
     "ex:a ex:p \"ab\" .", "ex:a ex:p \"äöü\" ."},
    {"MaxLength", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxLength 3 ] .",
     "ex:a ex:p \"abcd\" .", "ex:a ex:p \"äöü\" ."},
    {"Pattern",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"^[0-9]+$\" ] .",
     "ex:a ex:p \"12x\" .", "ex:a ex:p \"123\" ."},
    {"LanguageIn",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:languageIn ( \"en\" \"kk\" ) ] .",
     "ex:a ex:p \"x\"@ru, \"y\" .", "ex:a ex:p \"x\"@en-GB, \"y\"@KK ."},
    {"UniqueLang", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .",
     "ex:a ex:p \"x\"@en, \"y\"@EN .", "ex:a ex:p \"x\"@en, \"y\"@kk, \"z\" ."},
    {"Equals", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:equals ex:q ] .",
     "ex:a ex:p 1 ; ex:q 1, 2 .", "ex:a ex:p 1, 2 ; ex:q 2, 1 ."},
    {"Disjoint", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:disjoint ex:q ] .",
     "ex:a ex:p 1 ; ex:q 1 .", "ex:a ex:p 1 ; ex:q 2 ."},
    {"LessThan", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:lessThan ex:q ] .",
     "ex:a ex:p 3 ; ex:q 3 .", "ex:a ex:p 3 ; ex:q 3.5 ."},
    {"LessThanOrEquals",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:lessThanOrEquals ex:q ] .",
     "ex:a ex:p 4 ; ex:q 3 .", "ex:a ex:p 3 ; ex:q 3 ."},
    {"Not", "ex:S sh:targetNode ex:a ; sh:not [ sh:class ex:C ] .", "ex:a a ex:C .",
     "ex:a a ex:D ."},
    {"And", "ex:S sh:targetNode ex:a ; sh:and ( [ sh:class ex:C ] [ sh:class ex:D ] ) .",
     "ex:a a ex:C .", "ex:a a ex:C, ex:D ."},
    {"Or", "ex:S sh:targetNode ex:a ; sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] ) .",
     "ex:a a ex:E .", "ex:a a ex:D ."},
    {"Xone", "ex:S sh:targetNode ex:a ; sh:xone ( [ sh:class ex:C ] [ sh:class ex:D ] ) .",
     "ex:a a ex:C, ex:D .", "ex:a a ex:D ."},
    {"Node",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:T ] . ex:T sh:class ex:C .",
     "ex:a ex:p ex:b .", "ex:a ex:p ex:b . ex:b a ex:C ."},
    {"QualifiedMinCount",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class "
     "ex:C ] ; sh:qualifiedMinCount 2 ] .",
     "ex:a ex:p ex:b, ex:c . ex:b a ex:C .", "ex:a ex:p ex:b, ex:c . ex:b a ex:C . ex:c a ex:C ."},
    {"QualifiedMaxCount",
     "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class "
     "ex:C ] ; sh:qualifiedMaxCount 1 ] .",
     "ex:a ex:p ex:b, ex:c . ex:b a ex:C . ex:c a ex:C .", "ex:a ex:p ex:b, ex:c . ex:b a ex:C ."},
    // With disjoint siblings, a value conforming to both qualified shapes counts for neither.
    {"QualifiedMinCount",
     "ex:S sh:targetNode ex:a ; sh:property ex:P1, ex:P2 .\n"
     "ex:P1 sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 1 ; "
     "sh:qualifiedValueShapesDisjoint true .\n"
     "ex:P2 sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ; "
     "sh:qualifiedValueShapesDisjoint true .",
     "ex:a ex:p ex:b . ex:b a ex:C, ex:D .", "ex:a ex:p ex:b, ex:c . ex:b a ex:C . ex:c a ex:D ."},
    {"Closed",
     "ex:S sh:targetNode ex:a ; sh:closed true ; sh:ignoredProperties ( rdf:type ) ; sh:property "
     "[ sh:path ex:p ] .",
     "ex:a a ex:C ; ex:p 1 ; ex:q 2 .", "ex:a a ex:C ; ex:p 1 ."},
    {"HasValue", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:hasValue ex:v ] .",
     "ex:a ex:p ex:w .", "ex:a ex:p ex:w, ex:v ."},
    {"In", "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:in ( ex:v 1 \"x\" ) ] .",
     "ex:a ex:p ex:v, \"1\" .", "ex:a ex:p ex:v, 1, \"x\" ."},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_component_catches_bad_data_and_accepts_good_data) {
  std::set<std::string> covered;
  for (const Case& c : kCases) {
    BOOST_TEST_CONTEXT(c.component << ": " << c.shapes) {
      const ValidationReport bad = run(c.shapes, c.bad);
      BOOST_TEST(!bad.conforms);
      BOOST_TEST(countOf(bad, c.component) >= 1u);
      const ValidationReport good = run(c.shapes, c.good);
      BOOST_TEST(good.conforms);
      BOOST_TEST(good.results.size() == 0u);
      covered.insert(c.component);
    }
  }
  // Every Core component except sh:property, whose results are those of the nested shape.
  BOOST_TEST(covered.size() == 28u);
}

BOOST_AUTO_TEST_CASE(max_count_is_not_inverted) {
  const std::string shapes =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxCount 2 ] .";
  BOOST_TEST(run(shapes, "ex:a ex:p 1 .").conforms);
  BOOST_TEST(run(shapes, "ex:a ex:p 1, 2 .").conforms);
  const ValidationReport r = run(shapes, "ex:a ex:p 1, 2, 3 .");
  BOOST_REQUIRE(r.results.size() == 1u);
  BOOST_TEST(!r.results[0].value.has_value());
  BOOST_TEST(r.results[0].resultPath->toString() == "<http://example.org/p>");
}

BOOST_AUTO_TEST_CASE(value_space_comparison) {
  const std::string shapes =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minExclusive "
      "\"9.5\"^^xsd:decimal ] .";
  BOOST_TEST(run(shapes, "ex:a ex:p \"10\"^^xsd:integer .").conforms);
  BOOST_TEST(run(shapes, "ex:a ex:p \"1.0e1\"^^xsd:double .").conforms);
  BOOST_TEST(!run(shapes, "ex:a ex:p \"9\"^^xsd:integer .").conforms);
  BOOST_TEST(!run(shapes, "ex:a ex:p \"10\" .").conforms);                // a string
  BOOST_TEST(!run(shapes, "ex:a ex:p \"ten\"^^xsd:integer .").conforms);  // ill-formed
  BOOST_TEST(!run(shapes, "ex:a ex:p \"NaN\"^^xsd:double .").conforms);   // unordered
  const std::string dates =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minInclusive "
      "\"2020-01-01T00:00:00Z\"^^xsd:dateTime ] .";
  BOOST_TEST(run(dates, "ex:a ex:p \"2019-12-31T20:00:00-05:00\"^^xsd:dateTime .").conforms);
  BOOST_TEST(!run(dates, "ex:a ex:p \"2019-12-31T23:00:00Z\"^^xsd:dateTime .").conforms);
  // With and without a time zone: not comparable.
  BOOST_TEST(!run(dates, "ex:a ex:p \"2021-01-01T00:00:00\"^^xsd:dateTime .").conforms);
  const std::string years =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxInclusive "
      "\"1991\"^^xsd:gYear ] .";
  BOOST_TEST(run(years, "ex:a ex:p \"1991\"^^xsd:gYear .").conforms);
  BOOST_TEST(!run(years, "ex:a ex:p \"1992\"^^xsd:gYear .").conforms);
  BOOST_TEST(!run(years, "ex:a ex:p \"1990\"^^xsd:integer .").conforms);
  const std::string strings =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:maxExclusive \"m\" ] .";
  BOOST_TEST(run(strings, "ex:a ex:p \"apple\" .").conforms);
  BOOST_TEST(!run(strings, "ex:a ex:p \"zebra\" .").conforms);
  BOOST_TEST(!run(strings, "ex:a ex:p ex:iri .").conforms);
}

BOOST_AUTO_TEST_CASE(datatype_lexical_forms) {
  const std::string shapes =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:byte ] .";
  BOOST_TEST(run(shapes, "ex:a ex:p \"-128\"^^xsd:byte .").conforms);
  BOOST_TEST(!run(shapes, "ex:a ex:p \"128\"^^xsd:byte .").conforms);
  BOOST_TEST(!run(shapes, "ex:a ex:p \"12\"^^xsd:integer .").conforms);
  const std::string dt =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:dateTime ] .";
  BOOST_TEST(run(dt, "ex:a ex:p \"2024-05-01T24:00:00Z\"^^xsd:dateTime .").conforms);
  BOOST_TEST(!run(dt, "ex:a ex:p \"2024-05-01T25:00:00Z\"^^xsd:dateTime .").conforms);
  BOOST_TEST(!run(dt, "ex:a ex:p \"2024-05-01\"^^xsd:dateTime .").conforms);
  const std::string b =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:boolean ] .";
  BOOST_TEST(run(b, "ex:a ex:p true, \"0\"^^xsd:boolean .").conforms);
  BOOST_TEST(!run(b, "ex:a ex:p \"yes\"^^xsd:boolean .").conforms);
}

BOOST_AUTO_TEST_CASE(pattern_flags) {
  const std::string plain =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"^abc$\" ] .";
  const std::string caseless =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"^abc$\" ; sh:flags "
      "\"i\" ] .";
  BOOST_TEST(!run(plain, "ex:a ex:p \"ABC\" .").conforms);
  BOOST_TEST(run(caseless, "ex:a ex:p \"ABC\" .").conforms);
  const std::string dotall =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"^a.b$\" ; sh:flags "
      "\"s\" ] .";
  BOOST_TEST(run(dotall, "ex:a ex:p \"a\\nb\" .").conforms);
  BOOST_TEST(!run(plain.substr(0, 0) + "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; "
                                       "sh:pattern \"^a.b$\" ] .",
                  "ex:a ex:p \"a\\nb\" .")
                  .conforms);
  const std::string unicode =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"^\\\\w{3}$\" ] .";
  BOOST_TEST(run(unicode, "ex:a ex:p \"Қаз\" .").conforms);
  // A pattern also applies to IRIs, and never to blank nodes.
  const std::string iri =
      "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern \"^https:\" ] .";
  BOOST_TEST(!run(iri, "ex:a ex:p ex:b .").conforms);
  BOOST_TEST(!run(iri, "ex:a ex:p [] .").conforms);
}

BOOST_AUTO_TEST_CASE(bad_pattern_is_a_diagnostic) {
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(
      kPrefixes + "ex:S sh:targetNode ex:a ;\n  sh:pattern \"(unclosed\" .\n", "bad.ttl", diags);
  BOOST_REQUIRE(diags.items().size() == 1u);
  BOOST_TEST(diags.items()[0].pos.file == "bad.ttl");
  BOOST_TEST(diags.items()[0].pos.line == 7u);
  BOOST_TEST(diags.items()[0].message.find("not a valid regular expression") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(untargeted_shape_is_a_warning) {
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(
      kPrefixes + "ex:S a sh:NodeShape ;\n  sh:targetclass ex:C ;\n  sh:class ex:D .\n", "t.ttl",
      diags);
  BOOST_REQUIRE(diags.items().size() == 2u);
  BOOST_TEST(diags.items()[0].message.find("did you mean sh:targetClass?") != std::string::npos);
  BOOST_TEST(diags.items()[0].pos.line == 7u);
  BOOST_TEST(diags.items()[1].message.find("checks nothing") != std::string::npos);
  BOOST_TEST(s.shapeCount() == 0u);
}

BOOST_AUTO_TEST_CASE(unknown_shacl_terms_are_warnings) {
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(
      kPrefixes +
          "ex:S sh:targetNode ex:a ;\n  sh:property [ sh:path ex:p ; sh:mincount 1 ] ;\n"
          "  sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .\n",
      "typo.ttl", diags);
  BOOST_REQUIRE(diags.items().size() == 2u);
  for (const Diagnostic& d : diags.items()) {
    BOOST_TEST((d.severity == Severity::Warning));
    BOOST_TEST(d.pos.file == "typo.ttl");
  }
  std::set<std::string> messages;
  for (const Diagnostic& d : diags.items()) messages.insert(d.message);
  for (const std::string& m : messages) BOOST_TEST_MESSAGE(m);
  BOOST_TEST(messages.count("shape ex:S uses sh:sparql, which is not part of SHACL Core; "
                            "guidegraph ignores it") == 1u);
  BOOST_TEST(messages.count("the property shape for ex:p uses sh:mincount, which is not a "
                            "SHACL Core term and is ignored; did you mean sh:minCount?") == 1u);
}

namespace {
// The values a path reaches from ex:a, read off sh:class violations (one per value node).
std::set<std::string> reached(const std::string& path, const std::string& data) {
  const ValidationReport r =
      run("ex:S sh:targetNode ex:a ; sh:property [ sh:path " + path + " ; sh:class ex:Nothing ] .",
          data);
  std::set<std::string> out;
  for (const ValidationResult& res : r.results) {
    if (res.value) out.insert(res.value->value.substr(kEx.size()));
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(path_forms) {
  const std::string data =
      "ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:q ex:d . ex:z ex:p ex:a . ex:a ex:q ex:e .";
  using S = std::set<std::string>;
  BOOST_TEST((reached("ex:p", data) == S{"b"}));
  BOOST_TEST((reached("[ sh:inversePath ex:p ]", data) == S{"z"}));
  BOOST_TEST((reached("( ex:p ex:p ex:q )", data) == S{"d"}));
  BOOST_TEST((reached("[ sh:alternativePath ( ex:p ex:q ) ]", data) == S{"b", "e"}));
  BOOST_TEST((reached("[ sh:zeroOrMorePath ex:p ]", data) == S{"a", "b", "c"}));
  BOOST_TEST((reached("[ sh:oneOrMorePath ex:p ]", data) == S{"b", "c"}));
  BOOST_TEST((reached("[ sh:zeroOrOnePath ex:p ]", data) == S{"a", "b"}));
  // y -p-> z -p-> a
  BOOST_TEST((reached("[ sh:inversePath ( ex:p ex:p ) ]", data + " ex:y ex:p ex:z .") == S{"y"}));
  BOOST_TEST((reached("[ sh:inversePath [ sh:oneOrMorePath ex:p ] ]", data) == S{"z"}));
  BOOST_TEST((reached("( [ sh:zeroOrMorePath ex:p ] ex:q )", data) == S{"d", "e"}));

  const ValidationReport r =
      run("ex:S sh:targetNode ex:a ; sh:property [ sh:path ( [ sh:inversePath ex:p ] [ "
          "sh:zeroOrOnePath ex:q ] ) ; sh:maxCount 0 ] .",
          data);
  BOOST_REQUIRE(r.results.size() == 1u);
  BOOST_TEST(r.results[0].resultPath->toString() ==
             "^<http://example.org/p>/<http://example.org/q>?");
}

BOOST_AUTO_TEST_CASE(targets) {
  const std::string data =
      "ex:a a ex:Sub . ex:Sub rdfs:subClassOf ex:C . ex:b ex:r ex:c . ex:d a ex:Other .";
  auto focusNodes = [&](const std::string& shapes) {
    std::set<std::string> out;
    for (const ValidationResult& r : run(shapes, data).results) {
      out.insert(r.focusNode.value.substr(kEx.size()));
    }
    return out;
  };
  using S = std::set<std::string>;
  const std::string always = " sh:class ex:Nothing .";
  BOOST_TEST((focusNodes("ex:S sh:targetClass ex:C ;" + always) == S{"a"}));
  BOOST_TEST((focusNodes("ex:C a rdfs:Class, sh:NodeShape ;" + always) == S{"a"}));
  BOOST_TEST((focusNodes("ex:S sh:targetSubjectsOf ex:r ;" + always) == S{"b"}));
  BOOST_TEST((focusNodes("ex:S sh:targetObjectsOf ex:r ;" + always) == S{"c"}));
  BOOST_TEST((focusNodes("ex:S sh:targetNode ex:zz ;" + always) == S{"zz"}));
  BOOST_TEST((focusNodes("ex:S sh:targetNode ex:a ; sh:deactivated true ;" + always) == S{}));
}

BOOST_AUTO_TEST_CASE(severity_and_messages) {
  const ValidationReport r =
      run("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity "
          "sh:Warning ; sh:message \"Nimmt einen Wert\"@de, \"needs a value\"@en ] .",
          "ex:a ex:q 1 .");
  BOOST_REQUIRE(r.results.size() == 1u);
  BOOST_TEST(r.results[0].severity.value == kSh + "Warning");
  BOOST_TEST((r.results[0].guidegraphSeverity() == Severity::Warning));
  BOOST_TEST(r.results[0].messages.size() == 2u);
  BOOST_TEST(r.results[0].messageText() == "needs a value");
  BOOST_TEST((toSeverity(rdf::Term::iri(kSh + "Info")) == Severity::Info));
  BOOST_TEST((toSeverity(rdf::Term::iri(kSh + "Violation")) == Severity::Error));
  BOOST_TEST(!r.conforms);  // a warning still means non-conformance in SHACL
}

BOOST_AUTO_TEST_CASE(generated_messages_name_things_readably) {
  const ValidationReport r = run(
      "ex:S sh:targetClass ex:Source ; sh:property [ sh:path ex:website ; sh:name \"website\" ; "
      "sh:minCount 1 ] .",
      "ex:kazfem a ex:Source ; rdfs:label \"KazFem\"@en .");
  BOOST_REQUIRE(r.results.size() == 1u);
  BOOST_TEST(r.results[0].messageText() ==
             "ex:kazfem (\"KazFem\") has no value for 'website' (ex:website); add one");
}

BOOST_AUTO_TEST_CASE(recursive_shapes_terminate) {
  const ValidationReport r =
      run("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:knows ; sh:node ex:S ] ; sh:class "
          "ex:Person .",
          "ex:a a ex:Person ; ex:knows ex:b . ex:b ex:knows ex:a .");
  BOOST_TEST(!r.conforms);  // ex:b is not a Person
}

BOOST_AUTO_TEST_CASE(origin_from_dataset) {
  rdf::Dataset ds;
  auto add = [&](const std::string& s, const std::string& p, rdf::Term o, std::uint32_t line) {
    rdf::Triple t{rdf::Term::iri(kEx + s), rdf::Term::iri(kEx + p), std::move(o), "",
                  SourcePos{"content/guide.md", line, 3}};
    ds.triples.push_back(std::move(t));
  };
  add("a", "name", rdf::Term::literal("x"), 4);
  add("a", "count", rdf::Term::typed("7", kXsd + "integer"), 9);
  add("b", "name", rdf::Term::literal("y"), 12);
  Diagnostics diags;
  const ShapesGraph s =
      ShapesGraph::fromTurtle(kPrefixes +
                                  "ex:S sh:targetSubjectsOf ex:name ;\n"
                                  "  sh:property [ sh:path ex:count ; sh:maxInclusive 5 ] ;\n"
                                  "  sh:property [ sh:path ex:count ; sh:minCount 1 ] .\n",
                              "shapes.ttl", diags);
  BOOST_REQUIRE(diags.items().empty());
  const ValidationReport r = validate(s, DataGraph::fromDataset(ds));
  BOOST_REQUIRE(r.results.size() == 2u);
  // Sorted by position: ex:a's count (line 9), then ex:b's missing count (its first triple).
  BOOST_TEST(r.results[0].origin.line == 9u);
  BOOST_TEST(r.results[0].origin.file == "content/guide.md");
  BOOST_TEST(r.results[0].sourceConstraintComponent == kSh + "MaxInclusiveConstraintComponent");
  BOOST_TEST(r.results[1].origin.line == 12u);
  BOOST_TEST(r.results[1].focusNode.value == kEx + "b");
  const std::vector<Diagnostic> diagsOut = r.diagnostics();
  BOOST_TEST(diagsOut[0].code == "MaxInclusiveConstraintComponent");
  BOOST_TEST((diagsOut[0].severity == Severity::Error));
}

BOOST_AUTO_TEST_CASE(origin_from_turtle_lines) {
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(
      kPrefixes +
          "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:integer ] .",
      "shapes.ttl", diags);
  const DataGraph d = DataGraph::fromTurtle(
      "@prefix ex: <http://example.org/> .\n"
      "ex:a\n"
      "  ex:p 1 ;\n"
      "  ex:p \"two\" ;\n"
      "  ex:q 3 .\n",
      "data.ttl", diags);
  BOOST_REQUIRE(diags.items().empty());
  const ValidationReport r = validate(s, d);
  BOOST_REQUIRE(r.results.size() == 1u);
  BOOST_TEST(r.results[0].origin.file == "data.ttl");
  BOOST_TEST(r.results[0].origin.line == 4u);
  BOOST_TEST(r.results[0].origin.column == 3u);
}

BOOST_AUTO_TEST_CASE(syntax_error_is_a_diagnostic) {
  Diagnostics diags;
  const DataGraph d = DataGraph::fromTurtle(
      "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:c ex:p \"unterminated .\n",
      "broken.ttl", diags);
  BOOST_REQUIRE(!diags.items().empty());
  BOOST_TEST(diags.items()[0].pos.file == "broken.ttl");
  BOOST_TEST(diags.items()[0].pos.line >= 3u);
  BOOST_TEST(diags.items()[0].code == "rdf-syntax");
  BOOST_TEST(d.tripleCount() >= 1u);

  Diagnostics undefinedPrefix;
  (void)DataGraph::fromTurtle("@prefix ex: <http://example.org/> .\n\nex:a ex:p nope:b .\n",
                              "prefix.ttl", undefinedPrefix);
  BOOST_REQUIRE(!undefinedPrefix.items().empty());
  BOOST_TEST(undefinedPrefix.items()[0].pos.line == 3u);

  // A prefix that does not make an absolute IRI (Sord alone would leak here).
  Diagnostics relativePrefix;
  (void)DataGraph::fromTurtle("@prefix r: <ht;tp://x/> .\nr:a r:b r:c .\n", "rel.ttl",
                              relativePrefix);
  BOOST_TEST(!relativePrefix.items().empty());

  Diagnostics missing;
  const DataGraph none = DataGraph::fromFiles({"/nonexistent/file.ttl"}, missing);
  BOOST_REQUIRE(missing.items().size() == 1u);
  BOOST_TEST(none.tripleCount() == 0u);
}

namespace {

// A report exercising the Turtle writer's hard cases.
ValidationReport trickyReport() {
  rdf::Dataset ds;
  const rdf::Term a = rdf::Term::iri(kEx + "a b");  // needs percent-encoding
  auto add = [&](const std::string& p, rdf::Term o) {
    ds.triples.push_back(rdf::Triple{a, rdf::Term::iri(kEx + p), std::move(o), "", {}});
  };
  add("n", rdf::Term::typed("10abc", kXsd + "integer"));
  add("n", rdf::Term::typed("1", kXsd + "boolean"));
  add("n", rdf::Term::typed("1.", kXsd + "decimal"));
  add("n", rdf::Term::typed("1.5x", kXsd + "double"));
  add("n", rdf::Term::literal("quote \" backslash \\ newline \n end \"\"\""));
  add("n", rdf::Term::langString("Қазақстан", "kk"));
  add("n", rdf::Term::blank("x"));
  add("n", rdf::Term::blank("not a Turtle label!"));
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(
      kPrefixes +
          "ex:S sh:targetSubjectsOf ex:n ; sh:property [ sh:path ( ex:n [ sh:zeroOrMorePath "
          "[ sh:inversePath ex:n ] ] ) ; sh:maxCount 0 ] ;\n"
          "  sh:property [ sh:path [ sh:alternativePath ( ex:n ex:m ) ] ; sh:datatype xsd:integer "
          "] .",
      "shapes.ttl", diags);
  BOOST_REQUIRE(diags.items().empty());
  return validate(s, DataGraph::fromDataset(ds));
}

struct ReadBack {
  int statements = 0;
  int errors = 0;
  std::vector<std::string> objects;
};

SerdStatus countStatement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode*,
                          const SerdNode*, const SerdNode* object, const SerdNode*,
                          const SerdNode*) {
  auto* rb = static_cast<ReadBack*>(handle);
  ++rb->statements;
  rb->objects.emplace_back(reinterpret_cast<const char*>(object->buf), object->n_bytes);
  return SERD_SUCCESS;
}

SerdStatus countError(void* handle, const SerdError*) {
  ++static_cast<ReadBack*>(handle)->errors;
  return SERD_SUCCESS;
}

}  // namespace

BOOST_AUTO_TEST_CASE(turtle_report_is_deterministic_and_parses_back) {
  std::ostringstream first;
  std::ostringstream second;
  BOOST_REQUIRE(writeReportTurtle(trickyReport(), first));
  BOOST_REQUIRE(writeReportTurtle(trickyReport(), second));
  BOOST_TEST_MESSAGE(first.str());
  BOOST_TEST(first.str() == second.str());
  BOOST_TEST(first.str().find("sh:conforms false") != std::string::npos);
  BOOST_TEST(first.str().find("a%20b") != std::string::npos);

  ReadBack rb;
  SerdReader* reader =
      serd_reader_new(SERD_TURTLE, &rb, nullptr, nullptr, nullptr, countStatement, nullptr);
  serd_reader_set_strict(reader, true);
  serd_reader_set_error_sink(reader, countError, &rb);
  const std::string text = first.str();
  const SerdStatus st =
      serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(text.c_str()));
  serd_reader_free(reader);
  BOOST_TEST(st == SERD_SUCCESS);
  BOOST_TEST(rb.errors == 0);
  BOOST_TEST(rb.statements > 20);
  const std::set<std::string> objects(rb.objects.begin(), rb.objects.end());
  BOOST_TEST(objects.count("10abc") == 1u);
  BOOST_TEST(objects.count("1.5x") == 1u);
  BOOST_TEST(objects.count("quote \" backslash \\ newline \n end \"\"\"") == 1u);
  BOOST_TEST(objects.count("Қазақстан") == 1u);
}

// The Turtle report compared byte for byte with a reviewed file. After an intended change of
// format or messages, regenerate it with GUIDEGRAPH_UPDATE_GOLDEN=1 and review the diff.
BOOST_AUTO_TEST_CASE(turtle_report_matches_golden_file) {
  std::ostringstream out;
  BOOST_REQUIRE(writeReportTurtle(trickyReport(), out));
  const std::string golden = std::string(SHACL_TEST_DATA_DIR) + "/tricky-report.ttl";
  if (std::getenv("GUIDEGRAPH_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << out.str();
  }
  std::ifstream in(golden, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "missing " << golden);
  std::ostringstream expected;
  expected << in.rdbuf();
  BOOST_TEST(out.str() == expected.str());
}

BOOST_AUTO_TEST_CASE(writers_report_stream_failure) {
  const ValidationReport r = trickyReport();
  for (int writer = 0; writer < 4; ++writer) {
    std::ostringstream broken;
    broken.setstate(std::ios::badbit);
    const bool ok = writer == 0   ? writeReportTurtle(r, broken)
                    : writer == 1 ? writeReportText(r, broken)
                    : writer == 2 ? writeReportJson(r, broken)
                                  : writeReportSarif(r, broken);
    BOOST_TEST(!ok, "writer " << writer);
  }
}

BOOST_AUTO_TEST_CASE(text_json_and_sarif_writers) {
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(
      kPrefixes +
          "ex:S sh:targetNode ex:a, ex:nowhere ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
      "shapes.ttl", diags);
  const DataGraph d =
      DataGraph::fromTurtle("@prefix ex: <http://example.org/> .\nex:a ex:q 1 .\n", "d.ttl", diags);
  BOOST_REQUIRE(diags.items().empty());
  const ValidationReport r = validate(s, d);
  BOOST_REQUIRE(r.results.size() == 2u);

  std::ostringstream text;
  BOOST_REQUIRE(writeReportText(r, text));
  std::istringstream lines(text.str());
  std::string line;
  std::getline(lines, line);
  BOOST_TEST(line.rfind("d.ttl:2:1: error: ", 0) == 0u);
  BOOST_TEST(line.find("[sh:MinCountConstraintComponent]") != std::string::npos);
  std::getline(lines, line);
  BOOST_TEST(line.rfind("<http://example.org/nowhere>: error: ", 0) == 0u);

  std::ostringstream json;
  BOOST_REQUIRE(writeReportJson(r, json));
  const auto j = nlohmann::json::parse(json.str());
  BOOST_TEST(j["conforms"] == false);
  BOOST_TEST(j["results"].size() == 2u);
  BOOST_TEST(j["results"][0]["origin"]["line"] == 2);

  std::ostringstream sarif;
  BOOST_REQUIRE(writeReportSarif(r, sarif));
  const auto sj = nlohmann::json::parse(sarif.str());
  BOOST_TEST(sj["version"] == "2.1.0");
  const auto& run0 = sj["runs"][0];
  BOOST_TEST(run0["tool"]["driver"]["name"] == "guidegraph");
  BOOST_TEST(run0["tool"]["driver"].contains("semanticVersion"));
  BOOST_TEST(run0["tool"]["driver"]["rules"][0]["id"] == "MinCountConstraintComponent");
  BOOST_TEST(run0["results"][0]["level"] == "error");
  const auto& loc = run0["results"][0]["locations"][0]["physicalLocation"];
  BOOST_TEST(loc["artifactLocation"]["uri"] == "d.ttl");
  BOOST_TEST(loc["region"]["startLine"] == 2);
  BOOST_TEST(loc["region"]["startColumn"] == 1);
  BOOST_TEST(!run0["results"][1]["locations"][0].contains("physicalLocation"));
}

BOOST_AUTO_TEST_CASE(files_union_keeps_blank_nodes_apart) {
  const std::string dir = std::filesystem::temp_directory_path() / "gg-shacl-union";
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name) << text;
    return dir + "/" + name;
  };
  const std::string a = write("a.ttl", kPrefixes + "ex:a ex:p _:x . _:x a ex:C .\n");
  const std::string b = write("b.nt", "_:x <http://example.org/q> \"1\" .\n");
  const std::string shapes = write(
      "s.ttl",
      kPrefixes + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .\n");
  Diagnostics diags;
  const DataGraph d = DataGraph::fromFiles({a, b}, diags);
  const ShapesGraph s = ShapesGraph::fromFiles({shapes}, diags);
  BOOST_REQUIRE(diags.items().empty());
  BOOST_TEST(d.tripleCount() == 3u);
  const ValidationReport r = validate(s, d);
  BOOST_REQUIRE(r.results.size() == 1u);  // _:x of b.nt is another node
  BOOST_TEST(r.results[0].origin.file == a);
  BOOST_TEST(r.results[0].origin.line == 6u);
  std::filesystem::remove_all(dir);
}

// Serd hands over a blank node label that ends a statement (`_:b.`) with the dot still in
// its buffer after n_bytes; the engine must see the label "b" and nothing past it (found by
// fuzz_shacl as a heap over-read; fuzz/corpus/fuzz_shacl/regression-blank-label-dot).
BOOST_AUTO_TEST_CASE(blank_label_before_final_dot) {
  const ValidationReport shapesSide =
      run("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ] .",
          "ex:a ex:p _:b.\nex:a ex:q \"x\"@en.\n");
  BOOST_REQUIRE(shapesSide.results.size() == 1u);
  BOOST_REQUIRE(shapesSide.results[0].value.has_value());
  BOOST_TEST(shapesSide.results[0].value->isBlank());
  BOOST_TEST(shapesSide.results[0].value->value.size() >= 1u);
  BOOST_TEST(shapesSide.results[0].value->value.back() == 'b');

  // The same label inside a shapes graph: a shape named `_:s.` is compiled and used.
  Diagnostics diags;
  const ShapesGraph s = ShapesGraph::fromTurtle(kPrefixes +
                                                    "ex:S sh:targetNode ex:a ; sh:property _:s.\n"
                                                    "_:s sh:path ex:p ; sh:minCount 2 .\n",
                                                "shapes.ttl", diags);
  BOOST_REQUIRE(diags.items().empty());
  const DataGraph d = DataGraph::fromTurtle(kPrefixes + "ex:a ex:p 1 .\n", "data.ttl", diags);
  const ValidationReport r = validate(s, d);
  BOOST_REQUIRE(r.results.size() == 1u);
  BOOST_TEST(r.results[0].sourceShape.isBlank());
  BOOST_TEST(r.results[0].sourceShape.value.back() == 's');
  BOOST_TEST(r.results[0].sourceShape.value.find('.') == std::string::npos);
}
