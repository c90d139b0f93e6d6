// Loading the RDF view into a SPARQL endpoint: the SPARQL 1.1 Graph Store HTTP Protocol,
// with SPARQL 1.1 Update as the fallback, over libcurl (kept private to src/load/).
//
// A replacement never leaves a target graph half-loaded or duplicated: every graph is
// first uploaded into a temporary graph, its triple count is checked, and only then are the
// targets swapped. With an update endpoint the upload sends many graphs per request
// (`INSERT DATA { GRAPH <tmp1> {...} GRAPH <tmp2> {...} }`), the counts of many temporary
// graphs come from one grouped query, and each swap request replaces hundreds of targets
// at once (delete the targets' triples, copy in the temporary graphs, empty them) in one
// request, which the store carries out whole or not at all. Without an update endpoint,
// each graph is PUT through the Graph Store Protocol. When anything fails before the swap,
// the temporary graphs are dropped and the targets keep their old content.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "guidegraph/rdf.hpp"

namespace guidegraph::load {

enum class AuthMethod { Any, Basic, Digest };
enum class Mode { Replace, Merge };
enum class SendFormat { NTriples, Turtle };
// How page graphs reach their temporary graphs: SPARQL Update INSERT DATA with many graphs
// per request, or one Graph Store PUT per graph. Auto: Update when an update endpoint is
// known (fewer, larger requests), else the Graph Store.
enum class UploadMethod { Auto, Update, GraphStore };

// A user name and its password. The password is never printed and never part of a message.
struct Credentials {
  std::string user;
  std::string password;
};

struct Endpoints {
  std::string graphStore;  // Graph Store HTTP Protocol service (`?graph=` is appended)
  std::string update;      // SPARQL 1.1 Update endpoint
  std::string query;       // SPARQL 1.1 Query endpoint for triple counts (default: update)
};

struct ConnectionOptions {
  AuthMethod auth = AuthMethod::Any;
  std::optional<Credentials> credentials;
  double timeoutSeconds = 30;   // bounds every request including its retries
  unsigned retries = 3;         // extra attempts after connection errors and HTTP 5xx
  double backoffSeconds = 0.5;  // first pause between attempts; doubles each time
};

// Two connections keep a store busier than one (BENCHMARKS.md, "Loading").
inline constexpr unsigned kDefaultJobs = 2;

// The triples of one target graph (their `graph` member is ignored).
struct GraphContent {
  std::string graph;
  std::vector<rdf::Triple> triples;  // distinct (s, p, o)
};

struct LoadRequest {
  Endpoints endpoints;
  ConnectionOptions connection;
  Mode mode = Mode::Replace;
  SendFormat format = SendFormat::NTriples;
  UploadMethod upload = UploadMethod::Auto;
  // Triples per INSERT DATA request; 0: 2,000 for Virtuoso (recognised by its Server
  // header), 1,000 for other stores.
  std::size_t batchTriples = 0;
  unsigned jobs = kDefaultJobs;      // parallel connections for uploads and counts (at least 1)
  std::vector<GraphContent> graphs;  // graphs to load
  std::vector<std::string> drop;     // graphs to drop (pages that disappeared)
};

struct LoadReport {
  bool ok = false;
  std::size_t triplesSent = 0;
  std::size_t requests = 0;
  std::vector<std::string> loadedGraphs;  // targets now holding the new content
  std::vector<std::string> droppedGraphs;
  std::string error;  // what went wrong and what became of the target graphs
};

// Progress lines ("uploading 12 graphs ..."), for --verbose; may be empty.
using LogFn = std::function<void(const std::string&)>;

// Called as each phase of a load ends ("upload", "count", "swap", "check"), for --timings;
// may be empty.
using PhaseFn = std::function<void(const char*)>;

// Runs the load. Needs endpoints.graphStore or endpoints.update. Never throws for network
// or server problems: they come back in LoadReport::error.
[[nodiscard]] LoadReport runLoad(const LoadRequest& request, const LogFn& log = {},
                                 const PhaseFn& phaseDone = {});

// Where each named graph's triples are in a list of triples (every triple in `singleGraph`
// when it is set): graph i's are triples[positions[offsets[i]] .. positions[offsets[i+1]-1]],
// in the list's order; graphs in IRI order.
struct GraphPositions {
  std::vector<std::string> graphs;
  std::vector<std::size_t> offsets;  // graphs.size() + 1 entries
  std::vector<std::uint32_t> positions;
};
[[nodiscard]] GraphPositions positionsByGraph(const std::vector<rdf::Triple>& triples,
                                              const std::string& singleGraph);
// Graph `graph`'s triples, distinct and sorted.
[[nodiscard]] GraphContent contentOf(const std::vector<rdf::Triple>& triples,
                                     const GraphPositions& positions, std::size_t graph);
// Groups triples by their named graph (or all into `singleGraph` when it is set), distinct
// and sorted, graphs in IRI order.
[[nodiscard]] std::vector<GraphContent> groupByGraph(const std::vector<rdf::Triple>& triples,
                                                     const std::string& singleGraph);

// The graph's triples as N-Triples lines, sorted; the input of graphHash.
[[nodiscard]] std::string ntriplesOf(const std::vector<rdf::Triple>& triples);

// SHA-256 (lower-case hex) of the graph's sorted N-Triples.
[[nodiscard]] std::string graphHash(const GraphContent& graph);
[[nodiscard]] std::string sha256Hex(const std::string& bytes);

// The password for `user` (or for the first login of the endpoint's host when `user` is
// empty): GUIDEGRAPH_PASSWORD if set, else the `machine` (or `default`) entry of the netrc
// file. Returns nullopt when no password is found; `user` is filled from netrc if empty.
[[nodiscard]] std::optional<Credentials> findCredentials(const std::string& endpointUrl,
                                                         const std::string& user,
                                                         const char* passwordEnv,
                                                         const std::string& netrcPath);

// What the last loads sent, per endpoint and graph: a JSON file of per-graph hashes.
struct LoadState {
  std::map<std::string, std::map<std::string, std::string>> endpoints;  // endpoint -> graph -> hash
};
// Reads `path`; a missing file is an empty state. Returns an error message, or "".
[[nodiscard]] std::string readLoadState(const std::string& path, LoadState& state);
// Writes atomically. Returns an error message, or "".
[[nodiscard]] std::string writeLoadState(const std::string& path, const LoadState& state);

// A URL with any user:password@ part removed, for messages.
[[nodiscard]] std::string redactUrl(const std::string& url);

}  // namespace guidegraph::load
