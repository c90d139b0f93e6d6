#include <boost/test/unit_test.hpp>

#include "guidegraph/fragment.hpp"

using guidegraph::FrontMatterFormat;
using guidegraph::parsePage;

namespace {
const guidegraph::FmEntry& entry(const guidegraph::PageFragment& p, const char* key) {
  const auto* e = p.frontMatter.entry(key);
  BOOST_REQUIRE_MESSAGE(e, "front matter key " << key);
  return *e;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(front_matter)

BOOST_AUTO_TEST_CASE(yaml_values_keep_their_text_and_positions) {
  const auto p =
      parsePage("g.md",
                "---\ntitle: \"Kazakhstan\"\ncountries: [\"Kazakhstan\"]\ncreated: 2023-10-17\n"
                "weight: 012\ncontributor: Ryan Womack\ndescription: \n  Spread over\n  two "
                "lines.\n---\nBody\n");
  BOOST_TEST(p.diagnostics.items().empty());
  BOOST_TEST((p.format == FrontMatterFormat::Yaml));
  BOOST_TEST(entry(p, "title").value.scalar == "Kazakhstan");
  BOOST_TEST(entry(p, "title").keyPos.line == 2u);
  BOOST_TEST(entry(p, "title").keyPos.column == 1u);
  BOOST_TEST(entry(p, "countries").value.isList());
  BOOST_TEST(entry(p, "countries").value.items.at(0).pos.line == 3u);
  BOOST_TEST(entry(p, "countries").value.items.at(0).pos.column == 13u);
  BOOST_TEST(entry(p, "created").value.scalar == "2023-10-17");  // dates stay strings
  BOOST_TEST(entry(p, "weight").value.scalar == "012");          // not octal 10
  BOOST_TEST(entry(p, "contributor").value.isScalar());
  BOOST_TEST(entry(p, "description").value.scalar == "Spread over two lines.");
}

BOOST_AUTO_TEST_CASE(toml_and_json_front_matter) {
  const auto t = parsePage("t.md",
                           "+++\ntitle = \"Kyrgyzstan\"\ncreated = 2023-11-20\ncountries = "
                           "[\"Kyrgyzstan\"]\n+++\nBody\n");
  BOOST_TEST(t.diagnostics.items().empty());
  BOOST_TEST((t.format == FrontMatterFormat::Toml));
  BOOST_TEST(entry(t, "title").value.scalar == "Kyrgyzstan");
  BOOST_TEST(entry(t, "title").keyPos.line == 2u);
  BOOST_TEST(entry(t, "created").value.scalar == "2023-11-20");
  BOOST_TEST(entry(t, "countries").keyPos.line == 4u);

  const auto j = parsePage(
      "j.md",
      "{\n  \"title\": \"Ak Orda\",\n  \"languages\": [\"kk\", \"ru\"]\n}\n\nBody [x](/y/)\n");
  BOOST_TEST(j.diagnostics.items().empty());
  BOOST_TEST((j.format == FrontMatterFormat::Json));
  BOOST_TEST(entry(j, "title").value.scalar == "Ak Orda");
  BOOST_TEST(entry(j, "languages").keyPos.line == 3u);
  BOOST_TEST(entry(j, "languages").keyPos.column == 3u);
  BOOST_REQUIRE(j.links.size() == 1u);
  BOOST_TEST(j.links[0].pos.line == 6u);
}

BOOST_AUTO_TEST_CASE(json_front_matter_keeps_file_order_and_every_position) {
  // Keys out of alphabetical order, values on their own lines, a nested list and map.
  const auto j = parsePage("s.md",
                           "{\n"
                           "  \"title\": \"Zakon.kz\",\n"
                           "  \"website\": \"javascript:alert(1)\",\n"
                           "  \"countries\": [\"Kazakhstan\",\n"
                           "                \"Kyrgyzstan\"],\n"
                           "  \"languages\": [\"not a tag\"],\n"
                           "  \"description\": \"News \\u0026 \\\"law\\\"\",\n"
                           "  \"weight\": 1.50, \"draft\": false, \"extra\": null,\n"
                           "  \"params\": {\"b\": 1, \"a\": [ ]}\n"
                           "}\n\nBody\n");
  BOOST_TEST(j.diagnostics.items().empty());
  BOOST_REQUIRE(j.frontMatter.isMap());
  std::vector<std::string> keys;
  for (const auto& e : j.frontMatter.entries) keys.push_back(e.key);
  const std::vector<std::string> fileOrder = {"title",     "website",     "countries",
                                              "languages", "description", "weight",
                                              "draft",     "extra",       "params"};
  BOOST_TEST(keys == fileOrder, boost::test_tools::per_element());
  const std::vector<std::pair<unsigned, unsigned>> keyPositions = {
      {2, 3}, {3, 3}, {4, 3}, {6, 3}, {7, 3}, {8, 3}, {8, 19}, {8, 35}, {9, 3}};
  for (std::size_t k = 0; k < keyPositions.size(); ++k) {
    const auto& e = j.frontMatter.entries.at(k);
    BOOST_TEST(e.keyPos.line == keyPositions[k].first, e.key);
    BOOST_TEST(e.keyPos.column == keyPositions[k].second, e.key);
  }
  BOOST_TEST(entry(j, "website").value.pos.line == 3u);
  BOOST_TEST(entry(j, "website").value.pos.column == 14u);
  const auto& countries = entry(j, "countries").value;
  BOOST_REQUIRE(countries.items.size() == 2u);
  BOOST_TEST(countries.items[1].scalar == "Kyrgyzstan");
  BOOST_TEST(countries.items[1].pos.line == 5u);
  BOOST_TEST(countries.items[1].pos.column == 17u);
  BOOST_TEST(entry(j, "languages").value.items.at(0).pos.line == 6u);
  BOOST_TEST(entry(j, "description").value.scalar == "News & \"law\"");
  BOOST_TEST(entry(j, "weight").value.scalar == "1.5");
  BOOST_TEST(entry(j, "draft").value.scalar == "false");
  BOOST_TEST(entry(j, "extra").value.isNull());
  const auto& params = entry(j, "params").value;
  BOOST_REQUIRE(params.entries.size() == 2u);
  BOOST_TEST(params.entries[0].key == "b");  // file order inside nested maps too
  BOOST_TEST(params.entries[1].keyPos.column == 22u);
  BOOST_TEST(params.entries[1].value.isList());

  // Of two equal keys the first is kept and the second reported where it stands.
  const auto dup =
      parsePage("d.md", "{\n  \"title\": \"a\",\n  \"b\": 1,\n  \"title\": \"c\"\n}\n");
  BOOST_REQUIRE(dup.diagnostics.items().size() == 1u);
  BOOST_TEST(dup.diagnostics.items()[0].code == "front-matter-duplicate-key");
  BOOST_TEST(dup.diagnostics.items()[0].pos.line == 4u);
  BOOST_TEST(dup.diagnostics.items()[0].pos.column == 3u);
  BOOST_TEST(entry(dup, "title").value.scalar == "a");
}

BOOST_AUTO_TEST_CASE(no_front_matter_is_fine) {
  const auto p = parsePage("n.md", "# Title\n\nJust text.\n");
  BOOST_TEST(p.diagnostics.items().empty());
  BOOST_TEST((p.format == FrontMatterFormat::None));
  BOOST_TEST(p.usable);
}

BOOST_AUTO_TEST_CASE(bad_front_matter_is_a_diagnostic_with_a_position) {
  const auto dup = parsePage("d.md", "---\ntitle: a\nb: 1\ntitle: c\n---\n");
  BOOST_REQUIRE(dup.diagnostics.items().size() == 1u);
  BOOST_TEST(dup.diagnostics.items()[0].code == "front-matter-duplicate-key");
  BOOST_TEST(dup.diagnostics.items()[0].pos.line == 4u);
  BOOST_TEST(entry(dup, "title").value.scalar == "a");

  const auto unclosed = parsePage("u.md", "---\ntitle: a\n");
  BOOST_REQUIRE(unclosed.diagnostics.items().size() == 1u);
  BOOST_TEST(unclosed.diagnostics.items()[0].code == "front-matter-unclosed");
  BOOST_TEST(!unclosed.usable);

  const auto yaml = parsePage("y.md", "---\ntitle: a\n  bad: [\n---\n");
  BOOST_REQUIRE(!yaml.diagnostics.items().empty());
  BOOST_TEST(yaml.diagnostics.items()[0].code == "front-matter-syntax");
  BOOST_TEST(yaml.diagnostics.items()[0].pos.line >= 2u);
}

BOOST_AUTO_TEST_CASE(encoding_problems) {
  const auto bom = parsePage("b.md", "\xEF\xBB\xBF---\ntitle: with BOM\n---\n");
  BOOST_TEST(bom.diagnostics.items().empty());
  BOOST_TEST(entry(bom, "title").value.scalar == "with BOM");

  const auto crlf =
      parsePage("c.md", "---\r\ntitle: Windows\r\n---\r\n\r\n## Head\r\n\r\n- [A](/a/) (note)\r\n");
  BOOST_TEST(crlf.diagnostics.items().empty());
  BOOST_TEST(entry(crlf, "title").value.scalar == "Windows");
  BOOST_REQUIRE(crlf.links.size() == 1u);
  BOOST_TEST(crlf.links[0].note == "note");
  BOOST_TEST(crlf.links[0].pos.line == 7u);

  const auto bad = parsePage("x.md", "---\ntitle: ok\n---\nab\xFF");
  BOOST_REQUIRE(bad.diagnostics.items().size() == 1u);
  BOOST_TEST(bad.diagnostics.items()[0].code == "invalid-utf8");
  BOOST_TEST(bad.diagnostics.items()[0].pos.line == 4u);
  BOOST_TEST(bad.diagnostics.items()[0].pos.column == 3u);

  const std::string withNul("---\ntitle: x\n---\n\0\0", 19);
  const auto binary = parsePage("bin.md", withNul);
  BOOST_REQUIRE(binary.diagnostics.items().size() == 1u);
  BOOST_TEST(binary.diagnostics.items()[0].code == "binary-file");
}

BOOST_AUTO_TEST_CASE(limits) {
  guidegraph::ParseLimits limits;
  limits.maxFileBytes = 10;
  const auto big = parsePage("big.md", "---\ntitle: too long\n---\n", limits);
  BOOST_REQUIRE(big.diagnostics.items().size() == 1u);
  BOOST_TEST(big.diagnostics.items()[0].code == "file-too-large");

  std::string bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    const char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + "]\n";
  }
  bomb += "---\n";
  const auto expanded = parsePage("bomb.md", bomb);
  BOOST_REQUIRE(!expanded.diagnostics.items().empty());
  BOOST_TEST(expanded.diagnostics.items()[0].code == "front-matter-too-large");
}

BOOST_AUTO_TEST_SUITE_END()
