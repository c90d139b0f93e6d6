#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "guidegraph/serialize.hpp"

using guidegraph::rdf::Dataset;
using guidegraph::rdf::Term;
using guidegraph::rdf::Triple;
using guidegraph::serialize::JsonLdForm;
using guidegraph::serialize::JsonLdOptions;
using nlohmann::json;

namespace {

const std::string kGg = "https://w3id.org/guidegraph/vocab#";
const std::string kSchema = "https://schema.org/";
const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";
const std::string kPage = "https://guides.example.org/guides/kazakhstan/";

Triple triple(const std::string& s, const std::string& p, Term o,
              const std::string& graph = kPage) {
  return Triple{Term::iri(s), Term::iri(p), std::move(o), graph, {}};
}

std::string write(const Dataset& d, JsonLdOptions options = {}) {
  std::ostringstream out;
  const std::string error = guidegraph::serialize::writeJsonLd(d, options, out);
  BOOST_TEST_REQUIRE(error.empty(), error);
  return out.str();
}

// The first node of the first graph of a compact document.
const json& firstNode(const json& doc) { return doc.at("@graph").at(0).at("@graph").at(0); }

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonld_writer)

BOOST_AUTO_TEST_CASE(escapes_quotes_backslashes_newlines_and_keeps_non_ascii) {
  Dataset d;
  const std::string tricky = "say \"hi\"\\ then\nnew line\ttab \x01 Қазақстан «ok» 🌍";
  d.triples.push_back(triple(kPage + "#id", kSchema + "name", Term::literal(tricky)));
  const std::string text = write(d);
  // Escapes as JSON requires, UTF-8 kept as it is.
  BOOST_TEST(text.find(R"(say \"hi\"\\ then\nnew line\ttab \u0001 Қазақстан «ok» 🌍)") !=
             std::string::npos);
  const json doc = json::parse(text);
  BOOST_TEST(firstNode(doc).at("name").get<std::string>() == tricky);
}

BOOST_AUTO_TEST_CASE(typed_literals_use_the_term_whose_type_fits) {
  Dataset d;
  d.triples.push_back(triple(kPage + "#r1", kGg + "position", Term::typed("3", kXsd + "integer")));
  d.triples.push_back(
      triple(kPage, "http://purl.org/dc/terms/created", Term::typed("2023-11-02", kXsd + "date")));
  d.triples.push_back(triple(kPage, "http://purl.org/dc/terms/modified",
                             Term::typed("2023-11-02T10:00:00Z", kXsd + "dateTime")));
  d.normalize();
  const json doc = json::parse(write(d));
  const json& page = doc.at("@graph").at(0).at("@graph").at(0);
  BOOST_TEST(page.at("@id") == kPage);
  BOOST_TEST(page.at("created") == "2023-11-02");  // the term is typed xsd:date
  // The term `modified` is typed xsd:date: a dateTime must not use it.
  BOOST_TEST(!page.contains("modified"));
  BOOST_TEST(page.at("dcterms:modified") ==
             json({{"@value", "2023-11-02T10:00:00Z"}, {"@type", "xsd:dateTime"}}));
  const json& rec = doc.at("@graph").at(0).at("@graph").at(1);
  BOOST_TEST(rec.at("position") == "3");  // lexical form kept as a string, typed by the term
}

BOOST_AUTO_TEST_CASE(language_tags_become_value_objects) {
  Dataset d;
  d.triples.push_back(triple(kPage + "#id", kSchema + "name", Term::langString("Қазақстан", "kk")));
  d.triples.push_back(triple(kPage + "#id", kSchema + "name", Term::literal("Kazakhstan")));
  d.normalize();
  const json node = firstNode(json::parse(write(d)));
  const json names = node.at("name");
  BOOST_TEST_REQUIRE(names.is_array());
  BOOST_TEST(names.size() == 2u);
  BOOST_TEST(names.at(0) == "Kazakhstan");
  BOOST_TEST(names.at(1) == json({{"@value", "Қазақстан"}, {"@language", "kk"}}));
}

BOOST_AUTO_TEST_CASE(iris_use_id_terms_and_literals_never_do) {
  Dataset d;
  d.triples.push_back(triple(kPage + "#id", kSchema + "url", Term::iri("https://kazfem.kz/")));
  d.triples.push_back(triple(kPage + "#id2", kSchema + "url", Term::literal("not an IRI")));
  d.triples.push_back(
      triple(kPage + "#id", kSchema + "name", Term::iri("https://example.org/name")));
  d.triples.push_back(triple(kPage + "#id", "https://example.org/unknown#p", Term::literal("x")));
  d.triples.push_back(triple(kPage + "#id", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                             Term::iri(kGg + "Source")));
  d.normalize();
  const json doc = json::parse(write(d));
  const json& g = doc.at("@graph").at(0).at("@graph");
  BOOST_TEST(g.at(0).at("@type") == "gg:Source");
  BOOST_TEST(g.at(0).at("url") == "https://kazfem.kz/");
  BOOST_TEST(g.at(0).at("name") == json({{"@id", "https://example.org/name"}}));
  BOOST_TEST(g.at(0).at("https://example.org/unknown#p") == "x");
  BOOST_TEST(g.at(1).at("schema:url") == "not an IRI");
}

BOOST_AUTO_TEST_CASE(named_graphs_or_union) {
  Dataset d;
  d.triples.push_back(triple(kPage, kSchema + "name", Term::literal("a"), kPage));
  d.triples.push_back(
      triple(kPage, kSchema + "name", Term::literal("a"), "https://guides.example.org/"));
  d.normalize();
  const json named = json::parse(write(d));
  BOOST_TEST(named.at("@graph").size() == 2u);
  BOOST_TEST(named.at("@graph").at(0).at("@id") == "https://guides.example.org/");
  JsonLdOptions unionOptions;
  unionOptions.namedGraphs = false;
  const json merged = json::parse(write(d, unionOptions));
  BOOST_TEST(merged.at("@graph").size() == 1u);
  BOOST_TEST(merged.at("@graph").at(0) == json({{"@id", kPage}, {"name", "a"}}));
}

BOOST_AUTO_TEST_CASE(expanded_and_flattened_forms) {
  Dataset d;
  d.triples.push_back(triple(kPage + "#r1", kGg + "position", Term::typed("3", kXsd + "integer")));
  d.normalize();
  JsonLdOptions o;
  o.form = JsonLdForm::Expanded;
  const json expanded = json::parse(write(d, o));
  BOOST_TEST_REQUIRE(expanded.is_array());
  BOOST_TEST(expanded.at(0).at("@graph").at(0).at(kGg + "position") ==
             json::array({json({{"@value", "3"}, {"@type", kXsd + "integer"}})}));
  o.form = JsonLdForm::Flattened;
  const json flattened = json::parse(write(d, o));
  BOOST_TEST(flattened.contains("@context"));
  BOOST_TEST(flattened.at("@graph").at(0).at("@graph").at(0).at("position") == json::array({"3"}));
}

BOOST_AUTO_TEST_CASE(html_safe_output_cannot_close_a_script_element) {
  Dataset d;
  d.triples.push_back(triple(kPage + "#id", kSchema + "name", Term::literal("</script><b>&amp;")));
  JsonLdOptions o;
  o.htmlSafe = true;
  const std::string text = write(d, o);
  BOOST_TEST(text.find('<') == std::string::npos);
  BOOST_TEST(text.find('&') == std::string::npos);
  BOOST_TEST(firstNode(json::parse(text)).at("name") == "</script><b>&amp;");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_reported_not_written) {
  Dataset d;
  d.triples.push_back(triple(kPage + "#id", kSchema + "name", Term::literal("bad \xff byte")));
  std::ostringstream out;
  const std::string error = guidegraph::serialize::writeJsonLd(d, {}, out);
  BOOST_TEST(error.find("UTF-8") != std::string::npos);
  BOOST_TEST(out.str().empty());
}

BOOST_AUTO_TEST_CASE(output_embeds_the_shipped_context) {
  Dataset d;
  d.triples.push_back(triple(kPage + "#id", kSchema + "name", Term::literal("a")));
  const json doc = json::parse(write(d));
  const json shipped = json::parse(guidegraph::serialize::jsonLdContextText());
  BOOST_TEST(doc.at("@context") == shipped.at("@context"));
  BOOST_TEST(write(d) == write(d));  // deterministic
}

BOOST_AUTO_TEST_SUITE_END()
