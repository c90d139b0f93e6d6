#include "guidegraph/map.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>

using guidegraph::EdgeKind;
using guidegraph::Site;
using guidegraph::VertexKind;
using guidegraph::map::dotText;
using guidegraph::map::MapBy;

namespace {

const std::string kBase = "https://guides.example.org/";

// A site with one guide recommending two sources, one of them in a sub-category.
Site smallSite(const std::string& sourceName, const std::string& categoryName = "Media") {
  Site site;
  site.config.baseUrl = kBase;
  site.config.title = "Guides";
  auto& g = site.graph;
  const auto page = [](const std::string& path) { return kBase + path; };
  const auto guide = g.vertex(VertexKind::Guide, page("guides/kz/"), page("guides/kz/"));
  g[guide].name.value = "Kazakhstan Getting Started Guide";
  const auto media =
      g.vertex(VertexKind::Category, page("category/media/#id"), page("category/media/"));
  g[media].name.value = categoryName;
  const auto state = g.vertex(VertexKind::Category, page("category/state-media/#id"),
                              page("category/state-media/"));
  g[state].name.value = "State media";
  g.edge(state, media, EdgeKind::Broader, {});
  const auto s1 = g.vertex(VertexKind::Source, page("sources/a/#id"), page("sources/a/"));
  g[s1].name.value = sourceName;
  const auto s2 = g.vertex(VertexKind::Source, page("sources/b/#id"), page("sources/b/"));
  g[s2].name.value = "Zakon.kz";
  g.edge(s1, media, EdgeKind::InCategory, {});
  g.edge(s2, state, EdgeKind::InCategory, {});
  g.edge(guide, s1, EdgeKind::Recommends, {});
  g.edge(guide, s2, EdgeKind::Recommends, {});
  return site;
}

std::string mapOf(const Site& site, MapBy by = MapBy::Category) {
  std::ostringstream out;
  const std::string error = guidegraph::map::writeMap(site, by, out);
  BOOST_TEST_REQUIRE(error.empty(), error);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dot_map)

BOOST_AUTO_TEST_CASE(dot_text_folds_controls_and_shortens_at_a_word) {
  BOOST_TEST(dotText("a\nb\t\tc\x01") == "a b c");
  BOOST_TEST(dotText("short", 10) == "short");
  BOOST_TEST(dotText("International non-governmental organizations", 20) == "International…");
  // Counted in characters, never cut inside a UTF-8 sequence.
  BOOST_TEST(dotText("Қазақстан Қазақстан Қазақстан", 12) == "Қазақстан…");
  BOOST_TEST(dotText("ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", 5) == "ЖЖЖЖ…");
}

BOOST_AUTO_TEST_CASE(a_hostile_title_stays_one_quoted_label) {
  const std::string map = mapOf(smallSite("\"]; evil [label=\"x"));
  BOOST_TEST(map.find(R"(label="\"]; evil [label=\"x")") != std::string::npos, map);
  // No statement starts with `evil`: it never became a node.
  BOOST_TEST(map.find("\nevil") == std::string::npos);
  BOOST_TEST(count(map, "\"]; evil") == 2u);  // the label and the tooltip, both quoted
}

BOOST_AUTO_TEST_CASE(backslashes_cannot_form_dot_escapes) {
  const std::string map = mapOf(smallSite(R"(a\N b\G c\)"));
  BOOST_TEST(map.find(R"(label="a\\N b\\G c\\")") != std::string::npos, map);
}

BOOST_AUTO_TEST_CASE(dot_keywords_are_quoted) {
  // Boost's escape_dot_string would leave these bare, and DOT would read keywords.
  const std::string map = mapOf(smallSite("graph", "node"));
  BOOST_TEST(map.find(R"(label="graph")") != std::string::npos);
  BOOST_TEST(map.find(R"(label="node")") != std::string::npos);
  BOOST_TEST(map.find("=graph") == std::string::npos);
  BOOST_TEST(map.find("=node") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(nested_clusters_edges_and_legend) {
  const std::string map = mapOf(smallSite("Kloop"));
  BOOST_TEST(map.starts_with("digraph G {\n"));
  BOOST_TEST(count(map, "subgraph cluster_") == 3u);  // Media, State media inside it, legend
  const auto media = map.find(R"(label="Media")");
  const auto state = map.find(R"(label="State media")");
  BOOST_TEST_REQUIRE(media != std::string::npos);
  BOOST_TEST_REQUIRE(state != std::string::npos);
  BOOST_TEST(map.find("subgraph cluster_1 {", media) < state);  // nested: opened inside Media
  BOOST_TEST(count(map, "->") == 2u);                           // guide -> each source
  BOOST_TEST(map.find(R"(label="Legend")") != std::string::npos);
  BOOST_TEST(mapOf(smallSite("Kloop")) == map);  // deterministic
}

BOOST_AUTO_TEST_SUITE_END()
