// `guidegraph load`: the site's RDF view (or an RDF file) into a SPARQL store, per page,
// with the state of the last load for --changed-only.
#include "guidegraph/load.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <numeric>
#include <ostream>
#include <sstream>
#include <thread>

#include "guidegraph/pipeline.hpp"
#include "guidegraph/rdf_read.hpp"
#include "guidegraph/read_file.hpp"
#include "progress.hpp"

namespace guidegraph::pipeline {

namespace {

std::string defaultNetrc() {
  const char* home = std::getenv("HOME");
  return home && *home ? std::string(home) + "/.netrc" : std::string();
}

// The URL whose host the credentials are for.
std::string authUrl(const load::LoadRequest& r) {
  return r.endpoints.graphStore.empty() ? r.endpoints.update : r.endpoints.graphStore;
}

// --user with GUIDEGRAPH_PASSWORD or netrc; or netrc's login for the host. Returns a usage
// problem, or "".
std::string findCredentials(LoadCommand& c) {
  const char* envPassword = std::getenv("GUIDEGRAPH_PASSWORD");
  if (envPassword && *envPassword && c.user.empty())
    return "GUIDEGRAPH_PASSWORD is set: give the --user it belongs to";
  const std::string netrc = c.netrcFile.value_or(defaultNetrc());
  if (c.netrcFile && !std::filesystem::exists(*c.netrcFile))
    return "no netrc file '" + *c.netrcFile + "'";
  c.request.connection.credentials =
      load::findCredentials(authUrl(c.request), c.user, "GUIDEGRAPH_PASSWORD", netrc);
  if (!c.user.empty() && !c.request.connection.credentials) {
    return "no password for user '" + c.user +
           "': set GUIDEGRAPH_PASSWORD or add `machine HOST login " + c.user +
           " password ...` to " + (netrc.empty() ? std::string("~/.netrc") : netrc);
  }
  return {};
}

// The triples of an RDF file; returns an exit code when the load stops here.
std::optional<int> readRdfFile(LoadCommand& c, Diagnostics& diags,
                               std::vector<rdf::Triple>& triples, std::ostream& err) {
  const std::string& file = c.site.site;
  const std::optional<std::string> text = readFile(file);
  if (!text)
    return usageError("load", "cannot read '" + file + "': no such site folder or RDF file", err);
  const bool quads = file.ends_with(".nq") || file.ends_with(".trig");
  if (!quads && c.singleGraph.empty())
    return usageError("load", "'" + file + "' has no named graphs: give --graph IRI", err);
  if (quads && c.singleGraph.empty()) c.perPage = true;
  rdf::Dataset d;
  const std::string base = c.site.build.baseOverride.empty()
                               ? "file://" + std::filesystem::absolute(file).string()
                               : c.site.build.baseOverride;
  if (!rdf::readRdf(*text, file, base, d, diags)) {
    diags.sort();
    printDiagnostics(diags, err);
    err << "guidegraph load: error: '" << file << "' is not valid RDF; nothing was loaded\n";
    return kExitUsage;
  }
  triples = std::move(d.triples);
  for (const auto& t : triples) {
    if (c.perPage && t.graph.empty()) {
      return usageError("load", "'" + file + "' has triples outside named graphs: give --graph IRI",
                        err);
    }
  }
  return std::nullopt;
}

// Incremental loads: each page's hash against the state of the last load.
struct Increment {
  std::string endpointKey;
  load::LoadState state;
  std::map<std::string, std::string> hashes;
  std::size_t unchanged = 0;
};

// The graphs of one load: where each one's triples are in the input, and which of them are
// sent.
struct Graphs {
  const std::vector<rdf::Triple>& triples;
  load::GraphPositions positions;
  std::vector<std::size_t> send;  // indices into positions.graphs
};

// Each graph's hash, on the site's thread count (at 100,000 pages hashing is a few seconds of
// N-Triples writing and SHA-256 on one core).
std::map<std::string, std::string> hashAll(const Graphs& g, unsigned threads) {
  const std::size_t count = g.positions.graphs.size();
  std::vector<std::string> hashes(count);
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t workers =
      std::min<std::size_t>(threads == 0 ? cores : threads, std::max<std::size_t>(1, count / 1000));
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++)
      hashes[i] = load::graphHash(load::contentOf(g.triples, g.positions, i));
  };
  {
    std::vector<std::jthread> others;
    for (std::size_t w = 1; w < workers; ++w) others.emplace_back(work);
    work();
  }
  std::map<std::string, std::string> byGraph;
  for (std::size_t i = 0; i < count; ++i)
    byGraph.emplace_hint(byGraph.end(), g.positions.graphs[i], std::move(hashes[i]));
  return byGraph;
}

// Decides which graphs are sent (all, or with --changed-only the changed ones) and which are
// dropped. `stateRead`: the reading of c.statePath into inc.state, started before the site
// was read.
std::string planIncrement(LoadCommand& c, Increment& inc, std::future<std::string>& stateRead,
                          Graphs& g) {
  std::error_code ec;
  inc.endpointKey = load::redactUrl(authUrl(c.request)) + " " +
                    std::filesystem::weakly_canonical(c.site.site, ec).string();
  g.send.resize(g.positions.graphs.size());
  std::iota(g.send.begin(), g.send.end(), std::size_t{0});
  if (!c.perPage) return {};
  if (auto e = stateRead.get(); !e.empty()) return e;
  load::LoadRequest& request = c.request;
  inc.hashes = hashAll(g, c.site.build.threads);
  const auto known = inc.state.endpoints.find(inc.endpointKey);
  if (known == inc.state.endpoints.end() || request.mode != load::Mode::Replace) return {};
  for (const auto& [graph, hash] : known->second) {
    if (!inc.hashes.contains(graph)) request.drop.push_back(graph);
  }
  if (c.changedOnly) {
    std::erase_if(g.send, [&](std::size_t i) {
      const std::string& graph = g.positions.graphs[i];
      const auto it = known->second.find(graph);
      const bool same = it != known->second.end() && it->second == inc.hashes[graph];
      inc.unchanged += same ? 1 : 0;
      return same;
    });
  }
  return {};
}

void printDryRun(const LoadCommand& c, const Increment& inc, std::ostream& out) {
  const load::LoadRequest& request = c.request;
  std::size_t triplesToSend = 0;
  for (const auto& g : request.graphs) triplesToSend += g.triples.size();
  const char* verb = request.mode == load::Mode::Merge ? "add to" : "replace";
  for (const auto& g : request.graphs)
    out << verb << " <" << g.graph << "> " << g.triples.size() << " triples\n";
  for (const auto& d : request.drop) out << "drop <" << d << ">\n";
  out << "dry run: would send " << triplesToSend << " triples in " << request.graphs.size()
      << " graphs";
  if (c.perPage)
    out << " (" << inc.unchanged << " unchanged), drop " << request.drop.size() << " graphs";
  out << "; nothing was sent\n";
}

void printSummary(const LoadCommand& c, const Increment& inc, const load::LoadReport& report,
                  double seconds, std::ostream& err) {
  std::ostringstream summary;
  summary.setf(std::ios::fixed);
  summary.precision(3);
  summary << "guidegraph: loaded " << report.triplesSent << " triples into "
          << report.loadedGraphs.size() << " graphs";
  if (c.perPage)
    summary << " (" << inc.unchanged << " unchanged, " << report.droppedGraphs.size()
            << " dropped)";
  summary << " at " << load::redactUrl(authUrl(c.request)) << " in " << seconds << " s with "
          << report.requests << " requests";
  summary.precision(0);
  if (seconds > 0)
    summary << " (" << static_cast<double>(report.triplesSent) / seconds << " triples/s)";
  err << summary.str() << '\n';
}

// Sends the graphs and records their hashes for the next --changed-only load.
int send(LoadCommand& c, Increment& inc, int inputStatus,
         std::chrono::steady_clock::time_point start, const load::PhaseFn& phaseDone,
         std::ostream& err) {
  const load::LogFn log = [&](const std::string& line) {
    if (c.verbose) err << "guidegraph load: " << line << '\n';
  };
  const load::LoadReport report = load::runLoad(c.request, log, phaseDone);
  if (!report.ok) {
    err << "guidegraph load: error: " << report.error << '\n';
    return kExitUsage;
  }
  if (c.perPage) {
    inc.state.endpoints[inc.endpointKey] = inc.hashes;
    if (auto e = load::writeLoadState(c.statePath, inc.state); !e.empty()) {
      err << "guidegraph load: warning: the graphs were loaded, but the state file could not be "
             "written: "
          << e << "; the next --changed-only load will send every page\n";
    }
  }
  if (!c.site.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    printSummary(c, inc, report, seconds, err);
  }
  return inputStatus;
}

}  // namespace

int loadSite(LoadCommand c, std::ostream& out, std::ostream& err) {
  if (const std::string problem = findCredentials(c); !problem.empty())
    return usageError("load", problem, err);
  const auto start = std::chrono::steady_clock::now();
  // The state of the last load (a JSON file of 15 MB at 100,000 pages) is read while the
  // site is.
  Increment inc;
  std::future<std::string> stateRead = std::async(
      std::launch::async,
      [path = c.statePath, &state = inc.state] { return load::readLoadState(path, state); });
  std::vector<rdf::Triple> fileTriples;
  const std::vector<rdf::Triple>* triples = &fileTriples;
  std::error_code ec;
  std::optional<SiteRun> run;
  Diagnostics fileDiags;
  StageTimer fileTimer;
  if (std::filesystem::is_directory(c.site.site, ec)) {
    run.emplace(c.site, err);
    if (!run->build()) {
      run->printDiagnostics(err);
      return kExitUsage;
    }
    // Read where the view keeps them: at 100,000 pages a copy is a few hundred megabytes.
    triples = &run->rdfView().triples;
    if (c.singleGraph.empty()) c.perPage = true;
  } else if (const auto stop = readRdfFile(c, fileDiags, fileTriples, err)) {
    return *stop;
  } else {
    fileTimer.mark("read");
  }
  const auto mark = [&](const char* stage) {
    if (run)
      run->markStage(stage);
    else
      fileTimer.mark(stage);
  };
  Diagnostics& diags = run ? run->diagnostics() : fileDiags;
  diags.sort();
  printDiagnostics(diags, err);
  if (diags.hasErrors() && !c.allowErrors && !c.dryRun) {
    // A page with an error yields fewer triples; loading it would silently shrink its graph.
    err << "guidegraph load: error: the content has " << diags.count(Severity::Error)
        << " errors (above); nothing was loaded. Fix them, or give --allow-errors to load the "
           "rest\n";
    return kExitInputErrors;
  }
  const int inputStatus = diags.hasErrors() ? kExitInputErrors : kExitOk;
  // Only the graphs that are sent are copied out of the view.
  Graphs graphs{
      *triples, load::positionsByGraph(*triples, c.perPage ? std::string() : c.singleGraph), {}};
  mark("group");
  if (const std::string e = planIncrement(c, inc, stateRead, graphs); !e.empty()) {
    err << "guidegraph load: error: " << e << '\n';
    return kExitUsage;
  }
  c.request.graphs.reserve(graphs.send.size());
  for (const std::size_t i : graphs.send)
    c.request.graphs.push_back(load::contentOf(*triples, graphs.positions, i));
  mark("hash");
  const auto printTimings = [&] {
    if (!c.timings) return;
    if (run)
      run->printTimings(err);
    else
      fileTimer.print(err);
  };
  if (c.dryRun) {
    printDryRun(c, inc, out);
    printTimings();
    return inputStatus;
  }
  const int status = send(c, inc, inputStatus, start, mark, err);
  printTimings();
  return status;
}

}  // namespace guidegraph::pipeline
