// `guidegraph load`: options; the work is pipeline::loadSite.
#include "commands.hpp"
#include "options.hpp"

namespace guidegraph::cli {

namespace {

bool isUrl(const std::string& s) { return s.starts_with("http://") || s.starts_with("https://"); }

// An option whose value is one of `choices`, each setting what it names.
template <class T>
void choice(OptionTable& t, const std::string& name, const std::string& needs,
            std::vector<std::pair<std::string, T>> choices, T& into) {
  t.value(name, needs, [&into, needs, choices](const std::string& v) {
    for (const auto& [word, meaning] : choices) {
      if (v == word) {
        into = meaning;
        return;
      }
    }
    throw UsageProblem(needs);
  });
}

void url(OptionTable& t, const std::string& name, std::string& into) {
  const std::string needs = name + " needs an http:// or https:// URL";
  t.value(name, needs, [&into, needs](const std::string& v) {
    if (!isUrl(v)) throw UsageProblem(needs);
    into = v;
  });
}

// A whole number from 1 (or 0) to `most`.
void count(OptionTable& t, const std::string& name, const std::string& needs, unsigned least,
           unsigned long most, std::function<void(unsigned long)> set) {
  t.value(name, needs, [needs, least, most, set](const std::string& v) {
    const auto n = v.size() > 9 ? most + 1 : number(v, needs);
    if (n < least || n > most) throw UsageProblem(needs);
    set(static_cast<unsigned long>(n));
  });
}

void declareTransfer(OptionTable& t, load::LoadRequest& r) {
  choice<load::SendFormat>(t, "--send-format", "--send-format needs nt or ttl",
                           {{"nt", load::SendFormat::NTriples}, {"ttl", load::SendFormat::Turtle}},
                           r.format);
  count(t, "--batch-size", "--batch-size needs a positive number of triples", 1, 999999999,
        [&r](unsigned long n) { r.batchTriples = n; });
  count(t, "--jobs", "--jobs needs a number of connections from 1 to 64", 1, 64,
        [&r](unsigned long n) { r.jobs = static_cast<unsigned>(n); });
  choice<load::UploadMethod>(
      t, "--upload", "--upload needs update or graph-store",
      {{"update", load::UploadMethod::Update}, {"graph-store", load::UploadMethod::GraphStore}},
      r.upload);
  const std::string timeout = "--timeout needs a number of seconds greater than 0, e.g. 30";
  t.value("--timeout", timeout, [&r, timeout](const std::string& v) {
    std::size_t used = 0;
    double s = 0;
    try {
      s = std::stod(v, &used);
    } catch (const std::exception&) {
      throw UsageProblem(timeout);
    }
    if (used != v.size() || !(s > 0) || s > 86400) throw UsageProblem(timeout);
    r.connection.timeoutSeconds = s;
  });
  count(t, "--retries", "--retries needs a number from 0 to 99", 0, 99,
        [&r](unsigned long n) { r.connection.retries = static_cast<unsigned>(n); });
}

void declare(OptionTable& t, pipeline::LoadCommand& c) {
  load::LoadRequest& r = c.request;
  t.siteOptions(c.site);
  url(t, "--endpoint", r.endpoints.graphStore);
  url(t, "--update-endpoint", r.endpoints.update);
  url(t, "--query-endpoint", r.endpoints.query);
  const std::string graph = "--graph needs an absolute IRI such as https://example.org/graph";
  t.value("--graph", graph, [&c, graph](const std::string& v) {
    if (v.find(':') == std::string::npos || v.find_first_of("<>\" {}|\\^`") != std::string::npos)
      throw UsageProblem(graph);
    c.singleGraph = v;
  });
  t.flag("--graph-per-page", c.perPage);
  t.either("--replace{replace},--merge{merge}", [&r](const std::string& word) {
    r.mode = word == "merge" ? load::Mode::Merge : load::Mode::Replace;
  });
  t.flag("--changed-only", c.changedOnly);
  t.text("--state", "--state needs a file name", c.statePath);
  t.text("--user", "--user needs a user name", c.user);
  const std::string password =
      "passwords are not taken on the command line (other users can see it); set "
      "GUIDEGRAPH_PASSWORD or add the endpoint's host to ~/.netrc";
  t.value("--password", password, [password](const std::string&) { throw UsageProblem(password); });
  choice<load::AuthMethod>(t, "--auth", "--auth needs basic, digest or any",
                           {{"basic", load::AuthMethod::Basic},
                            {"digest", load::AuthMethod::Digest},
                            {"any", load::AuthMethod::Any}},
                           r.connection.auth);
  t.value("--netrc-file", "--netrc-file needs a file name", [&c](const std::string& v) {
    if (v.empty()) throw UsageProblem("--netrc-file needs a file name");
    c.netrcFile = v;
  });
  declareTransfer(t, r);
  t.flag("--dry-run", c.dryRun);
  t.flag("--allow-errors", c.allowErrors);
  t.flag("-v,--verbose", c.verbose);
  t.flag("--timings", c.timings);
}

std::optional<std::string> check(const pipeline::LoadCommand& c) {
  const load::LoadRequest& r = c.request;
  if (c.site.site.empty())
    return "give a site folder or an RDF file, e.g. `guidegraph load examples/site --endpoint URL`";
  if (r.endpoints.graphStore.empty() && r.endpoints.update.empty() && !c.dryRun)
    return "give --endpoint URL (Graph Store Protocol) or --update-endpoint URL (SPARQL Update)";
  if (r.upload == load::UploadMethod::Update && r.endpoints.update.empty())
    return "--upload update needs --update-endpoint URL";
  if (r.upload == load::UploadMethod::GraphStore && r.endpoints.graphStore.empty())
    return "--upload graph-store needs --endpoint URL (Graph Store)";
  if (!c.singleGraph.empty() && c.perPage) return "give either --graph IRI or --graph-per-page";
  if (c.changedOnly && !c.singleGraph.empty())
    return "--changed-only works per page: use it with --graph-per-page, not --graph";
  if (c.changedOnly && r.mode == load::Mode::Merge)
    return "--changed-only replaces changed pages; it cannot be combined with --merge";
  return std::nullopt;
}

}  // namespace

int runLoad(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  pipeline::LoadCommand command;
  OptionTable table;
  declare(table, command);
  if (auto problem = table.parse(args)) return usageError("load", *problem, err);
  if (auto problem = check(command)) return usageError("load", *problem, err);
  return pipeline::loadSite(std::move(command), out, err);
}

}  // namespace guidegraph::cli
