#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <map>
#include <set>

#include "guidegraph/graph_checks.hpp"

namespace guidegraph {
namespace {

struct OnlyBroader {
  const GraphImpl* g = nullptr;
  bool operator()(const GraphImpl::edge_descriptor& e) const {
    return (*g)[e].kind == EdgeKind::Broader;
  }
};

// Records the first edge that closes a cycle for every cycle depth-first search meets.
struct CycleRecorder : boost::default_dfs_visitor {
  std::vector<GraphImpl::edge_descriptor>* backEdges;
  template <typename Edge, typename Graph>
  void back_edge(Edge e, const Graph&) {
    backEdges->push_back(e);
  }
};

std::string describe(const VertexProps& v) {
  return "'" + (v.name.value.empty() ? v.iri.str() : v.name.value) + "'";
}

// "https://www.Example.org/a/" and "http://example.org/a" name the same website.
std::string websiteKey(std::string url) {
  for (const char* scheme : {"https://", "http://"}) {
    if (url.starts_with(scheme)) url.erase(0, std::string(scheme).size());
  }
  const auto slash = url.find('/');
  std::string host = url.substr(0, slash);
  std::string path = slash == std::string::npos ? "" : url.substr(slash);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.starts_with("www.")) host.erase(0, 4);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return host + path;
}

void checkCategoryCycles(const KnowledgeGraph& graph, Diagnostics& diags) {
  const GraphImpl& g = graph.impl();
  boost::filtered_graph<GraphImpl, OnlyBroader> broader(g, OnlyBroader{&g});
  std::vector<GraphImpl::edge_descriptor> backEdges;
  CycleRecorder visitor;
  visitor.backEdges = &backEdges;
  std::vector<boost::default_color_type> colors(boost::num_vertices(g));
  const auto colorMap =
      boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g));
  // Start from vertices in IRI order so the reported edge does not depend on build order.
  for (const VertexId v : graph.sortedVertices()) {
    if (colors[v] == boost::white_color && g[v].kind == VertexKind::Category) {
      boost::depth_first_visit(broader, v, visitor, colorMap);
    }
  }
  for (const auto& e : backEdges) {
    const VertexProps& from = g[boost::source(e, g)];
    const VertexProps& to = g[boost::target(e, g)];
    diags.add(Severity::Error, g[e].pos, "category-cycle",
              "category " + describe(from) + " is broader than itself through " + describe(to) +
                  "; `broader` links must form a hierarchy, so remove one of them");
  }
}

// Sources that nothing gives a schema.org class are only schema:Thing to the web: an info
// each, or one line for all when there are more than a few (a site that sets no types).
void reportUntyped(const std::vector<const VertexProps*>& untyped, std::size_t sources,
                   SourcePos siteLevel, Diagnostics& diags) {
  const std::string how =
      "`schemaType: NGO` (or GovernmentOrganization, NewsMediaOrganization, Dataset, ...) in the "
      "front matter of a category page or of the source, or the category's term under "
      "params.guidegraph.schemaTypes, gives one";
  if (untyped.size() <= 10) {
    for (const VertexProps* p : untyped) {
      diags.add(
          Severity::Info, p->pos, "untyped-source",
          "source " + describe(*p) + " has no schema.org class and is only schema:Thing; " + how);
    }
    return;
  }
  diags.add(Severity::Info, siteLevel, "untyped-source",
            std::to_string(untyped.size()) + " of " + std::to_string(sources) +
                " sources have no schema.org class and are only schema:Thing (the first: " +
                describe(*untyped.front()) + ", " + untyped.front()->file + "); " + how);
}

}  // namespace

void checkGraph(const Site& site, Diagnostics& diags) {
  const KnowledgeGraph& graph = site.graph;
  const GraphImpl& g = graph.impl();
  checkCategoryCycles(graph, diags);

  std::map<std::string, std::vector<VertexId>> byWebsite;
  std::vector<Diagnostic> orphans;
  std::vector<const VertexProps*> untyped;
  std::size_t sources = 0;
  for (const VertexId v : graph.sortedVertices()) {
    const VertexProps& p = g[v];
    if (p.page.empty()) continue;
    if (p.kind == VertexKind::Source) {
      ++sources;
      bool recommended = false;
      for (auto [e, end] = boost::in_edges(v, g); e != end && !recommended; ++e) {
        recommended = g[*e].kind == EdgeKind::Recommends;
      }
      if (!recommended) {
        orphans.push_back({Severity::Warning, p.pos, "orphan-source",
                           "source " + describe(p) +
                               " is not recommended by any guide; link it from a guide or remove "
                               "the page"});
      }
      if (!p.website.empty()) byWebsite[websiteKey(p.website.value())].push_back(v);
      if (p.schemaTypes.empty()) untyped.push_back(&p);
    }
    if (p.kind == VertexKind::Guide) {
      bool hasSection = false;
      for (auto [e, end] = boost::out_edges(v, g); e != end && !hasSection; ++e) {
        hasSection = g[*e].kind == EdgeKind::HasSection;
      }
      if (!hasSection) {
        diags.add(Severity::Warning, p.pos, "guide-without-sections",
                  "guide " + describe(p) +
                      " has no sections; group its sources under `## Heading` lines");
      }
    }
  }
  // A site whose sources are mostly in no guide keeps a catalog of its own in its sources
  // section (as CAMGDP does): a line for each would bury the other findings.
  const bool each =
      site.conventions.eachOrphan.value_or(!(sources >= 20 && orphans.size() * 2 > sources));
  if (each) {
    for (auto& d : orphans) diags.add(std::move(d));
  } else if (!orphans.empty()) {
    diags.add(Severity::Info, site.conventions.setAt, "orphan-source",
              std::to_string(orphans.size()) + " of " + std::to_string(sources) +
                  " sources are recommended by no guide: the sources section is a catalog of its "
                  "own, so they are not listed one by one (set `orphans = \"warn\"` under "
                  "params.guidegraph to list each)");
  }
  reportUntyped(untyped, sources, site.conventions.setAt, diags);
  for (const auto& [key, sources] : byWebsite) {
    if (sources.size() < 2) continue;
    std::vector<VertexId> ordered = sources;
    std::sort(ordered.begin(), ordered.end(),
              [&](VertexId a, VertexId b) { return g[a].website.pos() < g[b].website.pos(); });
    const VertexProps& first = g[ordered.front()];
    for (std::size_t i = 1; i < ordered.size(); ++i) {
      const VertexProps& p = g[ordered[i]];
      diags.add(Severity::Warning, p.website.pos(), "duplicate-website",
                "source " + describe(p) + " has the same website as " + describe(first) + " (" +
                    first.file + "); describe each source once and link that page");
    }
  }
}

}  // namespace guidegraph
