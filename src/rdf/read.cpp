#include "guidegraph/rdf_read.hpp"
#include "guidegraph/serd_io.hpp"

namespace guidegraph::rdf {
namespace {

// Collects what Serd reads as plain triples with their positions.
class DatasetSink final : public serd_io::StatementSink {
 public:
  DatasetSink(Dataset& into, Atom file, Atom defaultGraph)
      : into_(into), file_(file), defaultGraph_(defaultGraph) {}

  void statement(const serd_io::ReadStatement& st) override {
    Triple t;
    t.subject = term(st.subject);
    t.predicate = term(st.predicate);
    t.object = term(st.object);
    t.graph = st.graph.empty() ? defaultGraph_ : Atom(st.graph);
    t.origin = SourcePos{file_, st.line, st.column};
    into_.triples.push_back(std::move(t));
  }

 private:
  static Term term(const serd_io::ReadNode& n) {
    switch (n.kind) {
      case serd_io::NodeKind::Iri:
        return Term::iri(Atom(n.text));
      case serd_io::NodeKind::Blank:
        return Term::blank(Atom(n.text));
      case serd_io::NodeKind::Literal:
        break;
    }
    Term t = Term::literal(Atom(n.text));
    if (!n.language.empty()) {
      t.language = Atom(n.language);
    } else if (!n.datatype.empty()) {
      t.datatype = Atom(n.datatype);
    }
    return t;
  }

  Dataset& into_;
  Atom file_;
  Atom defaultGraph_;
};

}  // namespace

bool readRdf(std::string_view text, const std::string& displayName, const std::string& baseIri,
             Dataset& into, Diagnostics& diags, const std::string& defaultGraph) {
  serd_io::ReadOptions options;
  options.syntax = serd_io::syntaxFromPath(displayName);
  options.name = displayName;
  options.baseIri = baseIri;
  // Blank node labels are made unique per document, so two files never share a node.
  options.blankPrefix = "r";
  DatasetSink sink(into, Atom(displayName), Atom(defaultGraph));
  return serd_io::readRdfText(text, options, sink, diags);
}

}  // namespace guidegraph::rdf
