#include "schema_types.hpp"

#include <algorithm>
#include <set>

#include "guidegraph/text.hpp"

namespace guidegraph {
namespace {

using Classes = std::vector<const SchemaClass*>;

// The term of a category, as its page's URL has it: ".../category/local-ngo/" -> "local-ngo".
std::string termOf(std::string_view page) {
  while (page.ends_with('/')) page.remove_suffix(1);
  return text::percentDecode(page.substr(page.rfind('/') + 1));
}

void addSorted(Classes& into, const Classes& from) {
  for (const SchemaClass* c : from) {
    const auto at = std::lower_bound(into.begin(), into.end(), c,
                                     [](auto* a, auto* b) { return a->name < b->name; });
    if (at == into.end() || *at != c) into.insert(at, c);
  }
}

class Resolver {
 public:
  explicit Resolver(GraphImpl& g) : g_(g), state_(boost::num_vertices(g), State::Open) {}

  // A category's classes: its own, else the union of its broader categories' (a cycle, which
  // the graph checks report, contributes nothing).
  const Classes& category(VertexId v) {
    if (state_[v] != State::Open) return g_[v].schemaTypes;
    state_[v] = State::Visiting;
    if (g_[v].schemaTypes.empty()) {
      Classes inherited;
      for (auto [e, end] = boost::out_edges(v, g_); e != end; ++e) {
        if (g_[*e].kind == EdgeKind::Broader) addSorted(inherited, category(boost::target(*e, g_)));
      }
      g_[v].schemaTypes = std::move(inherited);
    }
    state_[v] = State::Done;
    return g_[v].schemaTypes;
  }

 private:
  enum class State : std::uint8_t { Open, Visiting, Done };
  GraphImpl& g_;
  std::vector<State> state_;
};

}  // namespace

void resolveSchemaTypes(KnowledgeGraph& graph, const SiteConventions& conventions) {
  GraphImpl& g = graph.impl();
  if (!conventions.schemaTypes.empty()) {
    for (auto [v, end] = boost::vertices(g); v != end; ++v) {
      VertexProps& p = g[*v];
      if (p.kind != VertexKind::Category || !p.schemaTypes.empty()) continue;
      const auto it = conventions.schemaTypes.find(termOf(p.page.str()));
      if (it != conventions.schemaTypes.end()) p.schemaTypes = {it->second};
    }
  }
  Resolver resolver(g);
  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    if (g[*v].kind != VertexKind::Source || g[*v].ownSchemaType) continue;
    Classes classes;
    for (auto [e, eend] = boost::out_edges(*v, g); e != eend; ++e) {
      if (g[*e].kind == EdgeKind::InCategory)
        addSorted(classes, resolver.category(boost::target(*e, g)));
    }
    g[*v].schemaTypes = std::move(classes);
  }
}

}  // namespace guidegraph
