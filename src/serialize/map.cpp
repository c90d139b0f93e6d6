// GraphViz maps. The map is its own small Boost graph (nodes and edges with the attributes
// to draw); Boost's write_graphviz writes it, every attribute coming from a
// boost::dynamic_properties. Clusters, which Boost cannot express, are written by the
// graph-properties writer that write_graphviz calls right after the opening brace: a node
// named inside a `subgraph cluster_…` belongs to that cluster, and its attributes follow
// with the other nodes.
#include "guidegraph/map.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "guidegraph/read_file.hpp"
#include "guidegraph/text.hpp"
// GCC 12 reports boost::optional inside adjacency_list's edge iterator as "maybe
// uninitialized" once write_graphviz inlines it; a known false positive.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

extern char** environ;

namespace guidegraph::map {
namespace {

struct MapNode {
  std::string id;  // n0, n1, ... (plain DOT identifiers)
  std::string label, tooltip, url, shape, style, fillcolor, color, fontcolor;
};
struct MapEdge {
  std::string color;
  std::string style;
};
using MapGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, MapNode, MapEdge>;
using MapVertex = MapGraph::vertex_descriptor;

struct Cluster {
  std::string name;  // cluster_0, cluster_1, ... (plain identifiers)
  std::string label, color, fillcolor;
  std::vector<MapVertex> nodes;
  std::vector<Cluster> children;
};

// A DOT string: always quoted (Boost's escape_dot_string leaves words such as `node` or
// `graph` unquoted, which DOT reads as keywords), with '\' and '"' escaped, and only
// characters that the SVG dot makes of it can carry (text::portableText).
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : text::portableText(s)) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Like boost::dynamic_properties_writer, but every value goes through quote().
class QuotedPropertiesWriter {
 public:
  explicit QuotedPropertiesWriter(const boost::dynamic_properties& dp, std::string skip = {})
      : dp_(&dp), skip_(std::move(skip)) {}
  template <typename Descriptor>
  void operator()(std::ostream& out, Descriptor key) const {
    bool first = true;
    for (const auto& [name, map] : *dp_) {
      if (typeid(key) != map->key() || name == skip_) continue;
      out << (first ? " [" : ", ") << name << "=" << quote(map->get_string(key));
      first = false;
    }
    if (!first) out << "]";
  }

 private:
  const boost::dynamic_properties* dp_;
  std::string skip_;
};

// Writes the graph's own attributes (from the dynamic properties keyed by MapGraph*),
// default node and edge styles, then the clusters.
class GraphAndClustersWriter {
 public:
  GraphAndClustersWriter(const boost::dynamic_properties& dp, const MapGraph& g,
                         const std::vector<Cluster>& clusters)
      : dp_(&dp), g_(&g), clusters_(&clusters) {}
  void operator()(std::ostream& out) const {
    for (const auto& [name, map] : *dp_) {
      if (map->key() == typeid(MapGraph*)) {
        out << name << "=" << quote(map->get_string(const_cast<MapGraph*>(g_))) << ";\n";
      }
    }
    out << "node [fontname=\"Helvetica\", fontsize=\"10\", margin=\"0.12,0.04\"];\n"
           "edge [arrowsize=\"0.6\"];\n";
    for (const Cluster& c : *clusters_) write(out, c, 1);
  }

 private:
  void write(std::ostream& out, const Cluster& c, int depth) const {
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    out << indent << "subgraph " << c.name << " {\n"
        << indent << "  label=" << quote(c.label) << "; color=" << quote(c.color)
        << "; fillcolor=" << quote(c.fillcolor)
        << "; style=\"rounded,filled\"; fontname=\"Helvetica-Bold\"; fontsize=\""
        << (depth == 1 ? 12 : 10) << "\"; penwidth=\"1.5\";\n";
    for (const MapVertex v : c.nodes) out << indent << "  " << (*g_)[v].id << ";\n";
    for (const Cluster& child : c.children) write(out, child, depth + 1);
    out << indent << "}\n";
  }

  const boost::dynamic_properties* dp_;
  const MapGraph* g_;
  const std::vector<Cluster>* clusters_;
};

// ColorBrewer Set3: twelve light colours, distinguishable and legible under black text.
constexpr const char* kPalette[] = {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072",
                                    "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
                                    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"};

std::size_t utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

class MapBuilder {
 public:
  MapBuilder(const Site& site, MapBy by) : site_(site), kg_(site.graph), by_(by) {}

  std::string write(std::ostream& out) {
    collect();
    buildClusters();
    buildLegend();
    boost::dynamic_properties dp;
    dp.property("label", boost::get(&MapNode::label, g_));
    dp.property("tooltip", boost::get(&MapNode::tooltip, g_));
    dp.property("URL", boost::get(&MapNode::url, g_));
    dp.property("shape", boost::get(&MapNode::shape, g_));
    dp.property("style", boost::get(&MapNode::style, g_));
    dp.property("fillcolor", boost::get(&MapNode::fillcolor, g_));
    dp.property("color", boost::get(&MapNode::color, g_));
    dp.property("fontcolor", boost::get(&MapNode::fontcolor, g_));
    dp.property("node_id", boost::get(&MapNode::id, g_));
    dp.property("color", boost::get(&MapEdge::color, g_));
    dp.property("style", boost::get(&MapEdge::style, g_));
    std::string title = dotText(site_.config.title.empty() ? "Sources" : site_.config.title, 80);
    title += by_ == MapBy::Category  ? ": sources by category"
             : by_ == MapBy::Country ? ": sources by country"
                                     : ": sources by guide";
    std::string rankdir = "LR", labelloc = "t", fontname = "Helvetica-Bold", fontsize = "16",
                nodesep = "0.12", ranksep = "1.2", newrank = "true";
    dp.property("label", boost::ref_property_map<MapGraph*, std::string>(title));
    dp.property("labelloc", boost::ref_property_map<MapGraph*, std::string>(labelloc));
    dp.property("rankdir", boost::ref_property_map<MapGraph*, std::string>(rankdir));
    dp.property("fontname", boost::ref_property_map<MapGraph*, std::string>(fontname));
    dp.property("fontsize", boost::ref_property_map<MapGraph*, std::string>(fontsize));
    dp.property("nodesep", boost::ref_property_map<MapGraph*, std::string>(nodesep));
    dp.property("ranksep", boost::ref_property_map<MapGraph*, std::string>(ranksep));
    dp.property("newrank", boost::ref_property_map<MapGraph*, std::string>(newrank));
    boost::write_graphviz(out, g_, QuotedPropertiesWriter(dp, "node_id"),
                          QuotedPropertiesWriter(dp), GraphAndClustersWriter(dp, g_, clusters_),
                          boost::get(&MapNode::id, g_));
    out.flush();
    if (!out) return "cannot write the map (disk full?)";
    return {};
  }

 private:
  MapVertex addNode(MapNode n) {
    n.id = "n" + std::to_string(boost::num_vertices(g_));
    return boost::add_vertex(std::move(n), g_);
  }

  // Targets of `v`'s out-edges of `kind` that are pages of this site, sorted by IRI.
  std::vector<VertexId> targets(VertexId v, EdgeKind kind) const {
    std::vector<VertexId> out;
    for (auto [e, end] = boost::out_edges(v, kg_.impl()); e != end; ++e) {
      const VertexId t = boost::target(*e, kg_.impl());
      if (kg_.impl()[*e].kind == kind && !kg_[t].page.empty()) out.push_back(t);
    }
    std::sort(out.begin(), out.end(),
              [&](VertexId a, VertexId b) { return kg_[a].iri < kg_[b].iri; });
    return out;
  }

  std::string name(VertexId v) const {
    const VertexProps& p = kg_[v];
    return p.name.value.empty() ? p.iri.str() : p.name.value;
  }

  int depth(VertexId category) const {
    int d = 0;
    std::set<VertexId> seen;
    for (auto c = parent(category); c && seen.insert(*c).second; c = parent(*c)) ++d;
    return d;
  }
  std::optional<VertexId> parent(VertexId category) const {
    const auto up = targets(category, EdgeKind::Broader);
    if (up.empty()) return std::nullopt;
    return up.front();
  }

  void collect() {
    for (const VertexId v : kg_.sortedVertices()) {
      const VertexProps& p = kg_[v];
      if (p.page.empty()) continue;
      if (p.kind == VertexKind::Category) {
        colour_[v] = kPalette[categories_.size() % std::size(kPalette)];
        categories_.push_back(v);
      }
    }
    for (const VertexId v : kg_.sortedVertices()) {
      const VertexProps& p = kg_[v];
      if (p.page.empty() || (p.kind != VertexKind::Guide && p.kind != VertexKind::Source)) continue;
      MapNode n;
      n.label = dotText(name(v));
      n.url = p.page;
      n.fontcolor = "#000000";
      if (p.kind == VertexKind::Guide) {
        n.shape = "box";
        n.style = "filled,bold";
        n.fillcolor = "#303030";
        n.color = "#000000";
        n.fontcolor = "#ffffff";
        n.label = dotText(name(v), 40);
        n.tooltip = dotText("Guide: " + name(v), 200);
        guides_.push_back(v);
      } else {
        const auto cats = targets(v, EdgeKind::InCategory);
        // The most specific category (deepest under skos:broader), first by IRI among equals.
        std::optional<VertexId> best;
        for (const VertexId c : cats) {
          if (!best || depth(c) > depth(*best)) best = c;
        }
        std::string all;
        for (const VertexId c : cats) all += (all.empty() ? "" : ", ") + name(c);
        n.shape = "box";
        n.style = "rounded,filled";
        n.fillcolor = best ? colour_[*best] : "#ffffff";
        n.color = "#505050";
        n.tooltip = dotText(name(v) + (all.empty() ? "" : " (" + all + ")"), 200);
        if (best)
          category_[v] = *best;
        else
          uncategorised_ = true;
      }
      vertex_[v] = addNode(std::move(n));
    }
    for (const VertexId guide : guides_) {
      for (const VertexId source : targets(guide, EdgeKind::Recommends)) {
        const auto it = vertex_.find(source);
        if (it == vertex_.end()) continue;
        boost::add_edge(vertex_[guide], it->second, MapEdge{"#7f7f7f", "solid"}, g_);
        ++recommenders_[source];
      }
    }
  }

  void buildClusters() {
    switch (by_) {
      case MapBy::Category: {
        for (const VertexId c : categories_) {
          if (!parent(c)) {
            Cluster cluster = categoryCluster(c, 0);
            if (!cluster.nodes.empty() || !cluster.children.empty())
              clusters_.push_back(std::move(cluster));
          }
        }
        break;
      }
      case MapBy::Country: {
        std::map<VertexId, Cluster> byCountry;
        for (const auto& [v, mv] : vertex_) {
          const auto countries = targets(v, EdgeKind::Country);
          if (countries.empty()) continue;
          Cluster& c = byCountry[countries.front()];
          c.label = dotText(name(countries.front()), 60);
          c.nodes.push_back(mv);
        }
        for (const VertexId country : kg_.sortedVertices()) {
          const auto it = byCountry.find(country);
          if (it == byCountry.end()) continue;
          it->second.name = "cluster_" + std::to_string(clusters_.size());
          it->second.color = "#606060";
          it->second.fillcolor = "#f7f7f7";
          clusters_.push_back(std::move(it->second));
        }
        break;
      }
      case MapBy::Guide: {
        for (const VertexId guide : guides_) {
          Cluster c;
          c.name = "cluster_" + std::to_string(clusters_.size());
          c.label = dotText(name(guide), 60);
          c.color = "#606060";
          c.fillcolor = "#f7f7f7";
          c.nodes.push_back(vertex_[guide]);
          for (const VertexId source : targets(guide, EdgeKind::Recommends)) {
            if (vertex_.contains(source) && recommenders_[source] == 1)
              c.nodes.push_back(vertex_[source]);
          }
          clusters_.push_back(std::move(c));
        }
        break;
      }
    }
  }

  Cluster categoryCluster(VertexId category, int level) {
    Cluster c;
    c.name = "cluster_" + std::to_string(clusterCount_++);
    c.label = dotText(name(category), 60);
    c.color = darker(colour_[category]);
    c.fillcolor = level == 0 ? "#fbfbfb" : "#ffffff";
    for (const auto& [source, cat] : category_) {
      if (cat == category) c.nodes.push_back(vertex_[source]);
    }
    std::sort(c.nodes.begin(), c.nodes.end());
    if (level > 16) return c;  // a cycle of skos:broader: validation reports it
    for (const VertexId child : categories_) {
      if (parent(child) == category && child != category) {
        Cluster sub = categoryCluster(child, level + 1);
        if (!sub.nodes.empty() || !sub.children.empty()) c.children.push_back(std::move(sub));
      }
    }
    return c;
  }

  static std::string darker(const std::string& hex) {
    std::string out = "#";
    for (std::size_t i = 1; i + 1 < hex.size(); i += 2) {
      const int v = std::stoi(hex.substr(i, 2), nullptr, 16) * 6 / 10;
      static constexpr char kDigits[] = "0123456789abcdef";
      out += kDigits[v / 16];
      out += kDigits[v % 16];
    }
    return out;
  }

  void buildLegend() {
    Cluster legend;
    legend.name = "cluster_legend";
    legend.label = "Legend";
    legend.color = "#a0a0a0";
    legend.fillcolor = "#ffffff";
    std::set<VertexId> used;
    for (const auto& [source, cat] : category_) used.insert(cat);
    if (!guides_.empty()) {
      MapNode n{{},        "Guide",   "a country guide", site_.config.baseUrl, "box", "filled,bold",
                "#303030", "#000000", "#ffffff"};
      legend.nodes.push_back(addNode(std::move(n)));
    }
    for (const VertexId c : categories_) {
      if (!used.contains(c)) continue;
      MapNode n{{},
                dotText(name(c), 36),
                dotText("Category: " + name(c), 200),
                kg_[c].page,
                "box",
                "rounded,filled",
                colour_[c],
                "#505050",
                "#000000"};
      legend.nodes.push_back(addNode(std::move(n)));
    }
    if (uncategorised_) {
      MapNode n{{},
                "(no category)",
                "a source without a category",
                site_.config.baseUrl,
                "box",
                "rounded,filled",
                "#ffffff",
                "#505050",
                "#000000"};
      legend.nodes.push_back(addNode(std::move(n)));
    }
    if (!legend.nodes.empty()) clusters_.push_back(std::move(legend));
  }

  const Site& site_;
  const KnowledgeGraph& kg_;
  MapBy by_;
  MapGraph g_;
  std::vector<Cluster> clusters_;
  std::size_t clusterCount_ = 0;
  std::vector<VertexId> categories_, guides_;
  std::map<VertexId, std::string> colour_;
  std::map<VertexId, VertexId> category_;  // source -> the category it is drawn in
  std::map<VertexId, MapVertex> vertex_;   // knowledge graph vertex -> map node
  std::map<VertexId, int> recommenders_;
  bool uncategorised_ = false;
};

// Deletes a file when it goes out of scope.
struct TempFile {
  std::string path;
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
  bool create(const char* suffix) {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "guidegraph-map-XXXXXX").string() + suffix;
    const int fd = ::mkstemps(tmpl.data(), static_cast<int>(std::strlen(suffix)));
    if (fd < 0) return false;
    ::close(fd);
    path = tmpl;
    return true;
  }
};

// posix_spawn file actions, destroyed with their owner.
struct SpawnActions {
  posix_spawn_file_actions_t actions{};
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
};

std::string readAll(const std::string& path) { return readFile(path).value_or(""); }

}  // namespace

std::optional<MapBy> parseMapBy(std::string_view name) {
  if (name == "category") return MapBy::Category;
  if (name == "country") return MapBy::Country;
  if (name == "guide") return MapBy::Guide;
  return std::nullopt;
}

std::string dotText(std::string_view text, std::size_t maxChars) {
  // Characters (code points) as byte ranges, control characters and runs of white space
  // folded into one space.
  std::vector<std::string> chars;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = std::min(utf8Length(c), text.size() - i);
    std::string ch(text.substr(i, n));
    i += n;
    if (n == 1 && (c < 0x20 || c == 0x7f || c == ' ')) {
      if (!chars.empty() && chars.back() != " ") chars.emplace_back(" ");
      continue;
    }
    chars.push_back(std::move(ch));
  }
  while (!chars.empty() && chars.back() == " ") chars.pop_back();
  if (maxChars > 1 && chars.size() > maxChars) {
    std::size_t cut = maxChars - 1;
    for (std::size_t k = cut; k + 10 > cut && k > 0; --k) {
      if (chars[k] == " ") {
        cut = k;
        break;
      }
    }
    chars.resize(cut);
    while (!chars.empty() && (chars.back() == " " || chars.back() == "," || chars.back() == "("))
      chars.pop_back();
    chars.emplace_back("…");
  }
  std::string out;
  for (const auto& ch : chars) out += ch;
  return out;
}

std::string writeMap(const Site& site, MapBy by, std::ostream& out) {
  MapBuilder builder(site, by);
  return builder.write(out);
}

std::string renderDot(const std::string& dot, const std::string& format, std::string& image,
                      const std::string& layout) {
  if (format != "svg" && format != "png") return "cannot render '" + format + "': use svg or png";
  if (layout != "dot" && layout != "fdp")
    return "cannot lay out with '" + layout + "': use dot or fdp";
  TempFile input, output, errors;
  if (!input.create(".dot") || !output.create(format == "svg" ? ".svg" : ".png") ||
      !errors.create(".txt")) {
    return std::string("cannot create a temporary file: ") + std::strerror(errno);
  }
  {
    std::ofstream in(input.path, std::ios::binary);
    in << dot;
    if (!in.flush()) return "cannot write a temporary file '" + input.path + "'";
  }
  const std::string typeArg = "-T" + format;
  const std::string outArg = "-o" + output.path;
  const std::string layoutArg = "-K" + layout;
  std::vector<char*> argv = {const_cast<char*>("dot"),
                             const_cast<char*>(layoutArg.c_str()),
                             const_cast<char*>(typeArg.c_str()),
                             const_cast<char*>(outArg.c_str()),
                             const_cast<char*>(input.path.c_str()),
                             nullptr};
  SpawnActions actions;
  posix_spawn_file_actions_addopen(&actions.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions.actions, STDERR_FILENO, errors.path.c_str(),
                                   O_WRONLY | O_TRUNC, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "dot", &actions.actions, nullptr, argv.data(), environ);
  if (spawned != 0) {
    return std::string("cannot run GraphViz's `dot` (") + std::strerror(spawned) +
           "); install graphviz, or leave out --render to write DOT";
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return std::string("waiting for `dot` failed: ") + std::strerror(errno);
  }
  const std::string messages = readAll(errors.path);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      return "cannot run GraphViz's `dot`; install graphviz, or leave out --render to write DOT";
    }
    return "`dot -T" + format + "` failed: " + messages;
  }
  if (!messages.empty()) return "`dot -T" + format + "` warned: " + messages;
  image = readAll(output.path);
  if (image.empty()) return "`dot -T" + format + "` wrote nothing";
  return {};
}

}  // namespace guidegraph::map
