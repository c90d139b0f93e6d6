#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "guidegraph/load.hpp"
#include "guidegraph/rdf_read.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/read_file.hpp"

namespace guidegraph::cli {

const char* const kLoadUsage = R"(Usage: guidegraph load SITE|FILE --endpoint URL [options]

Loads the knowledge graph of the Hugo site in folder SITE (or the RDF in FILE: .ttl, .nt,
.nq, .trig) into a SPARQL store, with the SPARQL 1.1 Graph Store HTTP Protocol, or with
SPARQL 1.1 Update (INSERT DATA in batches) for stores without it.

A replacement is safe: each graph is uploaded into a temporary graph, its triple count is
checked, and only then are the targets swapped (SPARQL Update MOVE when an update endpoint
is given, else Graph Store PUT). If anything fails before the swap the temporary graphs are
dropped and every target keeps its old content; the message says so.

Endpoints:
      --endpoint URL          Graph Store Protocol service (`?graph=IRI` is appended), e.g.
                              Virtuoso http://HOST:8890/sparql-graph-crud-auth
      --update-endpoint URL   SPARQL Update endpoint, e.g. Virtuoso http://HOST:8890/sparql-auth;
                              used for the swap (MOVE) and, without --endpoint, for the upload
      --query-endpoint URL    SPARQL query endpoint for the triple-count checks
                              (default: the update endpoint; without either, graphs are
                              downloaded from the Graph Store and counted)
Graphs:
      --graph IRI             load everything into this one graph (default for .ttl/.nt files)
      --graph-per-page        one graph per page, named by its permalink (default for a site
                              and for .nq/.trig files); the vocabulary has its own graph
      --replace               replace the target graphs (default)
      --merge                 add to the target graphs (no temporary graph, nothing removed)
      --changed-only          with --graph-per-page: send only pages whose triples changed
                              since the last load recorded in the state file, and drop the
                              graphs of pages that disappeared
      --state FILE            the state file of per-page hashes (SHA-256 of each page's
                              sorted N-Triples), per endpoint and source; written after every
                              successful --graph-per-page load (default:
                              .guidegraph-load-state.json in the current folder)
Authentication (the password never goes on the command line and is never printed):
      --user NAME             user name; the password comes from the environment variable
                              GUIDEGRAPH_PASSWORD, else from the netrc file
      --auth METHOD           basic, digest or any (default any; Virtuoso needs digest)
      --netrc-file FILE       netrc file to read (default ~/.netrc); without --user its
                              `login` for the endpoint's host is used
Transfer:
      --send-format FORMAT    nt (default) or ttl, the syntax sent to the Graph Store
      --batch-size N          triples per INSERT DATA request (default 500)
      --timeout SECONDS       limit for each request including its retries (default 30)
      --retries N             retries after connection errors and HTTP 5xx (default 3),
                              with a pause of 0.5 s that doubles each time
      --allow-errors          load even when the content has errors (pages with errors
                              may then lose triples in the store); by default such a
                              site is not loaded
      --dry-run               show what would be sent and dropped; contact no server
  -v, --verbose               print each step
Site options: --base IRI, -D/--drafts, -F/--build-future, -E/--build-expired,
  -e/--environment ENV, --conventions FILE, --threads N, --max-file-size N,
  --max-files N
  -q, --quiet                 print no summary line

Exit codes: 0 loaded; 1 the content has errors (reported as file:line:col): nothing was
loaded, or with --allow-errors the rest was;
2 bad command line, unreadable input, or the load failed (the message says what became of
the target graphs).
)";

namespace {

std::optional<double> parseSeconds(const std::string& s) {
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used != s.size() || !(v > 0) || v > 86400) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool isUrl(const std::string& s) { return s.starts_with("http://") || s.starts_with("https://"); }

std::string defaultNetrc() {
  const char* home = std::getenv("HOME");
  return home && *home ? std::string(home) + "/.netrc" : std::string();
}

}  // namespace

int runLoad(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  load::LoadRequest request;
  std::string singleGraph;
  bool perPage = false;
  bool changedOnly = false;
  bool dryRun = false;
  bool verbose = false;
  bool allowErrors = false;
  std::string statePath = ".guidegraph-load-state.json";
  std::string user;
  std::optional<std::string> netrcFile;
  const auto problem = parseSiteOptions(
      args, options, [&](const std::string& arg, const auto& next) -> std::optional<std::string> {
        const auto value = [&](const char* what) -> std::optional<std::string> {
          auto v = next();
          if (!v || v->empty()) return std::nullopt;
          (void)what;
          return v;
        };
        if (arg == "--endpoint" || arg == "--update-endpoint" || arg == "--query-endpoint") {
          const auto v = value("url");
          if (!v || !isUrl(*v)) return arg + " needs an http:// or https:// URL";
          (arg == "--endpoint"          ? request.endpoints.graphStore
           : arg == "--update-endpoint" ? request.endpoints.update
                                        : request.endpoints.query) = *v;
        } else if (arg == "--graph") {
          const auto v = value("iri");
          if (!v || v->find(':') == std::string::npos ||
              v->find_first_of("<>\" {}|\\^`") != std::string::npos) {
            return std::string("--graph needs an absolute IRI such as https://example.org/graph");
          }
          singleGraph = *v;
        } else if (arg == "--graph-per-page") {
          perPage = true;
        } else if (arg == "--replace") {
          request.mode = load::Mode::Replace;
        } else if (arg == "--merge") {
          request.mode = load::Mode::Merge;
        } else if (arg == "--changed-only") {
          changedOnly = true;
        } else if (arg == "--state") {
          const auto v = value("file");
          if (!v) return std::string("--state needs a file name");
          statePath = *v;
        } else if (arg == "--user") {
          const auto v = value("name");
          if (!v) return std::string("--user needs a user name");
          user = *v;
        } else if (arg == "--password" || arg.starts_with("--password=")) {
          return std::string(
              "passwords are not taken on the command line (other users can see it); set "
              "GUIDEGRAPH_PASSWORD or "
              "add the endpoint's host to ~/.netrc");
        } else if (arg == "--auth") {
          const auto v = value("method");
          if (v == "basic") {
            request.connection.auth = load::AuthMethod::Basic;
          } else if (v == "digest") {
            request.connection.auth = load::AuthMethod::Digest;
          } else if (v == "any") {
            request.connection.auth = load::AuthMethod::Any;
          } else {
            return std::string("--auth needs basic, digest or any");
          }
        } else if (arg == "--netrc-file") {
          const auto v = value("file");
          if (!v) return std::string("--netrc-file needs a file name");
          netrcFile = *v;
        } else if (arg == "--send-format") {
          const auto v = value("format");
          if (v == "nt") {
            request.format = load::SendFormat::NTriples;
          } else if (v == "ttl") {
            request.format = load::SendFormat::Turtle;
          } else {
            return std::string("--send-format needs nt or ttl");
          }
        } else if (arg == "--batch-size") {
          const auto v = value("n");
          if (!v || v->find_first_not_of("0123456789") != std::string::npos || v->size() > 9 ||
              std::stoul(*v) == 0) {
            return std::string("--batch-size needs a positive number of triples");
          }
          request.batchTriples = std::stoul(*v);
        } else if (arg == "--timeout") {
          const auto v = value("seconds");
          const auto s = v ? parseSeconds(*v) : std::nullopt;
          if (!s) return std::string("--timeout needs a number of seconds greater than 0, e.g. 30");
          request.connection.timeoutSeconds = *s;
        } else if (arg == "--retries") {
          const auto v = value("n");
          if (!v || v->find_first_not_of("0123456789") != std::string::npos || v->size() > 2) {
            return std::string("--retries needs a number from 0 to 99");
          }
          request.connection.retries = static_cast<unsigned>(std::stoul(*v));
        } else if (arg == "--dry-run") {
          dryRun = true;
        } else if (arg == "--allow-errors") {
          allowErrors = true;
        } else if (arg == "-v" || arg == "--verbose") {
          verbose = true;
        } else {
          return std::string();
        }
        return std::nullopt;
      });
  if (problem) return usageError("load", *problem, err);
  if (options.site.empty()) {
    return usageError(
        "load",
        "give a site folder or an RDF file, e.g. `guidegraph load examples/site --endpoint URL`",
        err);
  }
  if (request.endpoints.graphStore.empty() && request.endpoints.update.empty() && !dryRun) {
    return usageError(
        "load",
        "give --endpoint URL (Graph Store Protocol) or --update-endpoint URL (SPARQL Update)", err);
  }
  if (!singleGraph.empty() && perPage)
    return usageError("load", "give either --graph IRI or --graph-per-page", err);
  if (changedOnly && !singleGraph.empty()) {
    return usageError(
        "load", "--changed-only works per page: use it with --graph-per-page, not --graph", err);
  }
  if (changedOnly && request.mode == load::Mode::Merge) {
    return usageError(
        "load", "--changed-only replaces changed pages; it cannot be combined with --merge", err);
  }

  // Credentials: --user with GUIDEGRAPH_PASSWORD or netrc; or netrc's login for the host.
  const std::string authUrl = request.endpoints.graphStore.empty() ? request.endpoints.update
                                                                   : request.endpoints.graphStore;
  const char* envPassword = std::getenv("GUIDEGRAPH_PASSWORD");
  if (envPassword && *envPassword && user.empty()) {
    return usageError("load", "GUIDEGRAPH_PASSWORD is set: give the --user it belongs to", err);
  }
  const std::string netrc = netrcFile.value_or(defaultNetrc());
  if (netrcFile && !std::filesystem::exists(*netrcFile)) {
    return usageError("load", "no netrc file '" + *netrcFile + "'", err);
  }
  request.connection.credentials =
      load::findCredentials(authUrl, user, "GUIDEGRAPH_PASSWORD", netrc);
  if (!user.empty() && !request.connection.credentials) {
    return usageError("load",
                      "no password for user '" + user +
                          "': set GUIDEGRAPH_PASSWORD or add `machine HOST login " + user +
                          " password ...` to " + (netrc.empty() ? std::string("~/.netrc") : netrc),
                      err);
  }

  // The triples: a site's RDF view or an RDF file.
  const auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  std::vector<rdf::Triple> triples;
  std::string source;
  std::error_code ec;
  if (std::filesystem::is_directory(options.site, ec)) {
    const Site site = buildSite(options.site, options.build, diags);
    if (site.config.configFile.empty()) {
      printDiagnostics(diags, err);
      return kExitUsage;
    }
    triples = rdf::buildRdfView(site, diags).triples;
    if (singleGraph.empty()) perPage = true;
  } else {
    const std::optional<std::string> text = readFile(options.site);
    if (!text)
      return usageError("load",
                        "cannot read '" + options.site + "': no such site folder or RDF file", err);
    const bool quads = options.site.ends_with(".nq") || options.site.ends_with(".trig");
    if (!quads && singleGraph.empty()) {
      return usageError("load", "'" + options.site + "' has no named graphs: give --graph IRI",
                        err);
    }
    if (quads && singleGraph.empty()) perPage = true;
    rdf::Dataset d;
    const std::string base = options.build.baseOverride.empty()
                                 ? "file://" + std::filesystem::absolute(options.site).string()
                                 : options.build.baseOverride;
    if (!rdf::readRdf(*text, options.site, base, d, diags)) {
      diags.sort();
      printDiagnostics(diags, err);
      err << "guidegraph load: error: '" << options.site
          << "' is not valid RDF; nothing was loaded\n";
      return kExitUsage;
    }
    triples = std::move(d.triples);
    for (const auto& t : triples) {
      if (perPage && t.graph.empty()) {
        return usageError(
            "load", "'" + options.site + "' has triples outside named graphs: give --graph IRI",
            err);
      }
    }
  }
  diags.sort();
  printDiagnostics(diags, err);
  if (diags.hasErrors() && !allowErrors && !dryRun) {
    // A page with an error yields fewer triples; loading it would silently shrink its graph.
    err << "guidegraph load: error: the content has " << diags.count(Severity::Error)
        << " errors (above); nothing was loaded. Fix them, or give --allow-errors to load the "
           "rest\n";
    return kExitInputErrors;
  }
  request.graphs = load::groupByGraph(triples, perPage ? std::string() : singleGraph);

  // Incremental loads: compare each page's hash with the state of the last load.
  const std::string endpointKey =
      load::redactUrl(authUrl) + " " + std::filesystem::weakly_canonical(options.site, ec).string();
  load::LoadState state;
  std::map<std::string, std::string> hashes;
  std::size_t unchanged = 0;
  if (perPage) {
    if (auto e = load::readLoadState(statePath, state); !e.empty()) {
      err << "guidegraph load: error: " << e << '\n';
      return kExitUsage;
    }
    for (const auto& g : request.graphs) hashes[g.graph] = load::graphHash(g);
    const auto known = state.endpoints.find(endpointKey);
    if (known != state.endpoints.end() && request.mode == load::Mode::Replace) {
      for (const auto& [graph, hash] : known->second) {
        if (!hashes.contains(graph)) request.drop.push_back(graph);
      }
      if (changedOnly) {
        std::erase_if(request.graphs, [&](const load::GraphContent& g) {
          const auto it = known->second.find(g.graph);
          const bool same = it != known->second.end() && it->second == hashes[g.graph];
          unchanged += same ? 1 : 0;
          return same;
        });
      }
    }
  }
  std::size_t triplesToSend = 0;
  for (const auto& g : request.graphs) triplesToSend += g.triples.size();

  if (dryRun) {
    const char* verb = request.mode == load::Mode::Merge ? "add to" : "replace";
    for (const auto& g : request.graphs)
      out << verb << " <" << g.graph << "> " << g.triples.size() << " triples\n";
    for (const auto& d : request.drop) out << "drop <" << d << ">\n";
    out << "dry run: would send " << triplesToSend << " triples in " << request.graphs.size()
        << " graphs";
    if (perPage)
      out << " (" << unchanged << " unchanged), drop " << request.drop.size() << " graphs";
    out << "; nothing was sent\n";
    return diags.hasErrors() ? kExitInputErrors : kExitOk;
  }

  const load::LogFn log = [&](const std::string& line) {
    if (verbose) err << "guidegraph load: " << line << '\n';
  };
  const load::LoadReport report = load::runLoad(request, log);
  if (!report.ok) {
    err << "guidegraph load: error: " << report.error << '\n';
    return kExitUsage;
  }
  if (perPage) {
    auto& entry = state.endpoints[endpointKey];
    entry = hashes;
    if (auto e = load::writeLoadState(statePath, state); !e.empty()) {
      err << "guidegraph load: warning: the graphs were loaded, but the state file could not be "
             "written: "
          << e << "; the next --changed-only load will send every page\n";
    }
  }
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream summary;
    summary.setf(std::ios::fixed);
    summary.precision(3);
    summary << "guidegraph: loaded " << report.triplesSent << " triples into "
            << report.loadedGraphs.size() << " graphs";
    if (perPage)
      summary << " (" << unchanged << " unchanged, " << report.droppedGraphs.size() << " dropped)";
    summary << " at " << load::redactUrl(authUrl) << " in " << seconds << " s with "
            << report.requests << " requests";
    summary.precision(0);
    if (seconds > 0)
      summary << " (" << static_cast<double>(report.triplesSent) / seconds << " triples/s)";
    err << summary.str() << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
