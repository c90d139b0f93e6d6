// The knowledge graph: a Boost adjacency list of typed vertices and typed edges.
// Vertex and edge properties are plain values; the RDF view is derived from them.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "guidegraph/checked.hpp"
#include "guidegraph/diagnostic.hpp"
#include "guidegraph/schema_classes.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph {

enum class VertexKind : std::uint8_t {
  Guide,
  Section,
  Recommendation,
  Source,
  Category,
  Country,
  Place,
  Contributor,
  Tag,
  DataType,  // a kind of data a source offers (survey, interviews, ...): a SKOS concept
  WebPage
};
const char* vertexKindName(VertexKind k);

// A value taken from the input, with where it was written.
struct Located {
  std::string value;
  SourcePos pos;
};

// A link out of the site written in a page's body: its address and its text.
struct OutLink {
  std::string url;
  std::string text;
  SourcePos pos;
};

struct VertexProps {
  VertexKind kind = VertexKind::WebPage;
  Atom iri;      // the thing: a guide's permalink, or "permalink#id" for what a page describes
  Atom page;     // the permalink of the page that describes it (its named graph)
  Located name;  // title, heading text, label
  Located description;
  SourcePos pos;     // where the vertex was declared (front matter start, heading, link)
  std::string file;  // content file, empty for vertices without a page of their own
  Atom lang;  // BCP 47 tag of its text (the language of the page it was written in), or empty

  // Values of a fixed form are held checked (guidegraph/checked.hpp): one that failed its
  // check is not in the model, so no output can write it.
  // Guides and pages.
  CheckedDate created, issued, modified;
  WholeNumber weight;
  Located linkTitle;
  // Sources.
  WebAddress website;
  WikidataItem wikidata;
  std::vector<LanguageTag> languages;
  std::vector<Located> alternateNames;
  Year coverageStart, coverageEnd;  // years the source's data covers
  // Categories: the schema.org class of the sources filed under it (its `schemaType:`, else
  // the conventions' `schemaTypes`, else its broader categories'). Sources: their own
  // `schemaType:`, else their categories' classes; sorted by name, no repeats.
  std::vector<const SchemaClass*> schemaTypes;
  bool ownSchemaType = false;    // a source's `schemaType:` set its class
  std::vector<OutLink> seeAlso;  // further links of its body
  // Sections and recommendations: 1-based position in the guide; anchor of a section.
  int position = 0;
  std::string anchor;
  Located note, linkText;
};

enum class EdgeKind : std::uint8_t {
  HasSection,         // guide -> section
  Recommends,         // guide -> source
  HasRecommendation,  // guide -> recommendation
  RecommendedSource,  // recommendation -> source
  InSection,          // recommendation -> section
  MentionsPlace,      // recommendation -> place
  PlaceIn,            // place -> country
  SectionSubject,     // section -> category it discusses
  InCategory,         // source -> category
  Broader,            // category -> broader category
  Country,            // guide/source -> country
  Contributor,        // guide/source/page -> contributor
  Tag,                // page -> tag
  References,         // guide -> any other page linked
  MainEntity,         // web page -> the thing it describes
  DataType,           // source -> kind of data it offers
  TranslationOf       // a guide -> the guide it translates (Hugo's translationKey, or the path)
};
const char* edgeKindName(EdgeKind k);

struct EdgeProps {
  EdgeKind kind = EdgeKind::References;
  SourcePos pos;  // the link or front matter value that made the edge
};

using GraphImpl =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexProps, EdgeProps>;
using VertexId = GraphImpl::vertex_descriptor;

// The graph plus an index of vertices by IRI. Vertices are created once per IRI.
class KnowledgeGraph {
 public:
  // Returns the vertex for `iri`, creating it with `kind` if absent.
  VertexId vertex(VertexKind kind, const std::string& iri, const std::string& page);
  // The same for texts already interned: nothing is interned again.
  VertexId vertex(VertexKind kind, Atom iri, Atom page);
  [[nodiscard]] const VertexId* find(std::string_view iri) const;
  // Adds an edge unless one of the same kind already joins the two vertices.
  void edge(VertexId from, VertexId to, EdgeKind kind, SourcePos pos);
  // Room for `n` vertices, so that adding them does not move those already there (a vertex
  // with its properties is over 700 bytes; BENCHMARKS.md, "Measurements behind the code").
  // Unused room is address space only. The index by IRI gets as many buckets, so it is not
  // rehashed as it grows. adjacency_list has no reserve(): this uses its vertex vector
  // `m_vertices`, a public member that Boost does not document, so a Boost that renames it
  // fails to compile here instead of growing the graph slowly.
  void reserveVertices(std::size_t n) {
    g_.m_vertices.reserve(n);
    byIri_.reserve(n);
  }

  [[nodiscard]] GraphImpl& impl() { return g_; }
  [[nodiscard]] const GraphImpl& impl() const { return g_; }
  [[nodiscard]] VertexProps& operator[](VertexId v) { return g_[v]; }
  [[nodiscard]] const VertexProps& operator[](VertexId v) const { return g_[v]; }
  [[nodiscard]] std::size_t vertexCount() const { return boost::num_vertices(g_); }
  [[nodiscard]] std::size_t edgeCount() const { return boost::num_edges(g_); }
  // Vertex ids ordered by IRI, for deterministic walks. Sorted at the first call after
  // vertices were added, then kept; safe to call from several threads at once while the
  // graph does not change. The reference is valid until a vertex is added.
  [[nodiscard]] const std::vector<VertexId>& sortedVertices() const;

 private:
  GraphImpl g_;
  // Keys are the vertices' own interned IRI texts, which live as long as the process.
  std::unordered_map<std::string_view, VertexId, text::StringViewHash, std::equal_to<>> byIri_;
  mutable std::unique_ptr<std::mutex> sortedMutex_ = std::make_unique<std::mutex>();
  mutable std::vector<VertexId> sorted_;
};

}  // namespace guidegraph
