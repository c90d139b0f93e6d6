// The one way into Serd: reading RDF text with the position of every statement, writing
// RDF, and the syntax a file name implies. Every call into Serd's C API for reading or
// writing is made in src/rdf/serd_io.cpp; no other file includes <serd/serd.h> for that.
//
// Serd calls back into C++ while it reads. Those callbacks are noexcept: a syntax error
// becomes a Diagnostic, an exception thrown by a StatementSink is caught, the read is
// stopped, and the exception is thrown again by readRdfText once Serd has returned.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "guidegraph/diagnostic.hpp"

namespace guidegraph::rdf::serd_io {

enum class Syntax : std::uint8_t { Turtle, NTriples, NQuads, TriG };

// The syntax a file's extension names (.nt, .nq, .trig); Turtle for any other name.
[[nodiscard]] Syntax syntaxFromPath(std::string_view path);
// "Turtle", "N-Triples", "N-Quads", "TriG": for messages.
[[nodiscard]] const char* syntaxName(Syntax syntax);

// The file:// IRI of a path (made absolute), used as the base IRI of a file read.
[[nodiscard]] std::string fileIri(const std::string& path);
// The path of a file:// IRI; any other IRI is returned unchanged.
[[nodiscard]] std::string pathFromFileIri(const std::string& iri);

enum class NodeKind : std::uint8_t { Iri, Blank, Literal };

// A node of a statement being read, valid only during the StatementSink call. IRIs are
// absolute (prefixed names and relative IRIs are expanded; a statement where that is not
// possible is reported as an error and never reaches the sink). Every text is followed by
// a NUL byte, so `text.data()` may be handed to C functions that want a C string.
struct ReadNode {
  NodeKind kind = NodeKind::Iri;
  std::string_view text;      // IRI, blank node label (with the read's blank prefix), lexical form
  std::string_view datatype;  // literals: absolute datatype IRI; empty for xsd:string and tagged
  std::string_view language;  // literals: language tag or empty
  // What Serd measured, so that a consumer handing the node to Sord need not measure it
  // again: UTF-8 characters of `text` and of `datatype`, and Serd's flags for `text`.
  std::size_t textChars = 0;
  std::size_t datatypeChars = 0;
  std::uint32_t serdFlags = 0;
};

struct ReadStatement {
  ReadNode subject;
  ReadNode predicate;
  ReadNode object;
  std::string_view graph;  // empty in the default graph
  // 1-based line of the statement and the column where that line's text starts; 0:0 when
  // the read was made without positions (ReadOptions::positions).
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// Receives what a read finds. May throw: the read stops and readRdfText rethrows.
class StatementSink {
 public:
  virtual ~StatementSink() = default;
  // An @prefix (or PREFIX) declaration, the namespace as written (it may be relative).
  virtual void prefix(std::string_view /*name*/, std::string_view /*iri*/) {}
  virtual void statement(const ReadStatement& statement) = 0;
};

struct ReadOptions {
  Syntax syntax = Syntax::Turtle;
  std::string name;     // the file name used in positions and diagnostics
  std::string baseIri;  // relative IRIs are resolved against it; may be empty
  // Prepended to every blank node label, so that two documents never share a node.
  std::string blankPrefix;
  // Whether statements carry their line. Serd must then be fed one byte at a time, which
  // makes a read about a third slower; without positions, a statement whose error needs a
  // position to be reported makes the reader start again with positions (the statements
  // already delivered are not delivered twice).
  bool positions = true;
};

// Reads `text`. Syntax errors and names that cannot be expanded become error diagnostics
// at their file:line:col (code "rdf-syntax"); reading goes on past them where Serd can.
// Returns false when any error was reported.
[[nodiscard]] bool readRdfText(std::string_view text, const ReadOptions& options,
                               StatementSink& sink, Diagnostics& diags);

// A node to write. `cacheKey` (optional) names texts that stay at one address while the
// writer lives, such as an Atom's: the writer then prepares the node only once.
struct WriteNode {
  enum class Kind : std::uint8_t { Iri, Curie, Blank, Literal };
  Kind kind = Kind::Iri;
  std::string_view text;
  const void* cacheKey = nullptr;

  static WriteNode iri(std::string_view t, const void* key = nullptr) {
    return {Kind::Iri, t, key};
  }
  static WriteNode curie(std::string_view t) { return {Kind::Curie, t, nullptr}; }
  static WriteNode blank(std::string_view t) { return {Kind::Blank, t, nullptr}; }
  static WriteNode literal(std::string_view t, const void* key = nullptr) {
    return {Kind::Literal, t, key};
  }
};

// Writes statements in the order given, through a buffer, to `out`. Turtle and TriG are
// abbreviated (prefixed names, one subject's statements grouped when they come together);
// N-Triples and N-Quads are written ASCII-only. Literals are always written as short
// strings with escapes: Serd 0.30's reader misreads some long strings its writer makes.
// IRIs must already be percent-encoded (Serd would write \u escapes that readers reject).
class RdfWriter {
 public:
  RdfWriter(Syntax syntax, std::ostream& out);
  RdfWriter(RdfWriter&&) noexcept;
  RdfWriter& operator=(RdfWriter&&) noexcept;
  RdfWriter(const RdfWriter&) = delete;
  RdfWriter& operator=(const RdfWriter&) = delete;
  ~RdfWriter();

  // Declares a prefix and writes its @prefix line (Turtle and TriG only; ignored otherwise).
  void prefix(std::string_view name, std::string_view iri);
  // Writes one statement; `graph`, `datatype` (an IRI or CURIE) and `language` may be null.
  // Returns an error message, or "" on success.
  [[nodiscard]] std::string statement(const WriteNode* graph, const WriteNode& subject,
                                      const WriteNode& predicate, const WriteNode& object,
                                      const WriteNode* datatype = nullptr,
                                      const WriteNode* language = nullptr);
  // Ends the document and flushes `out`. Returns an error message, or "" on success.
  [[nodiscard]] std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guidegraph::rdf::serd_io
