#include "guidegraph/serd_io.hpp"

#include <serd/serd.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "guidegraph/ns.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph::rdf::serd_io {
namespace {

// ---- Owned Serd handles ----------------------------------------------------------------

struct EnvDeleter {
  void operator()(SerdEnv* e) const { serd_env_free(e); }
};
struct ReaderDeleter {
  void operator()(SerdReader* r) const { serd_reader_free(r); }
};
struct WriterDeleter {
  void operator()(SerdWriter* w) const { serd_writer_free(w); }
};
using EnvPtr = std::unique_ptr<SerdEnv, EnvDeleter>;
using ReaderPtr = std::unique_ptr<SerdReader, ReaderDeleter>;
using WriterPtr = std::unique_ptr<SerdWriter, WriterDeleter>;

// An owned serd_node_new_* / serd_env_expand_node result.
class OwnedNode {
 public:
  explicit OwnedNode(SerdNode n) : node_(n) {}
  OwnedNode(const OwnedNode&) = delete;
  OwnedNode& operator=(const OwnedNode&) = delete;
  ~OwnedNode() { serd_node_free(&node_); }
  [[nodiscard]] const SerdNode* get() const { return &node_; }

 private:
  SerdNode node_;
};

const uint8_t* u8(const char* s) { return reinterpret_cast<const uint8_t*>(s); }
std::string_view view(const SerdNode* n) {
  return {reinterpret_cast<const char*>(n->buf), n->n_bytes};
}

SerdSyntax serdSyntax(Syntax s) {
  switch (s) {
    case Syntax::Turtle:
      return SERD_TURTLE;
    case Syntax::NTriples:
      return SERD_NTRIPLES;
    case Syntax::NQuads:
      return SERD_NQUADS;
    case Syntax::TriG:
      return SERD_TRIG;
  }
  return SERD_TURTLE;
}

// ---- Reading -------------------------------------------------------------------------

std::size_t utf8Chars(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// A node whose text is followed by a NUL. Serd's reader can hand over a node whose buffer
// goes on past n_bytes (a blank node label `_:b.` at the end of a statement arrives as "b"
// followed by the dot), and Serd's own IRI functions read up to the NUL: such a text is
// copied.
class TerminatedNode {
 public:
  explicit TerminatedNode(const SerdNode* n) {
    if (n == nullptr || n->buf == nullptr) return;
    node_ = *n;
    if (n->buf[n->n_bytes] != 0) {  // almost every node is terminated already
      copy_.assign(view(n));
      node_.buf = u8(copy_.c_str());
      // Serd counted the dot in n_chars as well.
      node_.n_chars = utf8Chars(copy_);
    }
  }
  TerminatedNode(const TerminatedNode&) = delete;
  TerminatedNode& operator=(const TerminatedNode&) = delete;
  [[nodiscard]] const SerdNode* get() const { return &node_; }
  [[nodiscard]] std::string_view text() const {
    return node_.buf != nullptr ? view(&node_) : std::string_view();
  }

 private:
  std::string copy_;
  SerdNode node_ = SERD_NODE_NULL;
};

// Where a statement is: the line holding the last byte Serd consumed, and the column where
// that line's text starts (its indentation skipped).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  std::pair<std::uint32_t, std::uint32_t> at(std::size_t offset) {
    // Statements come in file order: walk on from the previous one's line.
    if (hint_ >= starts_.size() || starts_[hint_] > offset) hint_ = 0;
    while (hint_ + 1 < starts_.size() && starts_[hint_ + 1] <= offset) ++hint_;
    const std::size_t start = starts_[hint_];
    std::size_t col = start;
    while (col < text_.size() && (text_[col] == ' ' || text_[col] == '\t')) ++col;
    return {static_cast<std::uint32_t>(hint_ + 1), static_cast<std::uint32_t>(col - start + 1)};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
  std::size_t hint_ = 0;
};

constexpr std::string_view kXsdString = ns::xsdString;

// Everything one pass of Serd's reader shares with the callbacks below.
struct ReadPass {
  const ReadOptions* options = nullptr;
  StatementSink* sink = nullptr;
  Diagnostics* diags = nullptr;
  std::string_view text;
  std::size_t offset = 0;          // how much of `text` Serd has pulled
  std::optional<LineIndex> lines;  // set when positions are read
  EnvPtr env;
  // Prefixed names and relative IRIs already expanded to their absolute IRI ("" when they
  // cannot be): the same few names come back in almost every statement. Emptied when a
  // prefix or the base changes.
  struct Expanded {
    std::string iri;
    std::size_t chars = 0;
  };
  std::unordered_map<std::string, Expanded, text::StringViewHash, std::equal_to<>> expanded;
  bool failed = false;
  bool needsPositions = false;  // read without positions met an error that needs one
  std::exception_ptr thrown;    // what the sink threw, thrown again after Serd returns

  [[nodiscard]] SourcePos positionNow() {
    if (!lines) return SourcePos{options->name, 0, 0};
    // Serd reads one byte ahead; the last byte it consumed is two before our offset.
    const auto [line, col] = lines->at(offset >= 2 ? offset - 2 : 0);
    return SourcePos{options->name, line, col};
  }
};

size_t pullBytes(void* buf, size_t size, size_t nmemb, void* stream) noexcept {
  auto* pass = static_cast<ReadPass*>(stream);
  const std::size_t n = std::min(size * nmemb, pass->text.size() - pass->offset);
  std::memcpy(buf, pass->text.data() + pass->offset, n);
  pass->offset += n;
  return size == 0 ? 0 : n / size;
}

int noStreamError(void*) noexcept { return 0; }

// The absolute IRI of a prefixed name or IRI node, or "" when the prefix is undefined or
// the IRI is relative to nothing that makes it absolute.
const ReadPass::Expanded& expandIri(ReadPass& pass, const SerdNode* n) {
  // A CURIE and an IRI can be spelled alike ("ex:a" as a prefixed name and as <ex:a>).
  std::string key;
  key.reserve(n->n_bytes + 1);
  key += n->type == SERD_CURIE ? 'c' : 'u';
  key += view(n);
  if (auto it = pass.expanded.find(std::string_view(key)); it != pass.expanded.end()) {
    return it->second;
  }
  if (pass.expanded.size() > 100000) pass.expanded.clear();  // many distinct names: no gain
  const OwnedNode iri(serd_env_expand_node(pass.env.get(), n));
  ReadPass::Expanded value;
  if (iri.get()->buf != nullptr && serd_uri_string_has_scheme(iri.get()->buf)) {
    value.iri.assign(view(iri.get()));
    value.chars = iri.get()->n_chars;
  }
  return pass.expanded.emplace(std::move(key), std::move(value)).first->second;
}

// The text of an IRI node made absolute, and its length in characters; false when it
// cannot be made absolute.
bool absoluteIri(ReadPass& pass, const TerminatedNode& n, std::string_view& out,
                 std::size_t& chars) {
  if (n.get()->type == SERD_URI && serd_uri_string_has_scheme(n.get()->buf)) {
    out = n.text();
    chars = n.get()->n_chars;
    return true;
  }
  const ReadPass::Expanded& e = expandIri(pass, n.get());
  out = e.iri;
  chars = e.chars;
  return !out.empty();
}

// Fills `out` from Serd's node; false when an IRI in it cannot be made absolute.
bool readNode(ReadPass& pass, const TerminatedNode& n, const TerminatedNode* datatype,
              const TerminatedNode* lang, ReadNode& out) {
  switch (n.get()->type) {
    case SERD_URI:
    case SERD_CURIE:
      out.kind = NodeKind::Iri;
      return absoluteIri(pass, n, out.text, out.textChars);
    case SERD_BLANK:
      out.kind = NodeKind::Blank;
      out.text = n.text();
      out.textChars = n.get()->n_chars;
      return true;
    case SERD_LITERAL:
      out.kind = NodeKind::Literal;
      out.text = n.text();
      out.textChars = n.get()->n_chars;
      out.serdFlags = n.get()->flags;
      if (lang != nullptr) out.language = lang->text();
      if (out.language.empty() && datatype != nullptr && !datatype->text().empty()) {
        // Through the cache, whose text outlives this statement's copies.
        const ReadPass::Expanded& e = expandIri(pass, datatype->get());
        if (e.iri.empty()) return false;
        out.datatype = e.iri;
        out.datatypeChars = e.chars;
        if (out.datatype == kXsdString) out.datatype = {};  // RDF 1.1: the same term as "x"
      }
      return true;
    case SERD_NOTHING:
      break;
  }
  return false;
}

// Reports a statement that names an undefined prefix, or whose prefix or base does not make
// an absolute IRI. Without positions, asks for a second pass that has them.
SerdStatus unexpandable(ReadPass& pass) {
  pass.failed = true;
  if (!pass.lines) {
    pass.needsPositions = true;
    return SERD_ERR_BAD_SYNTAX;
  }
  pass.diags->add(Severity::Error, pass.positionNow(), "rdf-syntax",
                  "cannot expand a prefixed name or relative IRI in this statement to an "
                  "absolute IRI; declare the prefix with @prefix <absolute IRI> or use a "
                  "full IRI");
  return SERD_ERR_BAD_SYNTAX;
}

SerdStatus deliver(ReadPass& pass, const SerdNode* graph, const SerdNode* subject,
                   const SerdNode* predicate, const SerdNode* object, const SerdNode* datatype,
                   const SerdNode* lang) {
  const TerminatedNode s(subject), p(predicate), o(object), dt(datatype), l(lang), g(graph);
  ReadStatement st;
  if (!readNode(pass, s, nullptr, nullptr, st.subject) ||
      !readNode(pass, p, nullptr, nullptr, st.predicate) ||
      !readNode(pass, o, &dt, &l, st.object)) {
    return unexpandable(pass);
  }
  if (!g.text().empty()) {
    if (g.get()->type == SERD_BLANK) {
      st.graph = g.text();
    } else if (std::size_t chars = 0; !absoluteIri(pass, g, st.graph, chars)) {
      return unexpandable(pass);
    }
  }
  if (pass.lines) {
    const SourcePos pos = pass.positionNow();
    st.line = pos.line;
    st.column = pos.column;
  }
  pass.sink->statement(st);
  return SERD_SUCCESS;
}

// The functions Serd calls. Nothing may unwind through C: what the sink throws is kept and
// thrown again once Serd has returned.
template <typename F>
SerdStatus guarded(void* handle, F&& f) noexcept {
  auto* pass = static_cast<ReadPass*>(handle);
  if (pass->thrown) return SERD_ERR_INTERNAL;
  try {
    return f(*pass);
  } catch (...) {
    pass->thrown = std::current_exception();
    return SERD_ERR_INTERNAL;
  }
}

SerdStatus onBase(void* handle, const SerdNode* uri) noexcept {
  return guarded(handle, [&](ReadPass& pass) {
    pass.expanded.clear();
    return serd_env_set_base_uri(pass.env.get(), uri);
  });
}

SerdStatus onPrefix(void* handle, const SerdNode* name, const SerdNode* uri) noexcept {
  return guarded(handle, [&](ReadPass& pass) {
    pass.expanded.clear();
    pass.sink->prefix(view(name), view(uri));
    return serd_env_set_prefix(pass.env.get(), name, uri);
  });
}

SerdStatus onStatement(void* handle, SerdStatementFlags, const SerdNode* graph,
                       const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                       const SerdNode* datatype, const SerdNode* lang) noexcept {
  return guarded(handle, [&](ReadPass& pass) {
    return deliver(pass, graph, subject, predicate, object, datatype, lang);
  });
}

// Formats Serd's message through a copy of its va_list (it may be formatted only once).
std::string serdMessage(const SerdError* error) {
  char buf[1024];
  va_list args;
  va_copy(args, *error->args);
  const int n = std::vsnprintf(buf, sizeof buf, error->fmt, args);
  va_end(args);
  std::string message = n > 0 ? std::string(buf, std::min<std::size_t>(n, sizeof buf - 1)) : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

SerdStatus onError(void* handle, const SerdError* error) noexcept {
  return guarded(handle, [&](ReadPass& pass) {
    pass.failed = true;
    SourcePos pos{error->filename != nullptr ? reinterpret_cast<const char*>(error->filename)
                                             : pass.options->name,
                  error->line, error->col + 1};
    pass.diags->add(
        Severity::Error, std::move(pos), "rdf-syntax",
        "RDF syntax error: " + serdMessage(error) + "; fix the statement and run again");
    return SERD_SUCCESS;
  });
}

// One pass of Serd's reader over `text`; `positions` feeds Serd one byte at a time so that
// the offset tells where each statement ends (Serd's own error positions do not need it).
bool readPass(std::string_view text, const ReadOptions& options, bool positions,
              StatementSink& sink, Diagnostics& diags, bool& needsPositions) {
  ReadPass pass;
  pass.options = &options;
  pass.sink = &sink;
  pass.diags = &diags;
  pass.text = text;
  if (positions) pass.lines.emplace(text);
  const SerdNode base = serd_node_from_string(SERD_URI, u8(options.baseIri.c_str()));
  pass.env.reset(serd_env_new(options.baseIri.empty() ? nullptr : &base));
  const SerdSyntax syntax = serdSyntax(options.syntax);
  ReaderPtr reader(serd_reader_new(syntax, &pass, nullptr, onBase, onPrefix, onStatement, nullptr));
  serd_reader_set_error_sink(reader.get(), onError, &pass);
  if (!options.blankPrefix.empty()) {
    serd_reader_add_blank_prefix(reader.get(), u8(options.blankPrefix.c_str()));
  }
  const SerdStatus st = serd_reader_read_source(reader.get(), pullBytes, noStreamError, &pass,
                                                u8(options.name.c_str()), positions ? 1 : 4096);
  if (pass.thrown) std::rethrow_exception(pass.thrown);  // our failure, not the input's
  needsPositions = pass.needsPositions;
  if (needsPositions) return false;
  if (st != SERD_SUCCESS && st != SERD_FAILURE && !pass.failed) {
    pass.failed = true;
    diags.add(Severity::Error, SourcePos{options.name, 0, 0}, "rdf-syntax",
              "could not read the RDF in this file (Serd status " +
                  std::to_string(static_cast<int>(st)) + "); check that it is " +
                  syntaxName(options.syntax));
  }
  return !pass.failed;
}

// ---- Writing -------------------------------------------------------------------------

// Serd hands over each token on its own (a bracket, a name, a space): they are gathered
// here and written to the stream a large piece at a time, instead of the stream's checks
// and locale lookups running for every few bytes.
class BufferedSink {
 public:
  explicit BufferedSink(std::ostream& out) : out_(out) { buffer_.reserve(kSize); }
  static size_t write(const void* buf, size_t len, void* self) noexcept {
    auto* sink = static_cast<BufferedSink*>(self);
    try {
      sink->buffer_.append(static_cast<const char*>(buf), len);
      if (sink->buffer_.size() >= kSize && !sink->flush()) return 0;
    } catch (...) {
      return 0;
    }
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

SerdType serdType(WriteNode::Kind k) {
  switch (k) {
    case WriteNode::Kind::Iri:
      return SERD_URI;
    case WriteNode::Kind::Curie:
      return SERD_CURIE;
    case WriteNode::Kind::Blank:
      return SERD_BLANK;
    case WriteNode::Kind::Literal:
      return SERD_LITERAL;
  }
  return SERD_URI;
}

SerdNode makeNode(std::string_view text, SerdType type) {
  SerdNode n = serd_node_from_substring(type, u8(text.data()), text.size());
  // Serd 0.30 writes literals with quotes or newlines as """long strings""" that its own
  // reader misreads after a lone quote; without flags it writes short strings with escapes.
  if (type == SERD_LITERAL) n.flags = 0;
  return n;
}

}  // namespace

Syntax syntaxFromPath(std::string_view path) {
  if (path.ends_with(".nt")) return Syntax::NTriples;
  if (path.ends_with(".nq")) return Syntax::NQuads;
  if (path.ends_with(".trig")) return Syntax::TriG;
  return Syntax::Turtle;
}

const char* syntaxName(Syntax syntax) {
  switch (syntax) {
    case Syntax::Turtle:
      return "Turtle";
    case Syntax::NTriples:
      return "N-Triples";
    case Syntax::NQuads:
      return "N-Quads";
    case Syntax::TriG:
      return "TriG";
  }
  return "Turtle";
}

std::string fileIri(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec).lexically_normal();
  const std::string p = ec ? path : abs.string();
  const OwnedNode node(serd_node_new_file_uri(u8(p.c_str()), nullptr, nullptr, true));
  return std::string(view(node.get()));
}

std::string pathFromFileIri(const std::string& iri) {
  if (iri.rfind("file:", 0) != 0) return iri;
  uint8_t* path = serd_file_uri_parse(u8(iri.c_str()), nullptr);
  if (path == nullptr) return iri;
  std::string out(reinterpret_cast<const char*>(path));
  serd_free(path);
  return out;
}

bool readRdfText(std::string_view text, const ReadOptions& options, StatementSink& sink,
                 Diagnostics& diags) {
  if (options.positions) {
    bool unused = false;
    return readPass(text, options, true, sink, diags, unused);
  }
  Diagnostics first;
  bool needsPositions = false;
  const bool ok = readPass(text, options, false, sink, first, needsPositions);
  // A problem to report with its position: read again with positions. Its diagnostics
  // replace the first pass's, which would be the same without positions.
  if (needsPositions) return readPass(text, options, true, sink, diags, needsPositions);
  diags.append(first);
  return ok;
}

struct RdfWriter::Impl {
  Impl(Syntax s, std::ostream& o)
      : syntax(s),
        abbreviated(s == Syntax::Turtle || s == Syntax::TriG),
        out(o),
        sink(o),
        env(serd_env_new(nullptr)),
        writer(serd_writer_new(
            serdSyntax(s),
            static_cast<SerdStyle>(abbreviated ? (SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED)
                                               : SERD_STYLE_ASCII),
            env.get(), nullptr, BufferedSink::write, &sink)) {}

  // The Serd node for `n`: made once per cache key (a predicate, a datatype, a language, a
  // graph: a few dozen texts), once per run of one subject, else each time.
  SerdNode node(const WriteNode& n) {
    const SerdType type = serdType(n.kind);
    if (n.cacheKey == nullptr) return makeNode(n.text, type);
    auto& cache = caches[static_cast<std::size_t>(n.kind)];
    auto [it, inserted] = cache.try_emplace(n.cacheKey);
    if (inserted) it->second = makeNode(n.text, type);
    return it->second;
  }
  SerdNode subjectNode(const WriteNode& n) {
    if (n.cacheKey == nullptr || n.cacheKey != lastSubjectKey || n.kind != lastSubjectKind) {
      lastSubject = makeNode(n.text, serdType(n.kind));
      lastSubjectKey = n.cacheKey;
      lastSubjectKind = n.kind;
    }
    return lastSubject;
  }

  Syntax syntax;
  bool abbreviated;
  std::ostream& out;
  BufferedSink sink;
  EnvPtr env;
  WriterPtr writer;
  std::array<std::unordered_map<const void*, SerdNode>, 4> caches;
  SerdNode lastSubject = SERD_NODE_NULL;
  const void* lastSubjectKey = nullptr;
  WriteNode::Kind lastSubjectKind = WriteNode::Kind::Iri;
};

RdfWriter::RdfWriter(Syntax syntax, std::ostream& out)
    : impl_(std::make_unique<Impl>(syntax, out)) {}
RdfWriter::RdfWriter(RdfWriter&&) noexcept = default;
RdfWriter& RdfWriter::operator=(RdfWriter&&) noexcept = default;
RdfWriter::~RdfWriter() = default;

void RdfWriter::prefix(std::string_view name, std::string_view iri) {
  if (!impl_->abbreviated) return;
  const SerdNode n = makeNode(name, SERD_LITERAL);
  const SerdNode u = makeNode(iri, SERD_URI);
  serd_env_set_prefix(impl_->env.get(), &n, &u);
  serd_writer_set_prefix(impl_->writer.get(), &n, &u);
}

std::string RdfWriter::statement(const WriteNode* graph, const WriteNode& subject,
                                 const WriteNode& predicate, const WriteNode& object,
                                 const WriteNode* datatype, const WriteNode* language) {
  const SerdNode s = impl_->subjectNode(subject);
  const SerdNode p = impl_->node(predicate);
  const SerdNode o = impl_->node(object);
  const SerdNode g = graph != nullptr ? impl_->node(*graph) : SERD_NODE_NULL;
  const SerdNode dt = datatype != nullptr ? impl_->node(*datatype) : SERD_NODE_NULL;
  const SerdNode lang = language != nullptr ? impl_->node(*language) : SERD_NODE_NULL;
  const SerdStatus st = serd_writer_write_statement(
      impl_->writer.get(), 0, g.buf != nullptr ? &g : nullptr, &s, &p, &o,
      dt.buf != nullptr ? &dt : nullptr, lang.buf != nullptr ? &lang : nullptr);
  if (st == SERD_SUCCESS) return {};
  return std::string("cannot write a statement: ") +
         reinterpret_cast<const char*>(serd_strerror(st));
}

std::string RdfWriter::finish() {
  const SerdStatus st = serd_writer_finish(impl_->writer.get());
  impl_->sink.flush();
  impl_->out.flush();
  if (!impl_->out) return "cannot write the output (disk full?)";
  if (st != SERD_SUCCESS) {
    return std::string("cannot end the document: ") +
           reinterpret_cast<const char*>(serd_strerror(st));
  }
  return {};
}

}  // namespace guidegraph::rdf::serd_io
