#include "guidegraph/site.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "guidegraph/graph_checks.hpp"

namespace fs = std::filesystem;
using namespace guidegraph;

namespace {

FmValue frontMatter(std::initializer_list<std::pair<const char*, const char*>> kv) {
  FmValue fm;
  fm.kind = FmValue::Kind::Map;
  for (const auto& [k, v] : kv) {
    FmValue value;
    value.kind = FmValue::Kind::Scalar;
    value.scalar = v;
    fm.entries.push_back(FmEntry{k, {}, value});
  }
  return fm;
}

// A small site in a fresh temporary folder.
struct TinySite {
  fs::path root;
  explicit TinySite(const char* name) : root(fs::temp_directory_path() / name) {
    fs::remove_all(root);
    fs::create_directories(root / "content");
    write("hugo.toml",
          "baseURL = 'https://x.org/base/'\n[taxonomies]\ncountry = 'countries'\ncategory = "
          "'categories'\n");
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
  }
};

std::size_t countEdges(const KnowledgeGraph& g, EdgeKind kind) {
  std::size_t n = 0;
  for (auto [e, end] = boost::edges(g.impl()); e != end; ++e) n += g.impl()[*e].kind == kind;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(site)

BOOST_AUTO_TEST_CASE(page_urls_follow_hugo) {
  SiteConfig c;
  c.baseUrl = "https://x.org/";
  BOOST_TEST(pageUrlPath(c, "sources/sources/feminita.md", {}) == "/sources/sources/feminita/");
  BOOST_TEST(pageUrlPath(c, "guides/kazakhstan/index.md", {}) == "/guides/kazakhstan/");
  BOOST_TEST(pageUrlPath(c, "guides/_index.md", {}) == "/guides/");
  BOOST_TEST(pageUrlPath(c, "_index.md", {}) == "/");
  BOOST_TEST(pageUrlPath(c, "sources/sources/natstat-kg.md", frontMatter({{"slug", "natstat"}})) ==
             "/sources/sources/natstat/");
  BOOST_TEST(pageUrlPath(c, "a/b.md", frontMatter({{"url", "/somewhere/else"}})) ==
             "/somewhere/else/");
  BOOST_TEST(pageUrlPath(c, "News Items/My Page.md", {}) == "/news-items/my-page/");
  c.permalinks["posts"] = "/:year/:month/:slug/";
  // Hugo's :slug is the `slug`, else the title (not the file name): no title, no segment.
  BOOST_TEST(pageUrlPath(c, "posts/hello.md",
                         frontMatter({{"date", "2023-11-02"}, {"title", "Hello, World"}})) ==
             "/2023/11/hello-world/");
  BOOST_TEST(pageUrlPath(c, "posts/hello.md", frontMatter({{"date", "2023-11-02"}})) ==
             "/2023/11/");
  const Taxonomy contributors{"contributor", "contributor", TaxonomyRole::Contributor};
  BOOST_TEST(termUrlPath(c, contributors, "Ryan Womack") == "/contributor/ryan-womack/");
  c.permalinks["categories"] = "/category/:slug/";
  const Taxonomy categories{"category", "categories", TaxonomyRole::Category};
  BOOST_TEST(termUrlPath(c, categories, "state-media") == "/category/state-media/");
}

BOOST_AUTO_TEST_CASE(site_becomes_a_typed_graph) {
  TinySite s("gg-site-graph");
  s.write(
      "content/guides/kz.md",
      "---\ntitle: KZ\ncountries: [Kazakhstan]\n---\n## Media\n- [Zakon](/sources/zakon/) (state)\n"
      "- [Zakon again](../../sources/zakon) about **Almaty**\n- [Gone](/sources/gone/)\n");
  s.write("content/sources/zakon.md",
          "---\ntitle: Zakon.kz\ncategories: [state-media]\ncountries: [Kazakhstan]\n---\n");
  s.write("content/sources/draft.md", "---\ntitle: Draft\ndraft: true\n---\n");
  Diagnostics diags;
  const Site site = buildSite(s.root.string(), BuildOptions{}, diags);
  BOOST_TEST(site.pages.size() == 2u);
  BOOST_TEST(site.drafts.size() == 1u);
  BOOST_REQUIRE(diags.items().size() == 1u);
  BOOST_TEST(diags.items()[0].code == "broken-link");
  BOOST_TEST(diags.items()[0].pos.line == 8u);
  BOOST_TEST(diags.items()[0].pos.column == 3u);

  const KnowledgeGraph& g = site.graph;
  const VertexId* guide = g.find("https://x.org/base/guides/kz/");
  BOOST_REQUIRE(guide);
  BOOST_TEST((g[*guide].kind == VertexKind::Guide));
  const VertexId* source = g.find("https://x.org/base/sources/zakon/#id");
  BOOST_REQUIRE(source);
  BOOST_TEST((g[*source].kind == VertexKind::Source));
  BOOST_TEST(countEdges(g, EdgeKind::Recommends) == 1u);         // one source ...
  BOOST_TEST(countEdges(g, EdgeKind::HasRecommendation) == 2u);  // ... recommended twice
  BOOST_TEST(countEdges(g, EdgeKind::MentionsPlace) == 1u);
  BOOST_TEST(countEdges(g, EdgeKind::InCategory) == 1u);
  BOOST_TEST(countEdges(g, EdgeKind::Country) == 2u);
  BOOST_TEST(g.find("https://x.org/base/guides/kz/#rec-zakon-2") != nullptr);
  BOOST_TEST(g.find("https://x.org/base/countries/kazakhstan/#id") != nullptr);
  BOOST_TEST(g.find("https://x.org/base/categories/state-media/#id") != nullptr);
}

BOOST_AUTO_TEST_CASE(repeated_links_never_share_a_recommendation) {
  // The second link to "k" would be "#rec-k-2", the IRI of the first link to source "k-2".
  TinySite s("gg-site-rec-ids");
  s.write("content/sources/k.md", "---\ntitle: K\n---\n");
  s.write("content/sources/k-2.md", "---\ntitle: K2\n---\n");
  s.write("content/guides/g.md",
          "---\ntitle: G\n---\n## S\n- [K](/sources/k/)\n- [K again](/sources/k/)\n"
          "- [K2](/sources/k-2/)\n");
  Diagnostics diags;
  const Site site = buildSite(s.root.string(), BuildOptions{}, diags);
  BOOST_TEST(diags.items().empty());
  BOOST_TEST(countEdges(site.graph, EdgeKind::HasRecommendation) == 3u);
  for (const char* id : {"#rec-k", "#rec-k-2", "#rec-k-2-2"}) {
    BOOST_TEST(site.graph.find(std::string("https://x.org/base/guides/g/") + id) != nullptr, id);
  }
}

BOOST_AUTO_TEST_CASE(duplicate_permalinks_and_drafts) {
  TinySite s("gg-site-dup");
  s.write("content/a/x.md", "---\ntitle: X\n---\n");
  s.write("content/a/y.md", "---\ntitle: Y\nslug: x\n---\n");
  s.write("content/guides/g.md", "---\ntitle: G\n---\n[d](/a/d/)\n");
  s.write("content/a/d.md", "---\ntitle: D\ndraft: true\n---\n");
  Diagnostics diags;
  Site site = buildSite(s.root.string(), BuildOptions{}, diags);
  BOOST_REQUIRE(diags.items().size() == 2u);
  BOOST_TEST(diags.items()[0].code == "duplicate-permalink");
  BOOST_TEST(diags.items()[0].pos.file == "content/a/y.md");
  BOOST_TEST(diags.items()[1].code == "link-to-draft");

  BuildOptions withDrafts;
  withDrafts.includeDrafts = true;
  Diagnostics again;
  site = buildSite(s.root.string(), withDrafts, again);
  BOOST_TEST(site.drafts.empty());
  BOOST_TEST(again.items().size() == 1u);  // only the duplicate permalink is left
}

BOOST_AUTO_TEST_CASE(missing_site_is_reported) {
  Diagnostics diags;
  const Site site = buildSite("/nonexistent-gg-site", BuildOptions{}, diags);
  BOOST_TEST(site.config.configFile.empty());
  BOOST_TEST(diags.hasErrors());
}

BOOST_AUTO_TEST_CASE(graph_checks_find_cycles_orphans_duplicates_and_empty_guides) {
  TinySite s("gg-site-checks");
  s.write("content/categories/a/_index.md", "---\ntitle: A\nbroader: b\n---\n");
  s.write("content/categories/b/_index.md", "---\ntitle: B\nbroader: a\n---\n");
  s.write("content/categories/c/_index.md", "---\ntitle: C\nbroader: a\n---\n");
  // Each source has a schema.org class: no untyped-source info among the findings.
  s.write("content/sources/one.md",
          "---\ntitle: One\nwebsite: https://www.example.org/\nschemaType: NGO\n---\n");
  s.write("content/sources/two.md",
          "---\ntitle: Two\nwebsite: http://example.org\nschemaType: NGO\n---\n");
  s.write("content/sources/three.md",
          "---\ntitle: Three\nwebsite: https://example.org/other/\nschemaType: NGO\n---\n");
  s.write("content/guides/g.md",
          "---\ntitle: G\n---\n## S\n- [One](/sources/one/)\n- [Two](/sources/two/)\n");
  s.write("content/guides/empty.md", "---\ntitle: Empty\n---\nNo sections.\n");
  Diagnostics build;
  const Site site = buildSite(s.root.string(), BuildOptions{}, build);
  BOOST_TEST(build.items().empty());
  Diagnostics diags;
  checkGraph(site, diags);
  diags.sort();
  std::vector<std::string> got;
  for (const auto& d : diags.items()) {
    got.push_back(d.code + " " + d.pos.file + ":" + std::to_string(d.pos.line));
  }
  const std::vector<std::string> expected = {
      "category-cycle content/categories/b/_index.md:3",
      "guide-without-sections content/guides/empty.md:1",
      "orphan-source content/sources/three.md:1",
      "duplicate-website content/sources/two.md:3",
  };
  BOOST_TEST(got == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
