#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "guidegraph/load.hpp"
#include "guidegraph/rdf_read.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/serialize.hpp"
#include "http.hpp"

namespace guidegraph::load {
namespace {

// Operations per swap request: one MOVE takes Virtuoso some 20 ms, and it refuses requests
// with thousands of them ("Query too large").
constexpr std::size_t kSwapBatch = 50;

const char* contentTypeOf(SendFormat f) {
  return f == SendFormat::Turtle ? "text/turtle" : "application/n-triples";
}

bool hasBlankNodes(const std::vector<rdf::Triple>& triples) {
  for (const auto& t : triples) {
    if (t.subject.isBlank() || t.object.isBlank()) return true;
  }
  return false;
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string joinGraphs(const std::vector<std::string>& graphs, std::size_t max = 5) {
  std::string out;
  for (std::size_t i = 0; i < graphs.size() && i < max; ++i)
    out += (i ? ", <" : "<") + graphs[i] + ">";
  if (graphs.size() > max) out += " and " + std::to_string(graphs.size() - max) + " more";
  return out;
}

class Loader {
 public:
  Loader(const LoadRequest& request, const LogFn& log)
      : rq_(request), log_(log), http_(request.connection) {
    queryUrl_ = rq_.endpoints.query.empty() ? rq_.endpoints.update : rq_.endpoints.query;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    runId_ = std::to_string(::getpid()) + "-" +
             std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  }

  LoadReport run() {
    if (rq_.endpoints.graphStore.empty() && rq_.endpoints.update.empty()) {
      report_.error =
          "no endpoint: give --endpoint (Graph Store) or --update-endpoint (SPARQL Update)";
      return report_;
    }
    if (rq_.mode == Mode::Merge) {
      merge();
    } else {
      replace();
    }
    report_.requests = http_.requestCount();
    return report_;
  }

 private:
  void say(const std::string& line) {
    if (log_) log_(line);
  }

  HttpResponse send(const HttpRequest& request) {
    HttpResponse r = http_.send(request);
    if (!r.ok()) {
      lastUnreachable_ = r.unreachable;
      lastNotWritten_ = r.notSent || (r.status >= 400 && r.status < 500) || r.status == 501;
    }
    return r;
  }

  std::string bodyOf(const GraphContent& g) const {
    if (rq_.format == SendFormat::NTriples) return ntriplesOf(g.triples);
    rdf::Dataset d;
    d.prefixes = rdf::standardPrefixes();
    d.triples = g.triples;
    d.normalize();
    std::ostringstream out;
    const std::string error = serialize::writeRdf(d, serialize::RdfFormat::Turtle, out);
    if (!error.empty()) throw std::logic_error("cannot write Turtle: " + error);
    return out.str();
  }

  std::string update(const std::string& text, bool retryAfterSend) {
    HttpRequest request{"POST",
                        rq_.endpoints.update,
                        {"Content-Type: application/sparql-update; charset=utf-8", "Accept: */*"},
                        &text,
                        retryAfterSend};
    const HttpResponse r = send(request);
    return r.ok() ? std::string() : describeFailure(request, r);
  }

  // Sends the graph's triples into `graph`: replacing its content (PUT, or DROP then
  // INSERT DATA) or adding to it (POST, or INSERT DATA).
  std::string upload(const std::string& graph, const GraphContent& content, bool replaceContent,
                     bool countSent = true) {
    if (!rq_.endpoints.graphStore.empty()) {
      const std::string body = bodyOf(content);
      HttpRequest request{
          replaceContent ? "PUT" : "POST",
          withGraphParameter(rq_.endpoints.graphStore, graph),
          {std::string("Content-Type: ") + contentTypeOf(rq_.format) + "; charset=utf-8"},
          &body,
          true};
      const HttpResponse r = send(request);
      if (!r.ok()) return describeFailure(request, r);
      if (countSent) report_.triplesSent += content.triples.size();
      return {};
    }
    if (replaceContent) {
      if (auto e = update("DROP SILENT GRAPH <" + graph + ">", true); !e.empty()) return e;
    }
    // N-Triples lines are valid SPARQL triples (same IRIs, escapes and literals). Blank
    // nodes are scoped to one request, so a graph with blank nodes goes in one request.
    const std::size_t batch = hasBlankNodes(content.triples)
                                  ? content.triples.size()
                                  : std::max<std::size_t>(1, rq_.batchTriples);
    for (std::size_t start = 0; start < content.triples.size(); start += batch) {
      const std::size_t end = std::min(content.triples.size(), start + batch);
      const std::vector<rdf::Triple> part(
          content.triples.begin() + static_cast<std::ptrdiff_t>(start),
          content.triples.begin() + static_cast<std::ptrdiff_t>(end));
      const std::string text = "INSERT DATA { GRAPH <" + graph + "> {\n" + ntriplesOf(part) + "} }";
      if (auto e = update(text, true); !e.empty()) return e;
      if (countSent) report_.triplesSent += part.size();
    }
    return {};
  }

  // Triple counts of `graphs` (absent graphs count 0), or an error message.
  std::string count(const std::vector<std::string>& graphs,
                    std::map<std::string, std::size_t>& counts) {
    for (const auto& g : graphs) counts[g] = 0;
    if (queryUrl_.empty()) return countByDownload(graphs, counts);
    constexpr std::size_t kPerQuery = 200;
    for (std::size_t start = 0; start < graphs.size(); start += kPerQuery) {
      std::string values;
      for (std::size_t i = start; i < graphs.size() && i < start + kPerQuery; ++i)
        values += " <" + graphs[i] + ">";
      const std::string query = "SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g {" + values +
                                " } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
      const std::string body = "query=" + formEncode(query);
      HttpRequest request{"POST",
                          queryUrl_,
                          {"Content-Type: application/x-www-form-urlencoded",
                           "Accept: application/sparql-results+json"},
                          &body,
                          true};
      const HttpResponse r = send(request);
      if (!r.ok()) return "counting the triples failed: " + describeFailure(request, r);
      try {
        const auto j = nlohmann::json::parse(r.body);
        for (const auto& row : j.at("results").at("bindings")) {
          const std::string g = row.at("g").at("value").get<std::string>();
          counts[g] = std::stoull(row.at("n").at("value").get<std::string>());
        }
      } catch (const std::exception& e) {
        return "counting the triples failed: " + redactUrl(queryUrl_) +
               " did not answer with SPARQL JSON results (" + e.what() +
               "); give a query endpoint with --query-endpoint";
      }
    }
    return {};
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
      const HttpResponse r = send(request);
      if (r.status == 404) continue;
      if (!r.ok()) return "counting the triples failed: " + describeFailure(request, r);
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
      const std::size_t n = got.triples.size();
      counts[g] = n;
    }
    return {};
  }

  // Drops graphs; returns the ones that could not be dropped.
  std::vector<std::string> dropGraphs(const std::vector<std::string>& graphs) {
    std::vector<std::string> left;
    if (graphs.empty()) return left;
    if (!rq_.endpoints.update.empty()) {
      std::string text;
      for (const auto& g : graphs)
        text += (text.empty() ? "" : " ;\n") + std::string("DROP SILENT GRAPH <") + g + ">";
      if (!update(text, true).empty()) left = graphs;
      return left;
    }
    for (const auto& g : graphs) {
      HttpRequest request{
          "DELETE", withGraphParameter(rq_.endpoints.graphStore, g), {}, nullptr, true};
      const HttpResponse r = send(request);
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
    for (const auto& g : rq_.graphs) {
      say("adding " + std::to_string(g.triples.size()) + " triples to <" + g.graph + ">");
      if (auto e = upload(g.graph, g, false); !e.empty()) {
        report_.error =
            "adding to <" + g.graph + "> failed: " + e + ". With --merge nothing is removed: " +
            (report_.loadedGraphs.empty()
                 ? std::string("no graph was changed")
                 : joinGraphs(report_.loadedGraphs) + " received their triples") +
            "; <" + g.graph + "> may hold part of its new triples (run the load again).";
        return;
      }
      report_.loadedGraphs.push_back(g.graph);
    }
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
      say("uploading " + std::to_string(g.triples.size()) + " triples for <" + g.graph +
          "> into <" + tmp + ">");
      if (auto e = upload(tmp, g, true); !e.empty()) {
        if (lastNotWritten_) temps.pop_back();  // the failed request never wrote anything
        report_.error = "uploading <" + g.graph + "> (into the temporary graph <" + tmp +
                        ">) failed: " + e + ". " + unchanged + cleanupNote(temps);
        return;
      }
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
    if (!swap(temps, targets)) return;

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
    report_.ok = true;
  }

  bool swap(const std::vector<std::string>& temps, const std::vector<std::string>& targets) {
    if (!rq_.endpoints.update.empty()) {
      // MOVE replaces each target with its checked temporary graph and removes the
      // temporary graph, in requests of kSwapBatch operations (Virtuoso refuses or times out
      // on thousands in one request). A request is never sent twice once it may have
      // reached the server: Virtuoso's MOVE from a graph that no longer exists empties the
      // target.
      std::vector<std::string> ops;
      std::vector<std::size_t> graphOfOp;  // index into temps, or npos for a drop
      for (std::size_t i = 0; i < temps.size(); ++i) {
        ops.push_back("MOVE <" + temps[i] + "> TO <" + targets[i] + ">");
        graphOfOp.push_back(i);
      }
      for (const auto& d : rq_.drop) {
        ops.push_back("DROP SILENT GRAPH <" + d + ">");
        graphOfOp.push_back(std::string::npos);
      }
      if (ops.empty()) {
        report_.ok = true;
        return false;
      }
      say("swapping " + std::to_string(temps.size()) + " graphs in, dropping " +
          std::to_string(rq_.drop.size()));
      for (std::size_t start = 0; start < ops.size(); start += kSwapBatch) {
        const std::size_t end = std::min(ops.size(), start + kSwapBatch);
        std::string text;
        for (std::size_t k = start; k < end; ++k) text += (k == start ? "" : " ;\n") + ops[k];
        HttpRequest request{
            "POST",
            rq_.endpoints.update,
            {"Content-Type: application/sparql-update; charset=utf-8", "Accept: */*"},
            &text,
            false};
        const HttpResponse r = send(request);
        std::vector<std::string> batchTargets;
        std::vector<std::string> batchTemps;
        std::vector<std::string> laterTemps;
        for (std::size_t k = start; k < ops.size(); ++k) {
          if (graphOfOp[k] == std::string::npos) continue;
          (k < end ? batchTemps : laterTemps).push_back(temps[graphOfOp[k]]);
          if (k < end) batchTargets.push_back(targets[graphOfOp[k]]);
        }
        if (!r.ok()) {
          const std::string what = describeFailure(request, r);
          const std::string before = report_.loadedGraphs.empty()
                                         ? std::string(" No graph had been replaced before it.")
                                         : " Already replaced, each whole: " +
                                               std::to_string(report_.loadedGraphs.size()) +
                                               " graphs (" + joinGraphs(report_.loadedGraphs) +
                                               ").";
          report_.error =
              r.status != 0
                  ? "the swap was refused: " + what + "." + before +
                        " All other target graphs keep their previous content." +
                        cleanupNote(concat(batchTemps, laterTemps))
                  : "a swap request got no answer: " + what + "." + before +
                        " The server may or may not have carried out the request for " +
                        joinGraphs(batchTargets) +
                        "; each of them holds either its previous or its complete new content, and "
                        "the graphs after them keep their previous content. Run the same load "
                        "again." +
                        cleanupNote(laterTemps) +
                        // Not dropped: the server may still be moving them, and a MOVE from a
                        // dropped graph would empty its target.
                        " If that request was not carried out, its temporary graphs remain; "
                        "drop them once the store is idle: " +
                        joinGraphs(batchTemps, 60) + ".";
          return false;
        }
        report_.loadedGraphs.insert(report_.loadedGraphs.end(), batchTargets.begin(),
                                    batchTargets.end());
      }
      report_.droppedGraphs = rq_.drop;
      return true;
    }
    // Graph Store only: PUT replaces each target in one request, then the checked
    // temporary graph is deleted.
    for (std::size_t i = 0; i < temps.size(); ++i) {
      say("replacing <" + targets[i] + ">");
      if (auto e = upload(targets[i], rq_.graphs[i], true, false); !e.empty()) {
        report_.error = "replacing <" + targets[i] + "> failed: " + e + ". <" + targets[i] +
                        "> keeps its previous content" +
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
  HttpClient http_;
  std::string queryUrl_;
  std::string runId_;
  bool lastUnreachable_ = false;
  bool lastNotWritten_ = false;
  LoadReport report_;
};

}  // namespace

LoadReport runLoad(const LoadRequest& request, const LogFn& log) {
  Loader loader(request, log);
  return loader.run();
}

}  // namespace guidegraph::load
