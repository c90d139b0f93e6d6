#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>

#include "guidegraph/serd_io.hpp"
#include "guidegraph/serialize.hpp"

namespace guidegraph::serialize {
namespace {

namespace serd_io = rdf::serd_io;

serd_io::WriteNode termNode(const rdf::Term& t) {
  switch (t.kind) {
    case rdf::TermKind::Iri:
      return serd_io::WriteNode::iri(t.value);
    case rdf::TermKind::Blank:
      return serd_io::WriteNode::blank(t.value);
    case rdf::TermKind::Literal:
      break;
  }
  return serd_io::WriteNode::literal(t.value);
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
  serd_io::Syntax syntax = serd_io::Syntax::Turtle;
  switch (format) {
    case RdfFormat::NTriples:
      syntax = serd_io::Syntax::NTriples;
      break;
    case RdfFormat::NQuads:
      syntax = serd_io::Syntax::NQuads;
      break;
    case RdfFormat::TriG:
      syntax = serd_io::Syntax::TriG;
      break;
    case RdfFormat::Turtle:
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

  serd_io::RdfWriter writer(syntax, out);
  for (const auto& p : data.prefixes) writer.prefix(p.name, p.iri);
  // Predicates, datatypes, languages and graphs are a few dozen texts, and a subject is
  // usually the previous triple's: Atoms keep one address per text, so the writer prepares
  // each of their nodes once.
  const auto cached = [](const Atom& text, serd_io::WriteNode::Kind kind) {
    return serd_io::WriteNode{kind, text, text.id()};
  };
  constexpr auto kIri = serd_io::WriteNode::Kind::Iri;
  const rdf::Triple* previous = nullptr;
  for (const rdf::Triple* t : order) {
    // Equal Atoms are equal texts: this is the order's equality, without comparing texts.
    if (previous && *previous == *t) continue;  // duplicate
    previous = t;
    serd_io::WriteNode s = termNode(t->subject);
    s.cacheKey = t->subject.value.id();
    const serd_io::WriteNode p =
        t->predicate.isIri() ? cached(t->predicate.value, kIri) : termNode(t->predicate);
    const serd_io::WriteNode o = termNode(t->object);
    std::optional<serd_io::WriteNode> g;
    if (quads && !t->graph.empty()) g = cached(t->graph, kIri);
    std::optional<serd_io::WriteNode> datatype;
    std::optional<serd_io::WriteNode> lang;
    if (t->object.isLiteral()) {
      if (!t->object.language.empty()) {
        lang = cached(t->object.language, serd_io::WriteNode::Kind::Literal);
      } else if (!t->object.datatype.empty()) {
        datatype = cached(t->object.datatype, kIri);
      }
    }
    std::string error = writer.statement(g ? &*g : nullptr, s, p, o,
                                         datatype ? &*datatype : nullptr, lang ? &*lang : nullptr);
    if (!error.empty()) return error;
  }
  return writer.finish();
}

}  // namespace guidegraph::serialize
