// Private: a Sord world and model with the source position of every triple, plus RAII
// wrappers for the Serd/Sord handles used by the validator. Not part of the public API.
#pragma once

#include <sord/sord.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/serd_io.hpp"

namespace guidegraph::shacl::detail {

using Node = const SordNode*;

// The text of a node: an IRI, a blank node label or a literal's lexical form.
inline const char* str(Node n) { return reinterpret_cast<const char*>(sord_node_get_string(n)); }
using NodeTriple = std::array<Node, 3>;

struct WorldDeleter {
  void operator()(SordWorld* w) const { sord_world_free(w); }
};
using WorldPtr = std::unique_ptr<SordWorld, WorldDeleter>;

// One counted reference to an interned Sord node. Move-only.
class NodeRef {
 public:
  NodeRef() = default;
  NodeRef(SordWorld* world, SordNode* node) : world_(world), node_(node) {}
  NodeRef(NodeRef&& o) noexcept : world_(o.world_), node_(o.node_) { o.node_ = nullptr; }
  NodeRef& operator=(NodeRef&& o) noexcept {
    if (this != &o) {
      reset();
      world_ = o.world_;
      node_ = o.node_;
      o.node_ = nullptr;
    }
    return *this;
  }
  NodeRef(const NodeRef&) = delete;
  NodeRef& operator=(const NodeRef&) = delete;
  ~NodeRef() { reset(); }
  [[nodiscard]] Node get() const { return node_; }
  [[nodiscard]] SordNode* mut() const { return node_; }

 private:
  void reset() {
    if (node_ != nullptr) sord_node_free(world_, node_);
    node_ = nullptr;
  }
  SordWorld* world_ = nullptr;
  SordNode* node_ = nullptr;
};

// Orders nodes by content (kind, string, datatype, language), never by address, so every
// sorted output is the same from run to run.
int compareNodes(Node a, Node b);
struct NodeLess {
  bool operator()(Node a, Node b) const { return compareNodes(a, b) < 0; }
};
void sortUnique(std::vector<Node>& nodes);

rdf::Term toTerm(Node n);

// The union of all loaded graphs. Nodes are Sord nodes, interned in the store's Sord world;
// the triples are kept in two arrays sorted by node address (see bySubject_).
class Store {
 public:
  Store();
  Store(Store&&) noexcept = default;
  Store& operator=(Store&&) noexcept = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  // Parses a file, choosing the syntax by extension. `blankPrefix` keeps blank nodes of
  // different files apart. Errors go to `diags`; returns false on any error.
  bool loadFile(const std::string& path, const std::string& blankPrefix, Diagnostics& diags);
  // Parses Turtle text. `name` is used in positions; the base IRI is derived from it.
  bool loadText(const std::string& text, const std::string& name, const std::string& baseIri,
                const std::string& blankPrefix, Diagnostics& diags);
  void addDataset(const rdf::Dataset& dataset);

  // An interned node for `t` (nullptr never); the store keeps the reference.
  // Interning changes only the world's node table, not the graph: hence const.
  Node intern(const rdf::Term& t) const;
  Node iri(std::string_view iri) const;
  // A new counted reference for `t`; the caller frees it with sord_node_free.
  SordNode* newNode(const rdf::Term& t) const;
  // The same, with typed literals' datatype nodes made once each (references kept in
  // `datatypes`).
  SordNode* newNode(const rdf::Term& t,
                    std::unordered_map<const void*, SordNode*>& datatypes) const;

  [[nodiscard]] std::vector<Node> objects(Node s, Node p) const;
  [[nodiscard]] std::vector<Node> subjects(Node p, Node o) const;
  // The same, appended to `out` in no particular order: for callers that order (or need not
  // order) what they collect themselves. Sorting by text costs more than the lookup.
  void addSubjects(Node p, Node o, std::vector<Node>& out) const;
  [[nodiscard]] Node object(Node s, Node p) const;  // one object (the least) or nullptr
  [[nodiscard]] bool has(Node s, Node p, Node o) const;
  // Every (predicate, object) with subject s.
  [[nodiscard]] std::vector<std::pair<Node, Node>> outgoing(Node s) const;
  // Every triple matching the pattern (nullptr is a wildcard), sorted by subject, predicate and
  // object text.
  [[nodiscard]] std::vector<std::array<Node, 3>> match(Node s, Node p, Node o) const;
  // The members of the RDF list at `head`; false if it is not a well-formed list.
  bool list(Node head, std::vector<Node>& items) const;
  [[nodiscard]] std::size_t size() const;

  // The prefixes declared by the files read (absolute namespaces only), first one first.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& prefixes() const {
    return prefixes_;
  }
  void addPrefix(std::string name, std::string iri);

  // Where (s, p, o) was read, or where any triple of s was read, or empty.
  [[nodiscard]] std::optional<SourcePos> originOf(Node s, Node p, Node o) const;
  [[nodiscard]] std::optional<SourcePos> originOfSubject(Node s) const;
  [[nodiscard]] std::optional<SourcePos> originOfProperty(Node s, Node p) const;

  [[nodiscard]] SordWorld* world() const { return world_.get(); }
  // Whether positions are still to be read from an input (see ensurePositions).
  [[nodiscard]] bool readsPending() const { return !pending_.empty(); }

  // Called by the Serd statement sink.
  // Adds a triple and keeps a reference to each node.
  void addQuad(SordNode* s, SordNode* p, SordNode* o, const SourcePos& pos);
  // Adds a triple whose nodes' references the store already keeps.
  void addTriple(Node s, Node p, Node o, const SourcePos& pos);
  void addOrigin(Node s, Node p, Node o, const SourcePos& pos);

 private:
  void installErrorSink();

  WorldPtr world_;
  // One reference to each node of each triple added, released with the store.
  std::vector<SordNode*> held_;
  mutable std::vector<NodeRef> interned_;
  // Positions are kept compactly: one table of file names, three integers per triple.
  struct Origin {
    std::uint32_t file = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    auto operator<=>(const Origin&) const = default;
  };
  Origin compact(const SourcePos& pos);
  SourcePos expand(const Origin& o) const;

  std::vector<std::pair<std::string, std::string>> prefixes_;
  std::vector<Atom> files_;
  std::unordered_map<Atom, std::uint32_t> fileIds_;
  Atom lastFile_;  // compact()'s last file and its id
  std::uint32_t lastFileId_ = 0;
  // Where each triple was read: one entry per triple added with a position, sorted by the
  // node pointers (s, p, o) after each load, the first entry of a triple read twice first.
  // The subject's and the property's positions (the earliest of their triples) are found
  // by range, so there is no map per subject or per property. 40 bytes per triple.
  struct OriginEntry {
    NodeTriple nodes;  // (s, p, o)
    Origin origin;
  };
  std::vector<OriginEntry> origins_;
  std::size_t originsSorted_ = 0;  // origins_[0, originsSorted_) is sorted
  void sortOrigins();
  // Indexes bySubject_ when each subject's triples are together; false if they are not.
  bool indexBySubjectRuns();
  // The earliest position of the triples whose first `n` nodes (s, p, o) are those of `key`.
  [[nodiscard]] std::optional<SourcePos> earliestOrigin(const NodeTriple& key, std::size_t n) const;
  // The triples, twice: sorted by node address after each load, duplicates removed. Sord's
  // own model orders its indices by node text, so every insertion and every search would
  // compare strings at each level of its tree (BENCHMARKS.md has the figures).
  std::vector<NodeTriple> byPredicate_;  // (p, o, s)
  std::vector<NodeTriple> bySubject_;    // (s, p, o)
  std::size_t indexedTriples_ = 0;       // how many of them are sorted
  // Where each subject's triples are in bySubject_: [first, second).
  std::unordered_map<Node, std::pair<std::size_t, std::size_t>> subjectRanges_;
  // The triples of `s` in bySubject_ (sorted by predicate, then object, by address).
  [[nodiscard]] std::span<const NodeTriple> subjectTriples(Node s) const;
  void finishLoad();
  // Inputs read without positions, to be read again for them when one is asked for.
  struct PendingRead {
    std::string path;  // a file, or empty for `text`
    std::string text;
    rdf::serd_io::ReadOptions options;  // read first without positions, then with them
  };
  std::vector<PendingRead> pending_;
  bool load(const PendingRead& read, const std::string& text, Diagnostics& diags);
  void ensurePositions() const;
};

// The file:// IRI of a path (made absolute), used as base IRI.
std::string fileIri(const std::string& path);
// The inverse for file:// IRIs; other IRIs are returned unchanged.
std::string pathFromIri(const std::string& iri);

}  // namespace guidegraph::shacl::detail
