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

#include "guidegraph/read_file.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph::shacl::detail {
namespace {

constexpr const char* kXsdString = "http://www.w3.org/2001/XMLSchema#string";
constexpr const char* kRdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
constexpr const char* kRdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
constexpr const char* kRdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";

const char* str(Node n) { return reinterpret_cast<const char*>(sord_node_get_string(n)); }
const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.c_str()); }
const char* serdStr(const SerdNode* n) { return reinterpret_cast<const char*>(n->buf); }

int compareCStr(const char* a, const char* b) {
  const int c = std::strcmp(a != nullptr ? a : "", b != nullptr ? b : "");
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// State of one Serd read. Serd calls back into C++ through these functions; they never
// throw: problems are stored in `diags` and a status is returned.
// What a read of RDF text does. Positions cost a third of a read (Serd must be fed one byte
// at a time for the offset to tell where a statement ends), and only a report needs them:
// a file is first read for its triples alone, and read again for positions the first time
// a position is asked for (Store::ensurePositions).
enum class ReadMode : std::uint8_t {
  Triples,              // triples only; any diagnostic that needs a position asks for Both
  TriplesAndPositions,  // both at once (when the first read met such a problem)
  Positions,            // positions only, of triples already in the store; no diagnostics
};

struct ReadContext {
  Store* store = nullptr;
  ReadMode mode = ReadMode::TriplesAndPositions;
  bool needsPositions = false;  // Triples mode met a problem whose report needs a position
  SerdEnv* env = nullptr;
  std::string name;
  std::string_view text;
  std::size_t offset = 0;
  std::vector<std::size_t> lineStarts;
  Diagnostics* diags = nullptr;
  bool failed = false;
  bool internalError = false;
  // Prefixed names and relative IRIs already expanded, to their absolute IRI ("" when they
  // cannot be): the same few names (predicates, classes, datatypes) come back in almost
  // every statement. Emptied when a prefix or the base changes.
  std::unordered_map<std::string, std::string, text::StringViewHash, std::equal_to<>> expanded;

  mutable std::size_t lineHint = 0;  // the line of the previous statement

  SourcePos positionNow() const {
    // Serd reads one byte ahead; the last byte it consumed is two before our offset.
    const std::size_t at = offset >= 2 ? offset - 2 : 0;
    // Statements come in file order: walk on from the previous one's line (a search from
    // the start only if the reader went back, which it does not).
    if (lineHint >= lineStarts.size() || lineStarts[lineHint] > at) lineHint = 0;
    while (lineHint + 1 < lineStarts.size() && lineStarts[lineHint + 1] <= at) ++lineHint;
    const std::size_t lineIndex = lineHint;
    const std::size_t start = lineStarts[lineIndex];
    std::size_t col = start;
    while (col < text.size() && (text[col] == ' ' || text[col] == '\t')) ++col;
    return SourcePos{name, static_cast<std::uint32_t>(lineIndex + 1),
                     static_cast<std::uint32_t>(col - start + 1)};
  }
};

size_t readSource(void* buf, size_t size, size_t nmemb, void* stream) noexcept {
  auto* ctx = static_cast<ReadContext*>(stream);
  const std::size_t want = size * nmemb;
  const std::size_t left = ctx->text.size() - ctx->offset;
  const std::size_t n = std::min(want, left);
  std::memcpy(buf, ctx->text.data() + ctx->offset, n);
  ctx->offset += n;
  return size == 0 ? 0 : n / size;
}

int sourceError(void*) noexcept { return 0; }

SerdStatus onBase(void* handle, const SerdNode* uri) noexcept {
  auto* ctx = static_cast<ReadContext*>(handle);
  ctx->expanded.clear();
  return serd_env_set_base_uri(ctx->env, uri);
}

SerdStatus onPrefix(void* handle, const SerdNode* name, const SerdNode* uri) noexcept {
  auto* ctx = static_cast<ReadContext*>(handle);
  ctx->expanded.clear();
  try {
    ctx->store->addPrefix(serdStr(name), serdStr(uri));
  } catch (...) {
    ctx->internalError = true;
    return SERD_ERR_INTERNAL;
  }
  return serd_env_set_prefix(ctx->env, name, uri);
}

// An owned absolute IRI node for a CURIE or a (possibly relative) IRI, or a null node when
// the prefix is undefined or the result has no scheme. Done here rather than by Sord, whose
// sord_node_from_serd_node leaks its buffer when an expanded CURIE is not absolute.
SerdNodeHolder absoluteIri(SerdEnv* env, const SerdNode* n) {
  SerdNodeHolder out(serd_env_expand_node(env, n));
  if (out.get()->buf == nullptr || !serd_uri_string_has_scheme(out.get()->buf)) {
    return SerdNodeHolder();
  }
  return out;
}

// A copy of a node whose buffer ends with a NUL right after its n_bytes. Serd's reader can
// hand over a node whose buffer goes on past n_bytes (a blank node label `_:b.` at the end
// of a statement arrives as "b" followed by the dot, with n_chars still counting the dot).
// Sord copies n_bytes + 1 bytes, terminator included, and compares n_chars: without this
// copy it would store "b." with no terminator, as a node other than a later `_:b`.
class TerminatedNode {
 public:
  explicit TerminatedNode(const SerdNode* n) {
    if (n != nullptr) {
      node_ = *n;
      // Almost every node is terminated already: copy only the others.
      if (n->buf != nullptr && n->buf[n->n_bytes] != 0) {
        text_.assign(reinterpret_cast<const char*>(n->buf), n->n_bytes);
        node_.buf = u8(text_);
        // Serd counted the dot in n_chars as well; Sord compares n_chars when interning.
        node_.n_chars =
            static_cast<std::size_t>(std::count_if(text_.begin(), text_.end(), [](char c) {
              return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
            }));
      }
    }
  }
  TerminatedNode(const TerminatedNode&) = delete;
  TerminatedNode& operator=(const TerminatedNode&) = delete;
  [[nodiscard]] const SerdNode* get(const SerdNode* original) const {
    return original != nullptr ? &node_ : nullptr;
  }

 private:
  std::string text_;
  SerdNode node_ = SERD_NODE_NULL;
};

// The absolute IRI for a prefixed name or IRI node, or "" when the prefix is undefined or
// the IRI is relative to nothing that makes it absolute.
const std::string& expandIri(ReadContext& ctx, const SerdNode* n) {
  const std::string_view key(reinterpret_cast<const char*>(n->buf), n->n_bytes);
  // A CURIE and an IRI can be spelled alike ("ex:a" as a prefixed name and as <ex:a>).
  const char kind = n->type == SERD_CURIE ? 'c' : 'u';
  std::string lookup;
  lookup.reserve(key.size() + 1);
  lookup += kind;
  lookup += key;
  if (auto it = ctx.expanded.find(std::string_view(lookup)); it != ctx.expanded.end()) {
    return it->second;
  }
  if (ctx.expanded.size() > 100000) ctx.expanded.clear();  // many distinct names: no gain
  const SerdNodeHolder iri = absoluteIri(ctx.env, n);
  std::string value =
      iri.get()->buf != nullptr ? std::string(serdStr(iri.get()), iri.get()->n_bytes) : "";
  return ctx.expanded.emplace(std::move(lookup), std::move(value)).first->second;
}

// A new reference to the Sord node for a Serd node of the statement being read, or nullptr
// when a prefixed name or relative IRI cannot be made absolute.
SordNode* toSord(ReadContext& ctx, const SerdNode* rawNode, const SerdNode* datatype,
                 const SerdNode* rawLang) {
  SordWorld* world = ctx.store->world();
  const TerminatedNode nodeCopy(rawNode);
  const TerminatedNode langCopy(rawLang);
  const SerdNode* n = nodeCopy.get(rawNode);
  const SerdNode* lang = langCopy.get(rawLang);
  switch (n->type) {
    case SERD_URI:
      // An absolute IRI goes to Sord as it is (Sord interns it by its text).
      if (serd_uri_string_has_scheme(n->buf)) {
        return sord_node_from_serd_node(world, ctx.env, n, nullptr, nullptr);
      }
      [[fallthrough]];
    case SERD_CURIE: {
      const std::string& iri = expandIri(ctx, n);
      if (iri.empty()) return nullptr;
      const SerdNode node = serd_node_from_substring(SERD_URI, u8(iri), iri.size());
      return sord_node_from_serd_node(world, ctx.env, &node, nullptr, nullptr);
    }
    case SERD_LITERAL: {
      SerdNode dt = SERD_NODE_NULL;
      if (datatype != nullptr && datatype->buf != nullptr) {
        const TerminatedNode dtCopy(datatype);
        const std::string& iri = expandIri(ctx, dtCopy.get(datatype));
        if (iri.empty()) return nullptr;
        // RDF 1.1: "x"^^xsd:string and "x" are the same term; keep one spelling.
        if (iri != kXsdString) dt = serd_node_from_substring(SERD_URI, u8(iri), iri.size());
      }
      return sord_node_from_serd_node(world, ctx.env, n, dt.buf != nullptr ? &dt : nullptr, lang);
    }
    case SERD_BLANK:
      return sord_node_from_serd_node(world, ctx.env, n, nullptr, nullptr);
    case SERD_NOTHING:
      break;
  }
  return nullptr;
}

SerdStatus statementImpl(void* handle, const SerdNode* subject, const SerdNode* predicate,
                         const SerdNode* object, const SerdNode* datatype, const SerdNode* lang) {
  auto* ctx = static_cast<ReadContext*>(handle);
  SordWorld* world = ctx->store->world();
  const NodeRef s(world, toSord(*ctx, subject, nullptr, nullptr));
  const NodeRef p(world, toSord(*ctx, predicate, nullptr, nullptr));
  const NodeRef o(world, toSord(*ctx, object, datatype, lang));
  SerdStatus status = SERD_SUCCESS;
  if (s.get() == nullptr || p.get() == nullptr || o.get() == nullptr) {
    // An undefined prefix, or a prefix or base that does not make an absolute IRI.
    ctx->failed = true;
    if (ctx->mode == ReadMode::Triples) {
      ctx->needsPositions = true;  // read again, with positions, to report it
      return SERD_ERR_BAD_SYNTAX;
    }
    ctx->diags->add(Severity::Error, ctx->positionNow(), "rdf-syntax",
                    "cannot expand a prefixed name or relative IRI in this statement to an "
                    "absolute IRI; declare the prefix with @prefix <absolute IRI> or use a "
                    "full IRI");
    status = SERD_ERR_BAD_SYNTAX;
  } else if (ctx->mode == ReadMode::Triples) {
    ctx->store->addQuad(s.mut(), p.mut(), o.mut(), SourcePos{});
  } else if (ctx->mode == ReadMode::Positions) {
    ctx->store->addOrigin(s.get(), p.get(), o.get(), ctx->positionNow());
  } else {
    ctx->store->addQuad(s.mut(), p.mut(), o.mut(), ctx->positionNow());
  }
  return status;
}

SerdStatus errorImpl(void* handle, const SerdError* error) {
  auto* ctx = static_cast<ReadContext*>(handle);
  ctx->failed = true;
  char buf[1024];
  va_list args;
  va_copy(args, *error->args);
  const int n = std::vsnprintf(buf, sizeof buf, error->fmt, args);
  va_end(args);
  std::string message = n > 0 ? std::string(buf, std::min<std::size_t>(n, sizeof buf - 1)) : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  SourcePos pos{
      error->filename != nullptr ? reinterpret_cast<const char*>(error->filename) : ctx->name,
      error->line, error->col + 1};
  ctx->diags->add(Severity::Error, std::move(pos), "rdf-syntax",
                  "RDF syntax error: " + message + "; fix the statement and run again");
  return SERD_SUCCESS;
}

// The functions Serd calls. Nothing may unwind through C: an exception (only bad_alloc can
// occur) is recorded as a failed read and turned into an error status.
SerdStatus onStatement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode* subject,
                       const SerdNode* predicate, const SerdNode* object, const SerdNode* datatype,
                       const SerdNode* lang) noexcept {
  try {
    return statementImpl(handle, subject, predicate, object, datatype, lang);
  } catch (...) {
    static_cast<ReadContext*>(handle)->internalError = true;
    return SERD_ERR_INTERNAL;
  }
}

SerdStatus onError(void* handle, const SerdError* error) noexcept {
  try {
    return errorImpl(handle, error);
  } catch (...) {
    static_cast<ReadContext*>(handle)->internalError = true;
    return SERD_ERR_INTERNAL;
  }
}

SerdSyntax syntaxFor(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".nt") return SERD_NTRIPLES;
  if (ext == ".nq") return SERD_NQUADS;
  if (ext == ".trig") return SERD_TRIG;
  return SERD_TURTLE;
}

// Reads `text` in `mode`; returns false on any error. In Triples mode, sets `needsPositions`
// when a problem can only be reported with a position (then read again with positions).
bool readText(Store& store, SerdSyntax syntax, const std::string& text, const std::string& name,
              const std::string& baseIri, const std::string& blankPrefix, ReadMode mode,
              Diagnostics& diags, bool* needsPositions = nullptr) {
  SerdNode base = serd_node_from_string(SERD_URI, u8(baseIri));
  SerdEnvPtr env(serd_env_new(baseIri.empty() ? nullptr : &base));
  ReadContext ctx;
  ctx.store = &store;
  ctx.mode = mode;
  ctx.env = env.get();
  ctx.name = name;
  ctx.text = text;
  ctx.diags = &diags;
  ctx.lineStarts.push_back(0);
  if (mode != ReadMode::Triples) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') ctx.lineStarts.push_back(i + 1);
    }
  }
  SerdReaderPtr reader(
      serd_reader_new(syntax, &ctx, nullptr, onBase, onPrefix, onStatement, nullptr));
  serd_reader_set_error_sink(reader.get(), onError, &ctx);
  if (!blankPrefix.empty()) serd_reader_add_blank_prefix(reader.get(), u8(blankPrefix));
  // For positions, page size 1: Serd pulls byte by byte, so our offset tells where each
  // statement ends. Serd's own error positions do not depend on it.
  const SerdStatus st = serd_reader_read_source(reader.get(), readSource, sourceError, &ctx,
                                                u8(name), mode == ReadMode::Triples ? 4096 : 1);
  if (ctx.internalError) throw std::bad_alloc();  // our failure, not the input's
  if (needsPositions != nullptr) *needsPositions = ctx.needsPositions;
  if (ctx.needsPositions) return false;
  if (st != SERD_SUCCESS && st != SERD_FAILURE && !ctx.failed) {
    ctx.failed = true;
    diags.add(Severity::Error, SourcePos{name, 0, 0}, "rdf-syntax",
              "could not read the RDF in this file (Serd status " +
                  std::to_string(static_cast<int>(st)) + "); check that it is " +
                  (syntax == SERD_NTRIPLES ? "N-Triples"
                   : syntax == SERD_NQUADS ? "N-Quads"
                   : syntax == SERD_TRIG   ? "TriG"
                                           : "Turtle"));
  }
  return !ctx.failed;
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
        if (std::strcmp(str(dt), kXsdString) != 0) t.datatype = str(dt);
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
  Diagnostics first;
  bool needsPositions = false;
  bool ok = readText(*this, read.syntax, text, read.name, read.baseIri, read.blankPrefix,
                     ReadMode::Triples, first, &needsPositions);
  if (needsPositions) {
    // A problem to report with its position: read again with positions (the triples read
    // so far are added again, which changes nothing).
    ok = readText(*this, read.syntax, text, read.name, read.baseIri, read.blankPrefix,
                  ReadMode::TriplesAndPositions, diags);
  } else {
    diags.append(first);
    pending_.push_back(read);
  }
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
  return load(PendingRead{path, {}, path, fileIri(path), blankPrefix, syntaxFor(path)}, *text,
              diags);
}

bool Store::loadText(const std::string& text, const std::string& name, const std::string& baseIri,
                     const std::string& blankPrefix, Diagnostics& diags) {
  return load(PendingRead{{}, text, name, baseIri, blankPrefix, SERD_TURTLE}, text, diags);
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
      (void)readText(*self, read.syntax, read.text, read.name, read.baseIri, read.blankPrefix,
                     ReadMode::Positions, ignored);
    } else if (const std::optional<std::string> text = readFile(read.path)) {
      (void)readText(*self, read.syntax, *text, read.name, read.baseIri, read.blankPrefix,
                     ReadMode::Positions, ignored);
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
  if (t.isLiteral() && t.language.empty() && !t.datatype.empty() && t.datatype != kXsdString) {
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
      if (t.language.empty() && !t.datatype.empty() && t.datatype != kXsdString) {
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
  NodeRef first(w, sord_new_uri(w, u8(kRdfFirst)));
  NodeRef rest(w, sord_new_uri(w, u8(kRdfRest)));
  NodeRef nil(w, sord_new_uri(w, u8(kRdfNil)));
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

std::string fileIri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec).lexically_normal();
  const std::string p = ec ? path : abs.string();
  SerdNodeHolder node(serd_node_new_file_uri(u8(p), nullptr, nullptr, true));
  return serdStr(node.get());
}

std::string pathFromIri(const std::string& iri) {
  if (iri.rfind("file:", 0) != 0) return iri;
  uint8_t* path = serd_file_uri_parse(u8(iri), nullptr);
  if (path == nullptr) return iri;
  std::string out(reinterpret_cast<const char*>(path));
  serd_free(path);
  return out;
}

}  // namespace guidegraph::shacl::detail
