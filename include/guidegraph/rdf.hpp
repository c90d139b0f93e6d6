// The RDF view: plain triples with the source position each came from.
// No Serd or Sord types appear here; writers and the validator convert privately.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "guidegraph/atom.hpp"
#include "guidegraph/diagnostic.hpp"
#include "guidegraph/ns.hpp"

namespace guidegraph::rdf {

enum class TermKind : std::uint8_t { Iri, Blank, Literal };

// An RDF term. For an IRI `value` is the full, already percent-encoded IRI; for a blank
// node it is the label without "_:"; for a literal it is the lexical form, with either a
// language tag or a datatype IRI (empty datatype and language means xsd:string).
// The strings are interned Atoms: a term is 32 bytes and copies without allocating.
struct Term {
  TermKind kind = TermKind::Iri;
  Atom value;
  Atom datatype;
  Atom language;

  static Term iri(Atom v) { return Term{TermKind::Iri, v, {}, {}}; }
  static Term blank(Atom label) { return Term{TermKind::Blank, label, {}, {}}; }
  static Term literal(Atom lex) { return Term{TermKind::Literal, lex, {}, {}}; }
  static Term typed(Atom lex, Atom datatypeIri) {
    return Term{TermKind::Literal, lex, datatypeIri, {}};
  }
  static Term langString(Atom lex, Atom lang) { return Term{TermKind::Literal, lex, {}, lang}; }

  [[nodiscard]] bool isIri() const { return kind == TermKind::Iri; }
  [[nodiscard]] bool isLiteral() const { return kind == TermKind::Literal; }
  [[nodiscard]] bool isBlank() const { return kind == TermKind::Blank; }

  friend bool operator==(const Term&, const Term&) = default;
  friend auto operator<=>(const Term&, const Term&) = default;
};

struct Triple {
  Term subject;
  Term predicate;
  Term object;
  // The named graph the triple belongs to (a page permalink, or the vocabulary graph).
  Atom graph;
  // Where the statement came from (front matter key, link, heading); line 0 if derived.
  SourcePos origin;

  friend bool operator==(const Triple& a, const Triple& b) {
    return a.subject == b.subject && a.predicate == b.predicate && a.object == b.object &&
           a.graph == b.graph;
  }
};

// Total order used for every serialization: subject, predicate, object (then graph).
bool tripleLess(const Triple& a, const Triple& b);

struct Prefix {
  std::string name;  // without the colon
  std::string iri;
};

// A set of triples plus the prefixes to write them with.
struct Dataset {
  std::vector<Prefix> prefixes;
  std::vector<Triple> triples;

  // Sorts triples and removes duplicates (same s, p, o, graph).
  void normalize();
};

}  // namespace guidegraph::rdf
