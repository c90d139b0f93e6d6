#include <serd/serd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>

#include "guidegraph/serialize.hpp"

namespace guidegraph::serialize {
namespace {

struct EnvDeleter {
  void operator()(SerdEnv* e) const { serd_env_free(e); }
};
struct WriterDeleter {
  void operator()(SerdWriter* w) const { serd_writer_free(w); }
};

// Serd hands over each token on its own (a bracket, a name, a space): they are gathered
// here and written to the stream a large piece at a time, instead of the stream's checks
// and locale lookups running for every few bytes.
class BufferedSink {
 public:
  explicit BufferedSink(std::ostream& out) : out_(out) { buffer_.reserve(kSize); }
  static size_t write(const void* buf, size_t len, void* self) {
    auto* sink = static_cast<BufferedSink*>(self);
    sink->buffer_.append(static_cast<const char*>(buf), len);
    if (sink->buffer_.size() >= kSize && !sink->flush()) return 0;
    return len;
  }
  bool flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    return out_.good();
  }

 private:
  static constexpr std::size_t kSize = 1 << 20;
  std::ostream& out_;
  std::string buffer_;
};

SerdNode nodeOf(const std::string& s, SerdType type) {
  SerdNode n = serd_node_from_substring(type, reinterpret_cast<const uint8_t*>(s.data()), s.size());
  // Serd 0.30 writes literals with quotes or newlines as """long strings""" that its own
  // reader misreads after a lone quote; without flags it writes short strings with escapes.
  if (type == SERD_LITERAL) n.flags = 0;
  return n;
}

SerdNode termNode(const rdf::Term& t) {
  switch (t.kind) {
    case rdf::TermKind::Iri:
      return nodeOf(t.value, SERD_URI);
    case rdf::TermKind::Blank:
      return nodeOf(t.value, SERD_BLANK);
    case rdf::TermKind::Literal:
      return nodeOf(t.value, SERD_LITERAL);
  }
  return SERD_NODE_NULL;
}

bool graphLess(const rdf::Triple& a, const rdf::Triple& b) {
  if (a.graph != b.graph) return a.graph < b.graph;
  return rdf::tripleLess(a, b);
}

}  // namespace

std::optional<RdfFormat> parseRdfFormat(std::string_view name) {
  if (name == "ttl" || name == "turtle") return RdfFormat::Turtle;
  if (name == "nt" || name == "ntriples" || name == "n-triples") return RdfFormat::NTriples;
  if (name == "nq" || name == "nquads" || name == "n-quads") return RdfFormat::NQuads;
  if (name == "trig") return RdfFormat::TriG;
  if (name == "jsonld" || name == "json-ld") return RdfFormat::JsonLd;
  return std::nullopt;
}

const char* formatExtension(RdfFormat f) {
  switch (f) {
    case RdfFormat::Turtle:
      return "ttl";
    case RdfFormat::NTriples:
      return "nt";
    case RdfFormat::NQuads:
      return "nq";
    case RdfFormat::TriG:
      return "trig";
    case RdfFormat::JsonLd:
      return "jsonld";
  }
  return "ttl";
}

std::string writeRdf(const rdf::Dataset& data, RdfFormat format, std::ostream& out) {
  if (format == RdfFormat::JsonLd) return writeJsonLd(data, JsonLdOptions{}, out);
  const bool quads = format == RdfFormat::NQuads || format == RdfFormat::TriG;
  const bool abbreviated = format == RdfFormat::Turtle || format == RdfFormat::TriG;
  SerdSyntax syntax = SERD_TURTLE;
  switch (format) {
    case RdfFormat::Turtle:
      syntax = SERD_TURTLE;
      break;
    case RdfFormat::NTriples:
      syntax = SERD_NTRIPLES;
      break;
    case RdfFormat::NQuads:
      syntax = SERD_NQUADS;
      break;
    case RdfFormat::TriG:
      syntax = SERD_TRIG;
      break;
    case RdfFormat::JsonLd:
      break;
  }
  std::vector<const rdf::Triple*> order;
  order.reserve(data.triples.size());
  for (const auto& t : data.triples) order.push_back(&t);
  const auto less = [quads](const rdf::Triple* a, const rdf::Triple* b) {
    return quads ? graphLess(*a, *b) : rdf::tripleLess(*a, *b);
  };
  // A normalized dataset is already in tripleLess order: Turtle and N-Triples then need no
  // sort, and the quad formats only a stable sort by graph (which gives graphLess order).
  const auto plainLess = [](const rdf::Triple* a, const rdf::Triple* b) {
    return rdf::tripleLess(*a, *b);
  };
  if (!std::is_sorted(order.begin(), order.end(), plainLess)) {
    std::sort(order.begin(), order.end(), less);
  } else if (quads) {
    std::stable_sort(order.begin(), order.end(), [](const rdf::Triple* a, const rdf::Triple* b) {
      return a->graph < b->graph;
    });
  }

  std::unique_ptr<SerdEnv, EnvDeleter> env(serd_env_new(nullptr));
  const int style = abbreviated ? (SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED) : SERD_STYLE_ASCII;
  BufferedSink sink(out);
  std::unique_ptr<SerdWriter, WriterDeleter> writer(serd_writer_new(
      syntax, static_cast<SerdStyle>(style), env.get(), nullptr, BufferedSink::write, &sink));
  if (abbreviated) {
    for (const auto& p : data.prefixes) {
      const SerdNode name = nodeOf(p.name, SERD_LITERAL);
      const SerdNode uri = nodeOf(p.iri, SERD_URI);
      serd_env_set_prefix(env.get(), &name, &uri);
      serd_writer_set_prefix(writer.get(), &name, &uri);
    }
  }
  // A subject is usually the previous triple's, and predicates, datatypes, languages and
  // graphs are a few dozen texts: their nodes are made once (a node is the same for the
  // same text, and Atoms with the same text are the same Atom).
  std::unordered_map<const void*, SerdNode> iris;
  std::unordered_map<const void*, SerdNode> literals;
  const auto cached = [&](const Atom& text, SerdType type) {
    auto& cache = type == SERD_LITERAL ? literals : iris;
    auto [it, inserted] = cache.try_emplace(text.id());
    if (inserted) it->second = nodeOf(text, type);
    return it->second;
  };
  const rdf::Triple* previous = nullptr;
  SerdNode s = SERD_NODE_NULL;
  for (const rdf::Triple* t : order) {
    // Equal Atoms are equal texts: this is the order's equality, without comparing texts.
    if (previous && *previous == *t) continue;  // duplicate
    if (!previous || !(previous->subject == t->subject)) s = termNode(t->subject);
    previous = t;
    const SerdNode p =
        t->predicate.isIri() ? cached(t->predicate.value, SERD_URI) : termNode(t->predicate);
    const SerdNode o = termNode(t->object);
    const SerdNode g = quads && !t->graph.empty() ? cached(t->graph, SERD_URI) : SERD_NODE_NULL;
    SerdNode datatype = SERD_NODE_NULL;
    SerdNode lang = SERD_NODE_NULL;
    if (t->object.isLiteral()) {
      if (!t->object.language.empty())
        lang = cached(t->object.language, SERD_LITERAL);
      else if (!t->object.datatype.empty())
        datatype = cached(t->object.datatype, SERD_URI);
    }
    const SerdStatus st =
        serd_writer_write_statement(writer.get(), 0, g.buf ? &g : nullptr, &s, &p, &o,
                                    datatype.buf ? &datatype : nullptr, lang.buf ? &lang : nullptr);
    if (st != SERD_SUCCESS)
      return std::string("cannot write a statement: ") +
             reinterpret_cast<const char*>(serd_strerror(st));
  }
  serd_writer_finish(writer.get());
  sink.flush();
  out.flush();
  if (!out) return "cannot write the output (disk full?)";
  return {};
}

}  // namespace guidegraph::serialize
