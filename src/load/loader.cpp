#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "guidegraph/load.hpp"
#include "guidegraph/rdf_read.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/serialize.hpp"
#include "http.hpp"

namespace guidegraph::load {
namespace {

// Drops of vanished pages per request (idempotent, so a request may be sent again).
constexpr std::size_t kDropBatch = 200;
// Triples per INSERT DATA request when --batch-size is not given: Virtuoso, told to take
// the triples as data, is fastest with requests of a few thousand (BENCHMARKS.md).
constexpr std::size_t kDefaultBatchTriples = 1000;
constexpr std::size_t kVirtuosoBatchTriples = 2000;
// Graphs per grouped count query: Virtuoso's VALUES join slows down faster than its list
// grows (BENCHMARKS.md, "Loading").
constexpr std::size_t kCountBatch = 100;
// A swap request replaces at most this many graphs, or graphs holding at most this many
// triples together: Virtuoso keeps a request's changes in memory until it commits, and
// both smaller and larger requests measured slower (BENCHMARKS.md, "Loading").
constexpr std::size_t kSwapGraphs = 500;
constexpr std::size_t kSwapTriples = 50000;
// Marks the swap requests, the one kind of request that is never sent twice (see swap()).
constexpr const char* kSwapMark = "# guidegraph load: swap\n";

const char* contentTypeOf(SendFormat f) {
  return f == SendFormat::Turtle ? "text/turtle" : "application/n-triples";
}

bool hasBlankNodes(const std::vector<rdf::Triple>& triples) {
  for (const auto& t : triples) {
    if (t.subject.isBlank() || t.object.isBlank()) return true;
  }
  return false;
}

std::string joinGraphs(const std::vector<std::string>& graphs, std::size_t max = 5) {
  std::string out;
  for (std::size_t i = 0; i < graphs.size() && i < max; ++i)
    out += (i ? ", <" : "<") + graphs[i] + ">";
  if (graphs.size() > max) out += " and " + std::to_string(graphs.size() - max) + " more";
  return out;
}

// What became of one request: empty `error` when it succeeded.
struct Sent {
  std::string error;
  bool unreachable = false;  // no connection, or no answer before the deadline
  bool notWritten = false;   // the store certainly did not apply it
  [[nodiscard]] bool ok() const { return error.empty(); }
};

Sent sendWith(HttpClient& http, const HttpRequest& request) {
  const HttpResponse r = http.send(request);
  Sent sent;
  if (!r.ok()) {
    sent.error = describeFailure(request, r);
    sent.unreachable = r.unreachable;
    sent.notWritten = r.notSent || (r.status >= 400 && r.status < 500) || r.status == 501;
  }
  return sent;
}

// One upload request's worth of graphs: whole graphs [first, last), or one graph too large
// for a request (last == first + 1) sent in parts.
struct Unit {
  std::size_t first = 0;
  std::size_t last = 0;
};

ConnectionOptions withoutCredentials(ConnectionOptions options) {
  options.credentials.reset();
  return options;
}

class Loader {
 public:
  Loader(const LoadRequest& request, const LogFn& log, const PhaseFn& phaseDone)
      : rq_(request),
        log_(log),
        phaseDone_(phaseDone),
        http_(request.connection),
        anonymous_(withoutCredentials(request.connection)) {
    queryUrl_ = rq_.endpoints.query.empty() ? rq_.endpoints.update : rq_.endpoints.query;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    runId_ = std::to_string(::getpid()) + "-" +
             std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
    useUpdate_ = !rq_.endpoints.update.empty() &&
                 (rq_.endpoints.graphStore.empty() || rq_.upload != UploadMethod::GraphStore);
  }

  LoadReport run() {
    if (rq_.endpoints.graphStore.empty() && rq_.endpoints.update.empty()) {
      report_.error =
          "no endpoint: give --endpoint (Graph Store) or --update-endpoint (SPARQL Update)";
      return report_;
    }
    if (useUpdate_ && !probeStore()) {
      report_.requests = http_.requestCount() + anonymous_.requestCount();
      return report_;
    }
    if (rq_.mode == Mode::Merge) {
      merge();
    } else {
      replace();
    }
    report_.requests = http_.requestCount() + anonymous_.requestCount() + workerRequests_;
    return report_;
  }

 private:
  void phaseDone(const char* phase) const {
    if (phaseDone_) phaseDone_(phase);
  }

  void say(const std::string& line) {
    if (!log_) return;
    const std::lock_guard<std::mutex> lock(logMutex_);
    log_(line);
  }

  std::string bodyOf(const std::vector<rdf::Triple>& triples) const {
    if (rq_.format == SendFormat::NTriples) return ntriplesOf(triples);
    rdf::Dataset d;
    d.prefixes = rdf::standardPrefixes();
    d.triples = triples;
    d.normalize();
    std::ostringstream out;
    const std::string error = serialize::writeRdf(d, serialize::RdfFormat::Turtle, out);
    if (!error.empty()) throw std::logic_error("cannot write Turtle: " + error);
    return out.str();
  }

  // Sends a query. A query endpoint of its own (--query-endpoint) is asked without
  // credentials first: with Digest, libcurl sends a POST without its body until the server
  // asks for credentials, and a public endpoint answers that empty request with an error.
  HttpResponse query(const HttpRequest& request) { return query(http_, anonymous_, request); }
  HttpResponse query(HttpClient& http, HttpClient& anonymous, const HttpRequest& request) {
    if (rq_.endpoints.query.empty() || !rq_.connection.credentials) return http.send(request);
    HttpResponse r = anonymous.send(request);
    if (r.status == 401) r = http.send(request);
    return r;
  }

  // Runs task(http, anonymous, k) for k = 0 .. n-1, in that order, over up to `jobs`
  // connections (each with its own clients). Once a task returns false no further task
  // starts; those under way finish.
  void runParallel(std::size_t n, unsigned jobsWanted,
                   const std::function<bool(HttpClient&, HttpClient&, std::size_t)>& task) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    const auto work = [&](HttpClient& http, HttpClient& anonymous) {
      while (!stop.load()) {
        const std::size_t k = next.fetch_add(1);
        if (k >= n) break;
        if (!task(http, anonymous, k)) stop = true;
      }
    };
    const std::size_t jobs = std::min<std::size_t>(std::max(1U, jobsWanted), n);
    if (jobs <= 1) {
      work(http_, anonymous_);
      return;
    }
    std::atomic<std::size_t> requests{0};
    {
      std::vector<std::jthread> threads;
      for (std::size_t j = 0; j < jobs; ++j) {
        threads.emplace_back([&] {
          HttpClient http(rq_.connection);
          HttpClient anonymous(withoutCredentials(rq_.connection));
          work(http, anonymous);
          requests += http.requestCount() + anonymous.requestCount();
        });
      }
    }
    workerRequests_ += requests.load();
  }

  // Asks the update endpoint which store it is (its Server header). Virtuoso compiles an
  // INSERT DATA into SQL code unless told to pass the triples as data, and then refuses
  // requests of more than about 2,000 triples; told so, it takes larger requests faster.
  // Returns false, with the error set, when the store cannot be reached at all.
  bool probeStore() {
    const std::string body = "query=" + formEncode("ASK {}");
    HttpRequest request{"POST",
                        queryUrl_.empty() ? rq_.endpoints.update : queryUrl_,
                        {"Content-Type: application/x-www-form-urlencoded",
                         "Accept: application/sparql-results+json"},
                        &body,
                        true};
    const HttpResponse r = query(request);
    if (r.notSent) {
      report_.error = "the store cannot be reached: " + describeFailure(request, r) +
                      ". Nothing was changed: every target graph keeps its previous content.";
      return false;
    }
    virtuoso_ = r.server.find("Virtuoso") != std::string::npos;
    if (virtuoso_) say("the store is " + r.server + ": INSERT DATA sends its triples as data");
    return true;
  }

  HttpRequest updateRequest(const std::string& text, bool retryAfterSend) const {
    return HttpRequest{"POST",
                       rq_.endpoints.update,
                       {"Content-Type: application/sparql-update; charset=utf-8", "Accept: */*"},
                       &text,
                       retryAfterSend};
  }

  std::size_t batchTriples() const {
    if (rq_.batchTriples != 0) return rq_.batchTriples;
    return virtuoso_ ? kVirtuosoBatchTriples : kDefaultBatchTriples;
  }

  // Virtuoso's own SPARQL extensions, sent only to Virtuoso: pass the triples as data (not
  // as generated SQL code), and for temporary graphs, which are checked by their counts
  // and never read before that, write without the transaction log.
  std::string insertPrefix(bool intoTemporaryGraphs) const {
    if (!virtuoso_) return {};
    return intoTemporaryGraphs ? "define sql:big-data-const 1 define sql:log-enable 2\n"
                               : "define sql:big-data-const 1\n";
  }

  // Cuts the graphs into upload requests: for INSERT DATA, whole graphs packed up to
  // batchTriples triples per request (a larger graph is a unit of its own, sent in parts
  // unless it has blank nodes, whose labels hold only within one request); for the Graph
  // Store, one graph per request.
  std::vector<Unit> unitsOf(const std::vector<GraphContent>& graphs) const {
    std::vector<Unit> units;
    const std::size_t batch = batchTriples();
    std::size_t i = 0;
    while (i < graphs.size()) {
      Unit u{i, i + 1};
      std::size_t triples = graphs[i].triples.size();
      if (useUpdate_) {
        while (u.last < graphs.size() && triples + graphs[u.last].triples.size() <= batch) {
          triples += graphs[u.last].triples.size();
          ++u.last;
        }
      }
      units.push_back(u);
      i = u.last;
    }
    return units;
  }

  // Sends unit `u` of `graphs` into the graphs named `into` (parallel to `graphs`): PUT or
  // POST (Graph Store), or INSERT DATA. Into fresh temporary graphs nothing needs removing
  // first, and sending an INSERT DATA twice changes nothing, so every request may be retried.
  Sent uploadUnit(HttpClient& http, const std::vector<GraphContent>& graphs,
                  const std::vector<std::string>& into, const Unit& u, bool replaceContent,
                  std::size_t& triplesSent) const {
    if (!useUpdate_) {
      const GraphContent& g = graphs[u.first];
      const std::string body = bodyOf(g.triples);
      HttpRequest request{
          replaceContent ? "PUT" : "POST",
          withGraphParameter(rq_.endpoints.graphStore, into[u.first]),
          {std::string("Content-Type: ") + contentTypeOf(rq_.format) + "; charset=utf-8"},
          &body,
          true};
      Sent sent = sendWith(http, request);
      if (sent.ok()) triplesSent += g.triples.size();
      return sent;
    }
    // N-Triples lines are valid SPARQL triples (same IRIs, escapes and literals).
    if (u.last == u.first + 1) {
      const GraphContent& g = graphs[u.first];
      const std::size_t batch = hasBlankNodes(g.triples) ? g.triples.size() : batchTriples();
      for (std::size_t start = 0; start < g.triples.size(); start += batch) {
        const std::size_t end = std::min(g.triples.size(), start + batch);
        const std::vector<rdf::Triple> part(g.triples.begin() + static_cast<std::ptrdiff_t>(start),
                                            g.triples.begin() + static_cast<std::ptrdiff_t>(end));
        const std::string text = insertPrefix(replaceContent) + "INSERT DATA { GRAPH <" +
                                 into[u.first] + "> {\n" + ntriplesOf(part) + "} }";
        Sent sent = sendWith(http, updateRequest(text, true));
        if (!sent.ok()) {
          // An earlier part of this graph may already be in.
          if (start > 0) sent.notWritten = false;
          return sent;
        }
        triplesSent += part.size();
      }
      return {};
    }
    std::string text = insertPrefix(replaceContent) + "INSERT DATA {\n";
    std::size_t triples = 0;
    for (std::size_t i = u.first; i < u.last; ++i) {
      text += "GRAPH <" + into[i] + "> {\n" + ntriplesOf(graphs[i].triples) + "}\n";
      triples += graphs[i].triples.size();
    }
    text += "}";
    Sent sent = sendWith(http, updateRequest(text, true));
    if (sent.ok()) triplesSent += triples;
    return sent;
  }

  // Uploads every unit with up to rq_.jobs connections. Stops at the first failure (the
  // requests under way finish); `attempted[k]` says whether unit k may have written
  // anything. Returns the first failure, naming its graphs.
  Sent uploadAll(const std::vector<GraphContent>& graphs, const std::vector<std::string>& into,
                 const std::vector<Unit>& units, bool replaceContent,
                 std::vector<unsigned char>& attempted, std::string& what) {
    attempted.assign(units.size(), 0);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex failureMutex;
    Sent failure;
    std::size_t failedUnit = 0;
    std::atomic<std::size_t> sentTotal{0};
    std::atomic<std::size_t> requests{0};
    std::atomic<std::size_t> done{0};
    const auto work = [&](HttpClient& http) {
      std::size_t sentHere = 0;
      for (;;) {
        const std::size_t k = next.fetch_add(1);
        if (k >= units.size() || stop.load()) break;
        attempted[k] = 1;
        Sent sent;
        try {
          sent = uploadUnit(http, graphs, into, units[k], replaceContent, sentHere);
        } catch (const std::exception& e) {
          sent.error = e.what();
          sent.notWritten = true;
        }
        if (!sent.ok()) {
          const std::lock_guard<std::mutex> lock(failureMutex);
          if (failure.ok()) {
            failure = sent;
            failedUnit = k;
          }
          if (sent.notWritten) attempted[k] = 0;
          stop = true;
          break;
        }
        const std::size_t n = done.fetch_add(1) + 1;
        if (n % 100 == 0 || n == units.size())
          say("uploaded " + std::to_string(n) + " of " + std::to_string(units.size()) +
              " requests");
      }
      sentTotal += sentHere;
    };
    const unsigned jobs =
        static_cast<unsigned>(std::min<std::size_t>(std::max(1U, rq_.jobs), units.size()));
    if (jobs <= 1) {
      work(http_);
    } else {
      std::vector<std::thread> threads;
      for (unsigned j = 0; j < jobs; ++j) {
        threads.emplace_back([&] {
          HttpClient http(rq_.connection);
          work(http);
          requests += http.requestCount();
        });
      }
      for (auto& t : threads) t.join();
    }
    workerRequests_ += requests.load();
    report_.triplesSent += sentTotal.load();
    if (!failure.ok()) {
      const Unit& u = units[failedUnit];
      std::vector<std::string> names;
      for (std::size_t i = u.first; i < u.last; ++i) names.push_back(graphs[i].graph);
      what = u.last == u.first + 1
                 ? "<" + graphs[u.first].graph + ">"
                 : std::to_string(names.size()) + " graphs (" + joinGraphs(names, 3) + ")";
    }
    return failure;
  }

  // Triple counts of `graphs` (absent graphs count 0), from grouped queries of kCountBatch
  // graphs each; or an error message.
  std::string count(const std::vector<std::string>& graphs,
                    std::map<std::string, std::size_t>& counts) {
    for (const auto& g : graphs) counts[g] = 0;
    if (queryUrl_.empty()) return countByDownload(graphs, counts);
    std::mutex m;
    std::string error;
    const std::size_t batches = (graphs.size() + kCountBatch - 1) / kCountBatch;
    runParallel(batches, rq_.jobs, [&](HttpClient& http, HttpClient& anonymous, std::size_t k) {
      std::string values;
      const std::size_t start = k * kCountBatch;
      for (std::size_t i = start; i < graphs.size() && i < start + kCountBatch; ++i)
        values += " <" + graphs[i] + ">";
      const std::string text = "SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g {" + values +
                               " } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
      const std::string body = "query=" + formEncode(text);
      HttpRequest request{"POST",
                          queryUrl_,
                          {"Content-Type: application/x-www-form-urlencoded",
                           "Accept: application/sparql-results+json"},
                          &body,
                          true};
      // Virtuoso answers a query its time limit cut short with 200, the rows it had, and
      // X-SQL-State: S1TAT; a count is asked again (it changes nothing), with the pauses of
      // --retries.
      HttpResponse r = query(http, anonymous, request);
      double pause = rq_.connection.backoffSeconds;
      for (unsigned again = 0; r.ok() && !r.sqlState.empty() && again < rq_.connection.retries;
           ++again) {
        std::this_thread::sleep_for(std::chrono::duration<double>(pause));
        pause *= 2;
        r = query(http, anonymous, request);
      }
      const std::lock_guard<std::mutex> lock(m);
      if (!r.ok()) {
        lastUnreachable_ = r.unreachable;
        if (error.empty()) error = "counting the triples failed: " + describeFailure(request, r);
        return false;
      }
      if (!r.sqlState.empty()) {
        if (error.empty()) {
          error = "counting the triples failed: " + redactUrl(queryUrl_) +
                  " answered with incomplete results (X-SQL-State " + r.sqlState +
                  ": the store's time limit for a query, in Virtuoso MaxQueryExecutionTime, cut "
                  "the count short" +
                  (rq_.connection.retries > 0
                       ? ", " + std::to_string(rq_.connection.retries + 1) + " times"
                       : std::string()) +
                  "); raise that limit, or load when the store is less busy";
        }
        return false;
      }
      try {
        const auto j = nlohmann::json::parse(r.body);
        for (const auto& row : j.at("results").at("bindings")) {
          const std::string g = row.at("g").at("value").get<std::string>();
          counts[g] = std::stoull(row.at("n").at("value").get<std::string>());
        }
      } catch (const std::exception& e) {
        if (error.empty()) {
          error = "counting the triples failed: " + redactUrl(queryUrl_) +
                  " did not answer with SPARQL JSON results (" + e.what() +
                  "); give a query endpoint with --query-endpoint";
        }
        return false;
      }
      return true;
    });
    return error;
  }

  // Without a query endpoint: fetch each graph as N-Triples and count its lines.
  std::string countByDownload(const std::vector<std::string>& graphs,
                              std::map<std::string, std::size_t>& counts) {
    for (const auto& g : graphs) {
      HttpRequest request{"GET",
                          withGraphParameter(rq_.endpoints.graphStore, g),
                          {"Accept: application/n-triples"},
                          nullptr,
                          true};
      const HttpResponse r = http_.send(request);
      if (r.status == 404) continue;
      if (!r.ok()) {
        lastUnreachable_ = r.unreachable;
        return "counting the triples failed: " + describeFailure(request, r);
      }
      // Parsed rather than counted by lines: a store may answer in Turtle.
      const bool turtle = r.contentType.find("turtle") != std::string::npos;
      rdf::Dataset got;
      Diagnostics diags;
      if (!rdf::readRdf(r.body, turtle ? "graph.ttl" : "graph.nt", g, got, diags)) {
        return "counting the triples failed: the graph <" + g + "> downloaded from " +
               redactUrl(rq_.endpoints.graphStore) + " (" + r.contentType +
               ") does not parse; give a query endpoint with --query-endpoint";
      }
      got.normalize();
      counts[g] = got.triples.size();
    }
    return {};
  }

  // Drops graphs; returns the ones that could not be dropped. A drop changes nothing when
  // sent twice, so these requests may be retried.
  std::vector<std::string> dropGraphs(const std::vector<std::string>& graphs) {
    std::vector<std::string> left;
    if (graphs.empty()) return left;
    if (!rq_.endpoints.update.empty()) {
      for (std::size_t start = 0; start < graphs.size(); start += kDropBatch) {
        const std::size_t end = std::min(graphs.size(), start + kDropBatch);
        std::string text;
        for (std::size_t i = start; i < end; ++i)
          text += (i == start ? "" : " ;\n") + std::string("DROP SILENT GRAPH <") + graphs[i] + ">";
        const Sent sent = sendWith(http_, updateRequest(text, true));
        if (!sent.ok()) {
          lastUnreachable_ = sent.unreachable;
          left.insert(left.end(), graphs.begin() + static_cast<std::ptrdiff_t>(start),
                      graphs.end());
          break;
        }
      }
      return left;
    }
    for (const auto& g : graphs) {
      HttpRequest request{
          "DELETE", withGraphParameter(rq_.endpoints.graphStore, g), {}, nullptr, true};
      const HttpResponse r = http_.send(request);
      if (!r.ok() && r.status != 404) left.push_back(g);
    }
    return left;
  }

  // Removes temporary graphs after a failure, unless the server is unreachable (then it
  // would only fail again after another timeout): the note names what may remain.
  std::string cleanupNote(const std::vector<std::string>& temps) {
    if (temps.empty()) return {};
    if (lastUnreachable_) {
      return " The server did not answer, so these temporary graphs may remain; drop them when it "
             "is back: " +
             joinGraphs(temps, 20) + ".";
    }
    const std::vector<std::string> left = dropGraphs(temps);
    if (left.empty()) return {};
    return " The temporary graphs could not be removed; drop them by hand: " +
           joinGraphs(left, 20) + ".";
  }

  void merge() {
    std::vector<std::string> targets;
    for (const auto& g : rq_.graphs) targets.push_back(g.graph);
    const std::vector<Unit> units = unitsOf(rq_.graphs);
    say("adding " + std::to_string(rq_.graphs.size()) + " graphs in " +
        std::to_string(units.size()) + " requests");
    std::vector<unsigned char> attempted;
    std::string what;
    const Sent failure = uploadAll(rq_.graphs, targets, units, false, attempted, what);
    phaseDone("upload");
    if (!failure.ok()) {
      std::vector<std::string> touched;
      for (std::size_t k = 0; k < units.size(); ++k) {
        if (!attempted[k]) continue;
        for (std::size_t i = units[k].first; i < units[k].last; ++i)
          touched.push_back(rq_.graphs[i].graph);
      }
      report_.error =
          "adding to " + what + " failed: " + failure.error +
          ". With --merge nothing is removed: " +
          (touched.empty() ? std::string("no graph was changed")
                           : joinGraphs(touched) + " may hold some or all of their new triples") +
          "; run the load again.";
      return;
    }
    report_.loadedGraphs = targets;
    report_.ok = true;
  }

  void replace() {
    const std::string unchanged =
        "Nothing was changed: every target graph keeps its previous content.";
    std::vector<std::string> temps;
    std::vector<std::string> targets;
    std::map<std::string, std::size_t> expected;
    for (std::size_t i = 0; i < rq_.graphs.size(); ++i) {
      const GraphContent& g = rq_.graphs[i];
      const std::string tmp = "urn:guidegraph:load:" + runId_ + ":" + std::to_string(i);
      temps.push_back(tmp);
      targets.push_back(g.graph);
      expected[tmp] = g.triples.size();
      expected[g.graph] = g.triples.size();
    }
    const std::vector<Unit> units = unitsOf(rq_.graphs);
    say("uploading " + std::to_string(rq_.graphs.size()) + " graphs into temporary graphs <" +
        (temps.empty() ? std::string() : temps.front()) + "> ... in " +
        std::to_string(units.size()) + " requests (" +
        (useUpdate_ ? "INSERT DATA" : "Graph Store") + ", " +
        std::to_string(std::max(1U, rq_.jobs)) + " connections)");
    std::vector<unsigned char> attempted;
    std::string what;
    const Sent failure = uploadAll(rq_.graphs, temps, units, true, attempted, what);
    phaseDone("upload");
    if (!failure.ok()) {
      lastUnreachable_ = failure.unreachable;
      std::vector<std::string> written;
      for (std::size_t k = 0; k < units.size(); ++k) {
        if (!attempted[k]) continue;
        for (std::size_t i = units[k].first; i < units[k].last; ++i) written.push_back(temps[i]);
      }
      report_.error = "uploading " + what + " into temporary graphs failed: " + failure.error +
                      ". " + unchanged + cleanupNote(written);
      return;
    }
    std::map<std::string, std::size_t> counts;
    if (auto e = count(temps, counts); !e.empty()) {
      report_.error = e + ". " + unchanged + cleanupNote(temps);
      return;
    }
    for (std::size_t i = 0; i < temps.size(); ++i) {
      if (counts[temps[i]] != expected[temps[i]]) {
        report_.error = "the endpoint holds " + std::to_string(counts[temps[i]]) +
                        " triples for <" + targets[i] + "> after the upload, but " +
                        std::to_string(expected[temps[i]]) +
                        " were sent (did the server drop some?). " + unchanged + cleanupNote(temps);
        return;
      }
    }
    say("checked the triple counts of " + std::to_string(temps.size()) + " temporary graphs");
    phaseDone("count");
    const bool swapped = swap(temps, targets);
    phaseDone("swap");
    if (!swapped) return;

    std::map<std::string, std::size_t> finalCounts;
    if (auto e = count(targets, finalCounts); !e.empty()) {
      report_.error = "the graphs were replaced, but checking them failed: " + e;
      return;
    }
    for (const auto& t : targets) {
      if (finalCounts[t] != expected[t]) {
        report_.error = "after the swap <" + t + "> holds " + std::to_string(finalCounts[t]) +
                        " triples, expected " + std::to_string(expected[t]) + "; load it again";
        return;
      }
    }
    phaseDone("check");
    report_.ok = true;
  }

  // One swap request for graphs [first, last): deletes the targets' triples, copies each
  // temporary graph into its target and empties the temporary graphs. The store carries out
  // the request as one transaction, so each target holds either its old or its new content.
  std::string swapText(const std::vector<std::string>& temps,
                       const std::vector<std::string>& targets, std::size_t first,
                       std::size_t last) const {
    if (last == first + 1) {
      // One graph: constants (Virtuoso 7.2 fails on a VALUES block of one row with two
      // variables, after having carried out the insert).
      const std::string t = "<" + targets[first] + ">";
      const std::string tmp = "<" + temps[first] + ">";
      return std::string(kSwapMark) + "DELETE { GRAPH " + t + " { ?s ?p ?o } } WHERE { GRAPH " + t +
             " { ?s ?p ?o } } ;\nINSERT { GRAPH " + t + " { ?s ?p ?o } } WHERE { GRAPH " + tmp +
             " { ?s ?p ?o } } ;\nDELETE { GRAPH " + tmp + " { ?s ?p ?o } } WHERE { GRAPH " + tmp +
             " { ?s ?p ?o } }";
    }
    std::string targetValues;
    std::string pairs;
    std::string tempValues;
    for (std::size_t i = first; i < last; ++i) {
      targetValues += " <" + targets[i] + ">";
      pairs += " (<" + temps[i] + "> <" + targets[i] + ">)";
      tempValues += " <" + temps[i] + ">";
    }
    return std::string(kSwapMark) +
           "DELETE { GRAPH ?target { ?s ?p ?o } } WHERE { VALUES ?target {" + targetValues +
           " } GRAPH ?target { ?s ?p ?o } } ;\n" +
           "INSERT { GRAPH ?target { ?s ?p ?o } } WHERE { VALUES (?temporary ?target) {" + pairs +
           " } GRAPH ?temporary { ?s ?p ?o } } ;\n" +
           "DELETE { GRAPH ?temporary { ?s ?p ?o } } WHERE { VALUES ?temporary {" + tempValues +
           " } GRAPH ?temporary { ?s ?p ?o } }";
  }

  bool swap(const std::vector<std::string>& temps, const std::vector<std::string>& targets) {
    if (!rq_.endpoints.update.empty()) return swapByUpdate(temps, targets);
    return replaceByPut(temps, targets);
  }

  // The graphs [first, last) of each swap request: at most kSwapGraphs graphs and, unless one
  // graph alone is larger, kSwapTriples triples.
  std::vector<std::pair<std::size_t, std::size_t>> swapBatches(std::size_t count) const {
    std::vector<std::pair<std::size_t, std::size_t>> batches;
    for (std::size_t first = 0; first < count;) {
      std::size_t last = first;
      std::size_t triples = 0;
      while (last < count && last - first < kSwapGraphs &&
             (last == first || triples + rq_.graphs[last].triples.size() <= kSwapTriples)) {
        triples += rq_.graphs[last].triples.size();
        ++last;
      }
      batches.emplace_back(first, last);
      first = last;
    }
    return batches;
  }

  // A swap request that failed: which, and how.
  struct SwapFailure {
    std::size_t batch = 0;
    std::string what;
    long status = 0;
  };

  // SPARQL Update: each batch of temporary graphs is moved onto its targets in one request,
  // one request at a time. (Two at once over two connections saved Virtuoso 7.2 about a
  // tenth of the swap time on the 10k bench site, and in one run of two left a triple
  // behind in a temporary graph: BENCHMARKS.md, "Loading into Virtuoso".)
  bool swapByUpdate(const std::vector<std::string>& temps,
                    const std::vector<std::string>& targets) {
    // A swap request is never sent twice once it may have reached the server: sent again
    // after it was carried out, it would find the temporary graphs empty and empty the
    // targets.
    const auto batches = swapBatches(temps.size());
    say("swapping " + std::to_string(temps.size()) + " graphs in with " +
        std::to_string(batches.size()) + " requests, dropping " + std::to_string(rq_.drop.size()));
    std::vector<unsigned char> swapped(batches.size(), 0);
    std::vector<SwapFailure> failures;
    std::mutex m;
    runParallel(batches.size(), 1, [&](HttpClient& http, HttpClient&, std::size_t k) {
      // The request points at `text`, which must outlive it.
      const std::string text = swapText(temps, targets, batches[k].first, batches[k].second);
      const HttpRequest request = updateRequest(text, false);
      const HttpResponse r = http.send(request);
      const std::lock_guard<std::mutex> lock(m);
      if (!r.ok()) {
        lastUnreachable_ = lastUnreachable_ || r.unreachable;
        failures.push_back(SwapFailure{k, describeFailure(request, r), r.status});
        return false;
      }
      swapped[k] = 1;
      return true;
    });
    std::vector<std::string> uncertainTargets;
    std::vector<std::string> uncertainTemps;
    std::vector<std::string> unusedTemps;
    std::sort(failures.begin(), failures.end(),
              [](const SwapFailure& x, const SwapFailure& y) { return x.batch < y.batch; });
    // A 4xx answer means the request was refused as a whole. Virtuoso can answer 500 after
    // having carried out the changes (seen with 7.2), so a 5xx counts as an unknown outcome,
    // like no answer at all.
    const auto refused = [](long status) { return status >= 400 && status < 500; };
    for (std::size_t k = 0; k < batches.size(); ++k) {
      const auto from = static_cast<std::ptrdiff_t>(batches[k].first);
      const auto to = static_cast<std::ptrdiff_t>(batches[k].second);
      const auto failed = std::find_if(failures.begin(), failures.end(),
                                       [k](const SwapFailure& f) { return f.batch == k; });
      if (swapped[k]) {
        report_.loadedGraphs.insert(report_.loadedGraphs.end(), targets.begin() + from,
                                    targets.begin() + to);
      } else if (failed != failures.end() && !refused(failed->status)) {
        uncertainTargets.insert(uncertainTargets.end(), targets.begin() + from,
                                targets.begin() + to);
        uncertainTemps.insert(uncertainTemps.end(), temps.begin() + from, temps.begin() + to);
      } else {
        unusedTemps.insert(unusedTemps.end(), temps.begin() + from, temps.begin() + to);
      }
    }
    if (failures.empty()) return dropRequested();
    report_.error = swapFailure(failures.front(), uncertainTargets, uncertainTemps, unusedTemps);
    return false;
  }

  // What the failed swap requests left where, and what to do about it. `uncertain*`: the
  // graphs of requests that may or may not have been carried out; `unusedTemps`: temporary
  // graphs that no request carried out (refused, or never sent).
  std::string swapFailure(const SwapFailure& first,
                          const std::vector<std::string>& uncertainTargets,
                          const std::vector<std::string>& uncertainTemps,
                          const std::vector<std::string>& unusedTemps) {
    const std::string done =
        report_.loadedGraphs.empty()
            ? std::string(" No graph was replaced.")
            : " Replaced, each whole: " + std::to_string(report_.loadedGraphs.size()) +
                  " graphs (" + joinGraphs(report_.loadedGraphs) + ").";
    if (uncertainTargets.empty()) {
      return "the swap was refused: " + first.what + "." + done +
             " All other target graphs keep their previous content." + cleanupNote(unusedTemps);
    }
    return std::string(first.status == 0 ? "a swap request got no answer: "
                                         : "a swap request failed: ") +
           first.what + "." + done + " The server may or may not have carried out the swap of " +
           joinGraphs(uncertainTargets) +
           "; each of them holds either its previous or its complete new content, and every "
           "other target graph keeps its previous content. Run the same load again." +
           cleanupNote(unusedTemps) +
           // Not dropped: the server may still be swapping them, and a swap from a dropped
           // graph would empty its target.
           " If that request was not carried out, its temporary graphs remain; drop them once "
           "the store is idle: " +
           joinGraphs(uncertainTemps, uncertainTemps.size()) + ".";
  }

  // Graph Store only: PUT replaces each target in one request, then the checked temporary
  // graph is deleted.
  bool replaceByPut(const std::vector<std::string>& temps,
                    const std::vector<std::string>& targets) {
    for (std::size_t i = 0; i < temps.size(); ++i) {
      say("replacing <" + targets[i] + ">");
      std::size_t ignored = 0;
      const Sent sent = uploadUnit(http_, rq_.graphs, targets, Unit{i, i + 1}, true, ignored);
      if (!sent.ok()) {
        lastUnreachable_ = sent.unreachable;
        report_.error = "replacing <" + targets[i] + "> failed: " + sent.error + ". <" +
                        targets[i] + "> keeps its previous content" +
                        (report_.loadedGraphs.empty()
                             ? std::string(", as do all others")
                             : "; already replaced: " + joinGraphs(report_.loadedGraphs)) +
                        ". Run the load again." + cleanupNote(temps);
        return false;
      }
      report_.loadedGraphs.push_back(targets[i]);
    }
    if (auto left = dropGraphs(temps); !left.empty()) {
      report_.error =
          "the graphs were replaced, but the temporary graphs could not be removed; drop them by "
          "hand: " +
          joinGraphs(left, 20);
      return false;
    }
    return dropRequested();
  }

  // Drops the graphs the request names for dropping, once every target is replaced.
  bool dropRequested() {
    if (auto left = dropGraphs(rq_.drop); !left.empty()) {
      report_.error =
          "the graphs were replaced, but these could not be dropped: " + joinGraphs(left, 20);
      return false;
    }
    report_.droppedGraphs = rq_.drop;
    return true;
  }

  const LoadRequest& rq_;
  LogFn log_;
  PhaseFn phaseDone_;
  std::mutex logMutex_;
  HttpClient http_;
  HttpClient anonymous_;  // for a query endpoint of its own
  std::string queryUrl_;
  std::string runId_;
  bool useUpdate_ = false;
  bool virtuoso_ = false;
  bool lastUnreachable_ = false;
  std::size_t workerRequests_ = 0;
  LoadReport report_;
};

}  // namespace

LoadReport runLoad(const LoadRequest& request, const LogFn& log, const PhaseFn& phaseDone) {
  Loader loader(request, log, phaseDone);
  return loader.run();
}

}  // namespace guidegraph::load
