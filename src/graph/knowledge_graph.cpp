#include <algorithm>

#include "guidegraph/graph.hpp"

namespace guidegraph {

const char* vertexKindName(VertexKind k) {
  switch (k) {
    case VertexKind::Guide:
      return "guide";
    case VertexKind::Section:
      return "section";
    case VertexKind::Recommendation:
      return "recommendation";
    case VertexKind::Source:
      return "source";
    case VertexKind::Category:
      return "category";
    case VertexKind::Country:
      return "country";
    case VertexKind::Place:
      return "place";
    case VertexKind::Contributor:
      return "contributor";
    case VertexKind::Tag:
      return "tag";
    case VertexKind::DataType:
      return "data type";
    case VertexKind::WebPage:
      return "page";
  }
  return "page";
}

const char* edgeKindName(EdgeKind k) {
  switch (k) {
    case EdgeKind::HasSection:
      return "hasSection";
    case EdgeKind::Recommends:
      return "recommends";
    case EdgeKind::HasRecommendation:
      return "hasRecommendation";
    case EdgeKind::RecommendedSource:
      return "recommendedSource";
    case EdgeKind::InSection:
      return "inSection";
    case EdgeKind::MentionsPlace:
      return "mentionsPlace";
    case EdgeKind::PlaceIn:
      return "placeIn";
    case EdgeKind::SectionSubject:
      return "sectionSubject";
    case EdgeKind::InCategory:
      return "inCategory";
    case EdgeKind::Broader:
      return "broader";
    case EdgeKind::Country:
      return "country";
    case EdgeKind::Contributor:
      return "contributor";
    case EdgeKind::Tag:
      return "tag";
    case EdgeKind::References:
      return "references";
    case EdgeKind::MainEntity:
      return "mainEntity";
    case EdgeKind::DataType:
      return "dataType";
    case EdgeKind::TranslationOf:
      return "translationOf";
  }
  return "references";
}

VertexId KnowledgeGraph::vertex(VertexKind kind, const std::string& iri, const std::string& page) {
  // Found without interning; otherwise made by the Atom version. A page's own vertex is
  // named by the page: the text is interned once.
  if (const auto it = byIri_.find(std::string_view(iri)); it != byIri_.end()) return it->second;
  const Atom interned(iri);
  return vertex(kind, interned, page == iri ? interned : Atom(page));
}

VertexId KnowledgeGraph::vertex(VertexKind kind, Atom iri, Atom page) {
  // One lookup: the key is the Atom's own text, which lives as long as the process.
  const auto [it, inserted] = byIri_.try_emplace(iri.str(), VertexId{});
  if (!inserted) return it->second;
  // Made in place: moving a vertex's properties in would copy over 600 bytes.
  const VertexId v = boost::add_vertex(g_);
  VertexProps& props = g_[v];
  props.kind = kind;
  props.iri = iri;
  props.page = page;
  it->second = v;
  return v;
}

const VertexId* KnowledgeGraph::find(std::string_view iri) const {
  const auto it = byIri_.find(iri);
  return it == byIri_.end() ? nullptr : &it->second;
}

void KnowledgeGraph::edge(VertexId from, VertexId to, EdgeKind kind, SourcePos pos) {
  for (auto [e, end] = boost::out_edges(from, g_); e != end; ++e) {
    if (boost::target(*e, g_) == to && g_[*e].kind == kind) return;
  }
  boost::add_edge(from, to, EdgeProps{kind, std::move(pos)}, g_);
}

const std::vector<VertexId>& KnowledgeGraph::sortedVertices() const {
  const std::lock_guard lock(*sortedMutex_);
  if (sorted_.size() == boost::num_vertices(g_)) return sorted_;
  // Sorts the texts beside the ids, so that a comparison does not go through the vertex.
  std::vector<std::pair<std::string_view, VertexId>> byIri;
  byIri.reserve(boost::num_vertices(g_));
  for (auto [v, end] = boost::vertices(g_); v != end; ++v) byIri.emplace_back(g_[*v].iri.str(), *v);
  std::sort(byIri.begin(), byIri.end());
  sorted_.clear();
  sorted_.reserve(byIri.size());
  for (const auto& entry : byIri) sorted_.push_back(entry.second);
  return sorted_;
}

}  // namespace guidegraph
