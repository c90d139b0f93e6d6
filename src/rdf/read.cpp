#include <serd/serd.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>

#include "guidegraph/rdf_read.hpp"

namespace guidegraph::rdf {
namespace {

struct ReaderDeleter {
  void operator()(SerdReader* r) const { serd_reader_free(r); }
};
struct EnvDeleter {
  void operator()(SerdEnv* e) const { serd_env_free(e); }
};

std::string str(const SerdNode* n) {
  return n && n->buf ? std::string(reinterpret_cast<const char*>(n->buf), n->n_bytes)
                     : std::string();
}

// State shared with Serd's callbacks, which must not throw: problems are stored here.
struct ReadState {
  SerdEnv* env = nullptr;
  SerdReader* reader = nullptr;
  Dataset* out = nullptr;
  Diagnostics* diags = nullptr;
  std::string file;
  std::string defaultGraph;
  std::string blankPrefix;
  bool failed = false;
};

Term toTerm(ReadState& st, const SerdNode* node, const SerdNode* datatype, const SerdNode* lang) {
  switch (node->type) {
    case SERD_URI:
    case SERD_CURIE: {
      SerdNode expanded = serd_env_expand_node(st.env, node);
      std::string value = expanded.buf ? str(&expanded) : str(node);
      serd_node_free(&expanded);
      return Term::iri(std::move(value));
    }
    case SERD_BLANK:
      return Term::blank(st.blankPrefix + str(node));
    case SERD_LITERAL: {
      Term t = Term::literal(str(node));
      if (lang && lang->buf) {
        t.language = str(lang);
      } else if (datatype && datatype->buf) {
        t.datatype = toTerm(st, datatype, nullptr, nullptr).value;
        if (t.datatype == "http://www.w3.org/2001/XMLSchema#string") t.datatype = Atom();
      }
      return t;
    }
    case SERD_NOTHING:
      break;
  }
  return Term::literal({});
}

SerdStatus onBase(void* handle, const SerdNode* uri) {
  auto* st = static_cast<ReadState*>(handle);
  return serd_env_set_base_uri(st->env, uri);
}

SerdStatus onPrefix(void* handle, const SerdNode* name, const SerdNode* uri) {
  auto* st = static_cast<ReadState*>(handle);
  return serd_env_set_prefix(st->env, name, uri);
}

SerdStatus onStatement(void* handle, SerdStatementFlags, const SerdNode* graph, const SerdNode* s,
                       const SerdNode* p, const SerdNode* o, const SerdNode* datatype,
                       const SerdNode* lang) {
  auto* st = static_cast<ReadState*>(handle);
  Triple t;
  t.subject = toTerm(*st, s, nullptr, nullptr);
  t.predicate = toTerm(*st, p, nullptr, nullptr);
  t.object = toTerm(*st, o, datatype, lang);
  t.graph =
      graph && graph->buf ? toTerm(*st, graph, nullptr, nullptr).value : Atom(st->defaultGraph);
  t.origin = SourcePos{st->file, 0, 0};
  st->out->triples.push_back(std::move(t));
  return SERD_SUCCESS;
}

SerdStatus onError(void* handle, const SerdError* error) {
  auto* st = static_cast<ReadState*>(handle);
  char buffer[512];
  va_list args;
  va_copy(args, *error->args);
  std::vsnprintf(buffer, sizeof buffer, error->fmt, args);
  va_end(args);
  std::string message(buffer);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  st->diags->add(Severity::Error,
                 SourcePos{st->file, static_cast<std::uint32_t>(error->line),
                           static_cast<std::uint32_t>(error->col) + 1},
                 "rdf-syntax", "RDF syntax error: " + message);
  st->failed = true;
  return SERD_SUCCESS;
}

SerdSyntax syntaxFor(const std::string& name) {
  const auto ends = [&](const char* ext) {
    return name.size() >= std::strlen(ext) && name.ends_with(ext);
  };
  if (ends(".nt")) return SERD_NTRIPLES;
  if (ends(".nq")) return SERD_NQUADS;
  if (ends(".trig")) return SERD_TRIG;
  return SERD_TURTLE;
}

}  // namespace

bool readRdf(std::string_view text, const std::string& displayName, const std::string& baseIri,
             Dataset& into, Diagnostics& diags, const std::string& defaultGraph) {
  ReadState st;
  st.out = &into;
  st.diags = &diags;
  st.file = displayName;
  st.defaultGraph = defaultGraph;
  const SerdNode base =
      serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(baseIri.c_str()));
  std::unique_ptr<SerdEnv, EnvDeleter> env(serd_env_new(baseIri.empty() ? nullptr : &base));
  st.env = env.get();
  std::unique_ptr<SerdReader, ReaderDeleter> reader(serd_reader_new(
      syntaxFor(displayName), &st, nullptr, onBase, onPrefix, onStatement, nullptr));
  st.reader = reader.get();
  serd_reader_set_error_sink(reader.get(), onError, &st);
  // Blank node labels are made unique per document, so two files never share a node.
  serd_reader_add_blank_prefix(reader.get(), reinterpret_cast<const uint8_t*>("r"));
  const std::string buffer(text);
  const SerdStatus status =
      serd_reader_read_string(reader.get(), reinterpret_cast<const uint8_t*>(buffer.c_str()));
  return status == SERD_SUCCESS && !st.failed;
}

}  // namespace guidegraph::rdf
