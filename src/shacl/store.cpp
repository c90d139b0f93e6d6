#include "store.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <new>
#include <set>
#include <span>
#include <sstream>
#include <string>

#include "guidegraph/ns.hpp"
#include "guidegraph/read_file.hpp"
#include "guidegraph/serd_io.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph::shacl::detail {
namespace {

const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.c_str()); }

int compareCStr(const char* a, const char* b) {
  const int c = std::strcmp(a != nullptr ? a : "", b != nullptr ? b : "");
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Adds what Serd reads to the store. A first read is made without positions, which cost a
// third of a read and only a report needs: the input is read again for them the first time
// a position is asked for (Store::ensurePositions), then with `positionsOnly`.
class StoreSink final : public rdf::serd_io::StatementSink {
 public:
  StoreSink(Store& store, bool positionsOnly) : store_(store), positionsOnly_(positionsOnly) {}

  void prefix(std::string_view name, std::string_view iri) override {
    store_.addPrefix(std::string(name), std::string(iri));
  }

  void statement(const rdf::serd_io::ReadStatement& st) override {
    SordWorld* world = store_.world();
    const NodeRef s(world, node(st.subject));
    const NodeRef p(world, node(st.predicate));
    const NodeRef o(world, node(st.object));
    if (st.line == 0) {
      store_.addQuad(s.mut(), p.mut(), o.mut(), SourcePos{});
      return;
    }
    sawPositions_ = true;
    const SourcePos pos{name_, st.line, st.column};
    if (positionsOnly_) {
      store_.addOrigin(s.get(), p.get(), o.get(), pos);
    } else {
      store_.addQuad(s.mut(), p.mut(), o.mut(), pos);
    }
  }

  void setName(const std::string& name) { name_ = name; }
  // Whether the reader went over the input with positions (it does so by itself when a
  // problem needs a position to be reported).
  [[nodiscard]] bool sawPositions() const { return sawPositions_; }

 private:
  // A new reference to the Sord node for `n`. Its texts end with a NUL and come with the
  // lengths Serd measured, so Sord interns them without measuring them again.
  SordNode* node(const rdf::serd_io::ReadNode& n) const {
    SordWorld* world = store_.world();
    const auto serdNode = [](std::string_view text, std::size_t chars, SerdType type) {
      return SerdNode{reinterpret_cast<const uint8_t*>(text.data()), text.size(), chars, 0, type};
    };
    switch (n.kind) {
      case rdf::serd_io::NodeKind::Iri: {
        const SerdNode iri = serdNode(n.text, n.textChars, SERD_URI);
        return sord_node_from_serd_node(world, nullptr, &iri, nullptr, nullptr);
      }
      case rdf::serd_io::NodeKind::Blank: {
        const SerdNode blank = serdNode(n.text, n.textChars, SERD_BLANK);
        return sord_node_from_serd_node(world, nullptr, &blank, nullptr, nullptr);
      }
      case rdf::serd_io::NodeKind::Literal:
        break;
    }
    SerdNode literal = serdNode(n.text, n.textChars, SERD_LITERAL);
    literal.flags = n.serdFlags;
    const SerdNode datatype = serdNode(n.datatype, n.datatypeChars, SERD_URI);
    const SerdNode lang = serdNode(n.language, n.language.size(), SERD_LITERAL);
    return sord_node_from_serd_node(world, nullptr, &literal,
                                    n.datatype.empty() ? nullptr : &datatype,
                                    n.language.empty() ? nullptr : &lang);
  }

  Store& store_;
  bool positionsOnly_;
  Atom name_;
  bool sawPositions_ = false;
};

// Reads `text` into the store; returns false on any error.
bool readText(Store& store, const rdf::serd_io::ReadOptions& options, std::string_view text,
              bool positionsOnly, Diagnostics& diags, bool* sawPositions = nullptr) {
  StoreSink sink(store, positionsOnly);
  sink.setName(options.name);
  const bool ok = rdf::serd_io::readRdfText(text, options, sink, diags);
  if (sawPositions != nullptr) *sawPositions = sink.sawPositions();
  return ok;
}

}  // namespace

int compareNodes(Node a, Node b) {
  if (a == b) return 0;
  const int ta = static_cast<int>(sord_node_get_type(a));
  const int tb = static_cast<int>(sord_node_get_type(b));
  if (ta != tb) return ta < tb ? -1 : 1;
  if (int c = compareCStr(str(a), str(b)); c != 0) return c;
  Node da = sord_node_get_datatype(a);
  Node db = sord_node_get_datatype(b);
  if (int c = compareCStr(da != nullptr ? str(da) : "", db != nullptr ? str(db) : ""); c != 0) {
    return c;
  }
  return compareCStr(sord_node_get_language(a), sord_node_get_language(b));
}

void sortUnique(std::vector<Node>& nodes) {
  std::sort(nodes.begin(), nodes.end(), NodeLess{});
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
}

rdf::Term toTerm(Node n) {
  switch (sord_node_get_type(n)) {
    case SORD_URI:
      return rdf::Term::iri(str(n));
    case SORD_BLANK:
      return rdf::Term::blank(str(n));
    case SORD_LITERAL: {
      rdf::Term t = rdf::Term::literal(str(n));
      if (const char* lang = sord_node_get_language(n); lang != nullptr && *lang != 0) {
        t.language = lang;
      } else if (Node dt = sord_node_get_datatype(n); dt != nullptr) {
        if (std::strcmp(str(dt), ns::xsdString) != 0) t.datatype = str(dt);
      }
      return t;
    }
  }
  return rdf::Term::blank("invalid");
}

namespace {
// Sord reports a CURIE it cannot expand on stderr; the statement sink reports the same
// problem as a diagnostic with a position, so Sord's message is dropped.
SerdStatus quietSordErrors(void*, const SerdError*) noexcept { return SERD_SUCCESS; }
}  // namespace

Store::Store() : world_(sord_world_new()) { installErrorSink(); }

Store::~Store() {
  if (world_) {
    for (SordNode* n : held_) sord_node_free(world_.get(), n);
  }
}

void Store::installErrorSink() {
  sord_world_set_error_sink(world_.get(), quietSordErrors, nullptr);
}

bool Store::load(const PendingRead& read, const std::string& text, Diagnostics& diags) {
  rdf::serd_io::ReadOptions options = read.options;
  options.positions = false;
  bool sawPositions = false;
  const bool ok = readText(*this, options, text, false, diags, &sawPositions);
  if (!sawPositions) pending_.push_back(read);
  finishLoad();
  return ok;
}

bool Store::loadFile(const std::string& path, const std::string& blankPrefix, Diagnostics& diags) {
  const std::optional<std::string> text = readFile(path);
  if (!text) {
    diags.add(Severity::Error, SourcePos{path, 0, 0}, "rdf-read",
              "cannot open RDF file '" + path + "'; check the path and permissions");
    return false;
  }
  rdf::serd_io::ReadOptions options{rdf::serd_io::syntaxFromPath(path), path, fileIri(path),
                                    blankPrefix};
  return load(PendingRead{path, {}, std::move(options)}, *text, diags);
}

bool Store::loadText(const std::string& text, const std::string& name, const std::string& baseIri,
                     const std::string& blankPrefix, Diagnostics& diags) {
  rdf::serd_io::ReadOptions options{rdf::serd_io::Syntax::Turtle, name, baseIri, blankPrefix};
  return load(PendingRead{{}, text, std::move(options)}, text, diags);
}

void Store::ensurePositions() const {
  if (pending_.empty()) return;
  // Positions are a cache of the inputs: filling it changes no triple, hence const.
  auto* self = const_cast<Store*>(this);
  std::vector<PendingRead> reads;
  reads.swap(self->pending_);
  for (const PendingRead& read : reads) {
    Diagnostics ignored;  // reported by the first read
    if (read.path.empty()) {
      (void)readText(*self, read.options, read.text, true, ignored);
    } else if (const std::optional<std::string> text = readFile(read.path)) {
      (void)readText(*self, read.options, *text, true, ignored);
    }
  }
  self->sortOrigins();
}

void Store::addPrefix(std::string name, std::string iri) {
  if (iri.find(':') == std::string::npos) return;  // relative to a base: not kept
  prefixes_.emplace_back(std::move(name), std::move(iri));
}

void Store::addDataset(const rdf::Dataset& dataset) {
  for (const rdf::Prefix& p : dataset.prefixes) addPrefix(p.name, p.iri);
  // Terms are interned Atoms, so an IRI's node (and a literal's datatype) is found by the
  // address of its text instead of Sord hashing the text again. Other terms are mostly
  // unique: not cached, except that the triples come sorted by subject, so a subject is
  // usually the previous triple's. Each node made here is one reference the store keeps.
  std::unordered_map<const void*, SordNode*> iris;
  std::unordered_map<const void*, SordNode*> datatypes;
  byPredicate_.reserve(byPredicate_.size() + dataset.triples.size());
  bySubject_.reserve(bySubject_.size() + dataset.triples.size());
  held_.reserve(held_.size() + dataset.triples.size());
  origins_.reserve(origins_.size() + dataset.triples.size());
  const auto make = [&](const rdf::Term& t) {
    SordNode* n = newNode(t, datatypes);
    held_.push_back(n);
    return n;
  };
  const auto node = [&](const rdf::Term& t) -> SordNode* {
    if (!t.isIri()) return make(t);
    auto [it, inserted] = iris.try_emplace(t.value.id());
    if (inserted) it->second = make(t);
    return it->second;
  };
  const rdf::Term* lastSubject = nullptr;
  SordNode* lastSubjectNode = nullptr;
  for (const rdf::Triple& t : dataset.triples) {
    if (lastSubject == nullptr || !(*lastSubject == t.subject)) {
      lastSubject = &t.subject;
      lastSubjectNode = node(t.subject);
    }
    addTriple(lastSubjectNode, node(t.predicate), node(t.object), t.origin);
  }
  for (const auto& [text, n] : datatypes) held_.push_back(n);
  finishLoad();
}

SordNode* Store::newNode(const rdf::Term& t,
                         std::unordered_map<const void*, SordNode*>& datatypes) const {
  if (t.isLiteral() && t.language.empty() && !t.datatype.empty() && t.datatype != ns::xsdString) {
    auto [it, inserted] = datatypes.try_emplace(t.datatype.id());
    if (inserted) it->second = sord_new_uri(world(), u8(t.datatype));
    return sord_new_literal(world(), it->second, u8(t.value), nullptr);
  }
  return newNode(t);
}

SordNode* Store::newNode(const rdf::Term& t) const {
  SordWorld* w = world();
  switch (t.kind) {
    case rdf::TermKind::Iri:
      return sord_new_uri(w, u8(t.value));
    case rdf::TermKind::Blank:
      return sord_new_blank(w, u8(t.value));
    case rdf::TermKind::Literal: {
      NodeRef dt;
      if (t.language.empty() && !t.datatype.empty() && t.datatype != ns::xsdString) {
        dt = NodeRef(w, sord_new_uri(w, u8(t.datatype)));
      }
      return sord_new_literal(w, dt.mut(), u8(t.value),
                              t.language.empty() ? nullptr : t.language.c_str());
    }
  }
  return sord_new_blank(w, u8(std::string("invalid")));
}

Node Store::intern(const rdf::Term& t) const {
  SordNode* n = newNode(t);
  interned_.emplace_back(world(), n);
  return n;
}

Node Store::iri(std::string_view iri) const { return intern(rdf::Term::iri(std::string(iri))); }

void Store::addQuad(SordNode* s, SordNode* p, SordNode* o, const SourcePos& pos) {
  for (SordNode* n : {s, p, o}) held_.push_back(sord_node_copy(n));
  addTriple(s, p, o, pos);
}

void Store::addTriple(Node s, Node p, Node o, const SourcePos& pos) {
  byPredicate_.push_back({p, o, s});
  bySubject_.push_back({s, p, o});
  addOrigin(s, p, o, pos);
}

void Store::addOrigin(Node s, Node p, Node o, const SourcePos& pos) {
  if (pos.file.empty() && pos.line == 0) return;
  origins_.push_back(OriginEntry{{s, p, o}, compact(pos)});
}

namespace {
// A total order on node pointers (std::less, unlike <, is defined for unrelated pointers).
bool nodeBefore(Node a, Node b) { return std::less<Node>{}(a, b); }

// Lexicographic order of the first `n` nodes, by address.
bool prefixBefore(const NodeTriple& a, const NodeTriple& b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return nodeBefore(a[i], b[i]);
  }
  return false;
}

// The entries whose first `n` nodes are those of `key`, in entries sorted by prefixBefore
// of `nodesOf(entry)`.
template <typename Entries, typename NodesOf>
auto prefixRange(const Entries& entries, const NodeTriple& key, std::size_t n, NodesOf nodesOf) {
  const auto from = std::partition_point(entries.begin(), entries.end(), [&](const auto& e) {
    return prefixBefore(nodesOf(e), key, n);
  });
  const auto to = std::partition_point(
      from, entries.end(), [&](const auto& e) { return !prefixBefore(key, nodesOf(e), n); });
  return std::make_pair(from, to);
}

const NodeTriple& itself(const NodeTriple& t) { return t; }
}  // namespace

void Store::finishLoad() {
  // The positions and the two arrays are independent: they are sorted at once.
  auto origins = std::async(std::launch::async, [this] { sortOrigins(); });
  if (indexedTriples_ != byPredicate_.size()) {
    const auto sortIndex = [](std::vector<NodeTriple>& index) {
      std::sort(index.begin(), index.end(),
                [](const NodeTriple& a, const NodeTriple& b) { return prefixBefore(a, b, 3); });
      index.erase(std::unique(index.begin(), index.end()), index.end());
      index.shrink_to_fit();
    };
    auto byPredicate = std::async(std::launch::async, sortIndex, std::ref(byPredicate_));
    if (!indexBySubjectRuns()) {
      sortIndex(bySubject_);
      subjectRanges_.clear();
      subjectRanges_.reserve(bySubject_.size() / 4);
      for (std::size_t from = 0; from < bySubject_.size();) {
        std::size_t to = from + 1;
        while (to < bySubject_.size() && bySubject_[to][0] == bySubject_[from][0]) ++to;
        subjectRanges_.emplace(bySubject_[from][0], std::make_pair(from, to));
        from = to;
      }
    }
    byPredicate.get();
    indexedTriples_ = byPredicate_.size();
  }
  origins.get();
}

bool Store::indexBySubjectRuns() {
  // Lookups go through subjectRanges_, so the subjects need not be in any order: only each
  // subject's triples together, sorted by (predicate, object). A dataset comes sorted by
  // subject, so when no subject's triples are split, sorting each subject's few triples
  // does instead of sorting the whole array.
  subjectRanges_.clear();
  subjectRanges_.reserve(bySubject_.size() / 4);
  std::size_t kept = 0;
  for (std::size_t from = 0; from < bySubject_.size();) {
    std::size_t to = from + 1;
    while (to < bySubject_.size() && bySubject_[to][0] == bySubject_[from][0]) ++to;
    const auto first = bySubject_.begin() + static_cast<std::ptrdiff_t>(from);
    const auto last = bySubject_.begin() + static_cast<std::ptrdiff_t>(to);
    std::sort(first, last,
              [](const NodeTriple& a, const NodeTriple& b) { return prefixBefore(a, b, 3); });
    const auto end = std::unique(first, last);
    const std::size_t start = kept;
    for (auto it = first; it != end; ++it) bySubject_[kept++] = *it;
    if (!subjectRanges_.try_emplace(bySubject_[start][0], start, kept).second) {
      // A subject whose triples are in two places: undo nothing (the array holds the same
      // triples, some reordered, some duplicates dropped) and sort the whole array.
      const auto rest = static_cast<std::size_t>(bySubject_.end() - last);
      std::move(last, bySubject_.end(), bySubject_.begin() + static_cast<std::ptrdiff_t>(kept));
      bySubject_.resize(kept + rest);
      return false;
    }
    from = to;
  }
  bySubject_.resize(kept);
  bySubject_.shrink_to_fit();
  return true;
}

void Store::sortOrigins() {
  if (originsSorted_ == origins_.size()) return;
  // Stable: of a triple read twice, the first reading stays first and is the one kept.
  std::stable_sort(
      origins_.begin(), origins_.end(),
      [](const OriginEntry& a, const OriginEntry& b) { return prefixBefore(a.nodes, b.nodes, 3); });
  const auto same = [](const OriginEntry& a, const OriginEntry& b) { return a.nodes == b.nodes; };
  origins_.erase(std::unique(origins_.begin(), origins_.end(), same), origins_.end());
  origins_.shrink_to_fit();
  originsSorted_ = origins_.size();
}

Store::Origin Store::compact(const SourcePos& pos) {
  // Consecutive triples mostly come from one file.
  if (lastFile_ != pos.file || files_.empty()) {
    auto [it, inserted] = fileIds_.try_emplace(pos.file, static_cast<std::uint32_t>(files_.size()));
    if (inserted) files_.push_back(pos.file);
    lastFile_ = pos.file;
    lastFileId_ = it->second;
  }
  return Origin{lastFileId_, pos.line, pos.column};
}

SourcePos Store::expand(const Origin& o) const {
  return SourcePos{files_[o.file], o.line, o.column};
}

std::vector<Node> Store::objects(Node s, Node p) const {
  std::vector<Node> out;
  if (s == nullptr || p == nullptr) return out;
  const auto [from, to] = prefixRange(subjectTriples(s), {s, p, nullptr}, 2, itself);
  for (auto it = from; it != to; ++it) out.push_back((*it)[2]);
  sortUnique(out);  // by text: addresses differ from run to run
  return out;
}

std::vector<Node> Store::subjects(Node p, Node o) const {
  std::vector<Node> out;
  addSubjects(p, o, out);
  sortUnique(out);  // by text: addresses differ from run to run
  return out;
}

void Store::addSubjects(Node p, Node o, std::vector<Node>& out) const {
  if (o == nullptr || p == nullptr) return;
  const auto [from, to] = prefixRange(byPredicate_, {p, o, nullptr}, 2, itself);
  for (auto it = from; it != to; ++it) out.push_back((*it)[2]);
}

Node Store::object(Node s, Node p) const {
  std::vector<Node> all = objects(s, p);
  return all.empty() ? nullptr : all.front();
}

bool Store::has(Node s, Node p, Node o) const {
  if (s == nullptr || p == nullptr || o == nullptr) return false;
  const auto [from, to] = prefixRange(subjectTriples(s), {s, p, o}, 3, itself);
  return from != to;
}

std::span<const NodeTriple> Store::subjectTriples(Node s) const {
  const auto range = subjectRanges_.find(s);
  if (range == subjectRanges_.end()) return {};
  return std::span<const NodeTriple>(bySubject_)
      .subspan(range->second.first, range->second.second - range->second.first);
}

std::vector<std::pair<Node, Node>> Store::outgoing(Node s) const {
  std::vector<std::pair<Node, Node>> out;
  if (s == nullptr) return out;
  for (const NodeTriple& t : subjectTriples(s)) out.emplace_back(t[1], t[2]);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (int c = compareNodes(a.first, b.first); c != 0) return c < 0;
    return compareNodes(a.second, b.second) < 0;
  });
  return out;
}

std::vector<std::array<Node, 3>> Store::match(Node s, Node p, Node o) const {
  std::vector<std::array<Node, 3>> out;
  const auto keep = [&](const NodeTriple& t) {
    if ((p == nullptr || t[1] == p) && (o == nullptr || t[2] == o)) out.push_back(t);
  };
  if (s != nullptr) {
    for (const NodeTriple& t : subjectTriples(s)) keep(t);
  } else if (p != nullptr) {
    const auto [from, to] = prefixRange(byPredicate_, {p, o, nullptr}, o ? 2 : 1, itself);
    for (auto it = from; it != to; ++it) out.push_back({(*it)[2], p, (*it)[1]});
  } else {
    for (const NodeTriple& t : bySubject_) keep(t);
  }
  // By subject, predicate and object text: addresses differ from run to run.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    for (std::size_t i = 0; i < 3; ++i) {
      if (int c = compareNodes(a[i], b[i]); c != 0) return c < 0;
    }
    return false;
  });
  return out;
}

bool Store::list(Node head, std::vector<Node>& items) const {
  items.clear();
  SordWorld* w = world();
  NodeRef first(w, sord_new_uri(w, u8(ns::rdfFirst)));
  NodeRef rest(w, sord_new_uri(w, u8(ns::rdfRest)));
  NodeRef nil(w, sord_new_uri(w, u8(ns::rdfNil)));
  std::set<Node> seen;
  Node cur = head;
  while (cur != nil.get()) {
    if (cur == nullptr || !seen.insert(cur).second) return false;
    std::vector<Node> f = objects(cur, first.get());
    std::vector<Node> r = objects(cur, rest.get());
    if (f.size() != 1 || r.size() != 1) return false;
    items.push_back(f.front());
    cur = r.front();
  }
  return true;
}

std::size_t Store::size() const { return bySubject_.size(); }

std::optional<SourcePos> Store::earliestOrigin(const NodeTriple& key, std::size_t n) const {
  ensurePositions();
  const auto [from, to] = prefixRange(
      origins_, key, n, [](const OriginEntry& e) -> const NodeTriple& { return e.nodes; });
  std::optional<Origin> best;
  for (auto e = from; e != to; ++e) {
    if (!best || e->origin < *best) best = e->origin;
  }
  if (!best) return std::nullopt;
  return expand(*best);
}

// A triple read twice keeps the position of its first reading (see sortOrigins).
std::optional<SourcePos> Store::originOf(Node s, Node p, Node o) const {
  return earliestOrigin({s, p, o}, 3);
}

std::optional<SourcePos> Store::originOfSubject(Node s) const {
  return earliestOrigin({s, nullptr, nullptr}, 1);
}

std::optional<SourcePos> Store::originOfProperty(Node s, Node p) const {
  return earliestOrigin({s, p, nullptr}, 2);
}

std::string fileIri(const std::string& path) { return rdf::serd_io::fileIri(path); }

std::string pathFromIri(const std::string& iri) { return rdf::serd_io::pathFromFileIri(iri); }

}  // namespace guidegraph::shacl::detail
