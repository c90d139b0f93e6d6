// The plain YAML reader must give exactly what yaml-cpp gives (values and positions) for
// every document it accepts, and must hand everything else to yaml-cpp.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "front_matter.hpp"

using guidegraph::Diagnostics;
using guidegraph::FmValue;
using guidegraph::ParseLimits;
using guidegraph::parse::parsePlainYaml;
using guidegraph::parse::parseYamlWithYamlCpp;
using guidegraph::parse::sameValue;
using guidegraph::parse::TextOrigin;

namespace {

const TextOrigin kOrigin{guidegraph::Atom("content/p.md"), 2};

std::string describe(const FmValue& v) {
  std::string s = std::to_string(v.pos.line) + ":" + std::to_string(v.pos.column) + " ";
  switch (v.kind) {
    case FmValue::Kind::Null:
      return s + "null";
    case FmValue::Kind::Scalar:
      return s + "'" + v.scalar + "'";
    case FmValue::Kind::List:
      s += "[";
      for (const auto& item : v.items) s += describe(item) + ", ";
      return s + "]";
    case FmValue::Kind::Map:
      s += "{";
      for (const auto& e : v.entries)
        s += e.key + "@" + std::to_string(e.keyPos.line) + ":" + std::to_string(e.keyPos.column) +
             "=" + describe(e.value) + ", ";
      return s + "}";
  }
  return s;
}

// The document is in the subset: the plain reader takes it, and agrees with yaml-cpp.
void checkTaken(const std::string& yaml) {
  const auto plain = parsePlainYaml(yaml, kOrigin, ParseLimits{});
  BOOST_TEST_REQUIRE(plain.has_value(), "plain reader declined:\n" << yaml);
  Diagnostics diags;
  const FmValue full = parseYamlWithYamlCpp(yaml, kOrigin, ParseLimits{}, diags);
  BOOST_TEST(diags.items().empty(), "yaml-cpp reported a problem in:\n" << yaml);
  BOOST_TEST(sameValue(*plain, full), "for:\n"
                                          << yaml << "\nplain:    " << describe(*plain)
                                          << "\nyaml-cpp: " << describe(full));
}

void checkDeclined(const std::string& yaml) {
  BOOST_TEST(!parsePlainYaml(yaml, kOrigin, ParseLimits{}).has_value(), "plain reader took:\n"
                                                                            << yaml);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(plain_yaml)

BOOST_AUTO_TEST_CASE(common_front_matter_is_read_as_yaml_cpp_reads_it) {
  // The shapes pages use: the generated benchmark site, examples/site and the seed guide.
  const std::vector<std::string> documents = {
      "title: \"Central Agency of Argentina 3563\"\n"
      "website: \"https://www.central-agency-argentina-3563.example.ar/\"\n"
      "countries: [\"Argentina\"]\ncategories: [\"parliament\"]\nlanguages: [\"es\", \"en\"]\n"
      "alternateName: [\"Central Agency (short)\", \"Центральный агентство Аргентина\"]\n",
      "title: \"Kazakhstan Getting Started Guide\"\ncountries: [\"Kazakhstan\"]\n"
      "created: 2023-10-17\ndate: 2023-11-02\nweight: 1\n",
      "title: plain words, with a comma\nweight: 012\nratio: 1.5e3\nflag: yes\n",
      "tags:\n  - news\n  -   \"quoted item\"\n  - 'it''s'\nnext: x\n",
      "tags:\n- a\n- b\n",
      "list: [a, \"b\" ,  c d , 'e']\nempty: []\nspaced: [ ]\n",
      "\n\n  \ntitle: after blank lines\n\n\nlast: 'single'   \n",
      "url: https://example.org/a:b?c=d#frag\nc-sharp: C#\n",
      "name: Жамбыл облысы\nkk: [\"Қазақстан\", Ақмола]\n",
      "title: \"\"\nsingle: ''\n",
      "k_1: v\nK-2: \"v\"\n3: numeric key\n",
  };
  for (const auto& yaml : documents) checkTaken(yaml);
}

BOOST_AUTO_TEST_CASE(everything_else_goes_to_yaml_cpp) {
  const std::vector<std::string> documents = {
      "",                                         // null document
      "description: \n  Spread over\n  lines\n",  // multi-line plain scalar
      "a: \"escaped \\\" quote\"\n",              // escapes
      "a: \"unterminated\n",
      "a: x # comment\n",
      "# comment\na: x\n",
      "a: null\n",
      "a: ~\n",
      "a:\n",  // empty value is null
      "null: x\n",
      "a: &anchor x\nb: *anchor\n",
      "a: |\n  block\n",
      "a: {b: c}\n",
      "a:\n  b: c\n",  // nested map
      "a: x\na: y\n",  // duplicate key: yaml-cpp's path reports it
      "a:\n  - x\n   - y\n",
      "a:\n  - - x\n",
      "a:\n  -\n",
      "a: [x, ]\n",
      "a: [x\n",
      "a: [x, [y]]\n",
      "a: \"x\" y\n",
      "a:\tx\n",
      "a: x\r\n",
      "a: \xef\xbb\xbfx\n",
      "a: \xc3\n",  // invalid UTF-8
      "a: x: y\n",
      "a: x\n  continued\n",
      "- a\n- b\n",
      "just a scalar\n",
      "a: -x\n",
      "a: 'x' y\n",
      "list: [a, c? d, e]\n",  // yaml-cpp reads '?' in a flow list as a key
      "list: [a:b]\n",
  };
  for (const auto& yaml : documents) checkDeclined(yaml);
}

BOOST_AUTO_TEST_CASE(limits_are_left_to_yaml_cpp) {
  ParseLimits tight;
  tight.maxYamlNodes = 3;
  BOOST_TEST(!parsePlainYaml("a: [x, y, z]\n", kOrigin, tight).has_value());
  BOOST_TEST(parsePlainYaml("a: x\nb: y\n", kOrigin, tight).has_value());
  ParseLimits shallow;
  shallow.maxYamlDepth = 1;
  BOOST_TEST(!parsePlainYaml("a: [x]\n", kOrigin, shallow).has_value());
  BOOST_TEST(parsePlainYaml("a: x\n", kOrigin, shallow).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
