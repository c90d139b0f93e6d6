#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "guidegraph/output.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/serialize.hpp"
#include "kept_until_exit.hpp"
#include "progress.hpp"
#include "validation.hpp"

namespace guidegraph::cli {

const char* const kExportUsage = R"(Usage: guidegraph export SITE [options]

Reads the Hugo site in folder SITE (its hugo.toml and content/) and writes its knowledge
graph as RDF. Problems in the content are reported as file:line:col diagnostics on
standard error; the rest of the site is still exported.

Options:
  -o, --output FILE      write to FILE (atomically: a complete file or none);
                         default: standard output
  -f, --format FORMAT    ttl (default), nt, nq, trig or jsonld; or a comma-separated
                         list such as ttl,nq,jsonld, which needs -o DIR: each format
                         is then written to DIR/NAME.EXT, NAME being the site folder's
                         name (examples/site -> DIR/site.ttl, DIR/site.nq, ...)
      --jsonld-form FORM compact (default; with the context of vocab/context.jsonld
                         written into the output, so no network is needed),
                         expanded or flattened
      --base IRI         use IRI instead of the site's baseURL for every permalink
  -D, --drafts           include pages marked `draft: true`
  -F, --build-future     include pages whose publishDate (or date) is in the future
  -E, --build-expired    include pages whose expiryDate has passed
  -e, --environment ENV  read config/ENV/ over config/_default/ (default: production, or
                         $HUGO_ENVIRONMENT)
      --conventions FILE the site's conventions, a TOML, YAML or JSON file with the keys
                         of params.guidegraph (guides, guideTag, sources, categories,
                         languages, website, languageNames, ...), which override the
                         site configuration's (README: "Reading your own site")
      --threads N        parse, describe and validate with N threads (default: one per core)
      --max-file-size N  skip content files larger than N bytes (default 16777216)
      --max-files N      read at most N content files (default 1000000)
      --max-yaml-depth N YAML front matter nested deeper than N levels is an error
                         (front-matter-too-deep; default 64)
      --max-yaml-nodes N YAML front matter that expands (aliases included) to more than
                         N values is an error (front-matter-too-large; default 100000)
      --no-validate      skip validation (the vocabulary rules and graph checks of
                         `guidegraph validate`), which export runs by default
      --force            write the output even when validation finds violations
      --timings          print the time each stage took (scan, parse, merge, RDF view,
                         serialize) on standard error
  -q, --quiet            print no summary line, and no progress line (which is shown
                         only on a terminal, for runs longer than a second)

Turtle and N-Triples hold the union of all graphs. N-Quads, TriG and JSON-LD keep one
named graph per page, named by the page's permalink (JSON-LD: {"@id": permalink,
"@graph": [...]}), and the vocabulary in a graph of its own. Every output is sorted and
byte-identical from run to run.

Validation problems are reported like the others. When validation finds violations
(errors of the vocabulary rules), nothing is written unless --force; input errors such as
a broken link or malformed front matter are reported and the rest is still written.

Exit codes: 0 success; 1 the content has errors or violations (the output was still
written unless violations stopped it); 2 bad command line, no site at SITE, or the
output could not be written.
)";

namespace {

std::size_t countEntities(const KnowledgeGraph& g) {
  std::size_t n = 0;
  for (auto [v, end] = boost::vertices(g.impl()); v != end; ++v) {
    const VertexProps& p = g[*v];
    if (p.page.empty()) continue;
    switch (p.kind) {
      case VertexKind::Guide:
      case VertexKind::Source:
      case VertexKind::Category:
      case VertexKind::Country:
      case VertexKind::Place:
      case VertexKind::Contributor:
      case VertexKind::Tag:
      case VertexKind::DataType:
        ++n;
        break;
      default:
        break;
    }
  }
  return n;
}

// The file name stem for `-o DIR`: the site folder's own name ("examples/site" -> "site").
std::string siteName(const std::string& site) {
  std::error_code ec;
  std::filesystem::path p =
      std::filesystem::weakly_canonical(std::filesystem::absolute(site, ec), ec);
  std::string name = p.filename().string();
  if (name.empty()) name = p.parent_path().filename().string();
  return name.empty() ? std::string("site") : name;
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

}  // namespace

int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  std::string output = "-";
  std::vector<serialize::RdfFormat> formats;
  serialize::JsonLdOptions jsonld;
  bool timings = false;
  bool validate = true;
  bool force = false;
  const auto problem = parseSiteOptions(
      args, options, [&](const std::string& arg, const auto& next) -> std::optional<std::string> {
        if (arg == "--no-validate") {
          validate = false;
          return std::nullopt;
        }
        if (arg == "--force") {
          force = true;
          return std::nullopt;
        }
        if (arg == "--timings") {
          timings = true;
          return std::nullopt;
        }
        if (arg == "-o" || arg == "--output") {
          const auto v = next();
          if (!v) return "-o needs a file name";
          output = *v;
          return std::nullopt;
        }
        if (arg == "-f" || arg == "--format") {
          const auto v = next();
          if (!v) return "--format needs one of ttl, nt, nq, trig, jsonld";
          formats.clear();
          std::size_t from = 0;
          while (from <= v->size()) {
            const std::size_t comma = std::min(v->find(',', from), v->size());
            const auto f =
                serialize::parseRdfFormat(std::string_view(*v).substr(from, comma - from));
            if (!f)
              return "--format needs one of ttl, nt, nq, trig, jsonld (or a comma-separated list "
                     "of them)";
            if (std::find(formats.begin(), formats.end(), *f) == formats.end())
              formats.push_back(*f);
            from = comma + 1;
          }
          return std::nullopt;
        }
        if (arg == "--jsonld-form") {
          const auto v = next();
          const auto f = v ? serialize::parseJsonLdForm(*v) : std::nullopt;
          if (!f) return "--jsonld-form needs one of compact, expanded, flattened";
          jsonld.form = *f;
          return std::nullopt;
        }
        return std::string();
      });
  if (problem) return usageError("export", *problem, err);
  if (options.site.empty())
    return usageError(
        "export", "give the folder of a Hugo site, e.g. `guidegraph export examples/site`", err);
  if (formats.empty()) formats.push_back(serialize::RdfFormat::Turtle);
  const bool toFolder = formats.size() > 1;
  if (toFolder && output == "-") {
    return usageError("export", "several formats need a folder to write them into: add `-o DIR`",
                      err);
  }
  if (toFolder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(output, ec)) {
      return usageError(
          "export",
          "'" + output +
              "' is not a folder; several formats are written into a folder (create it first)",
          err);
    }
  }

  const auto start = std::chrono::steady_clock::now();
  StageTimer timer;
  ProgressLine progress(err, options.quiet);
  options.build.stageDone = [&](const char* stage) {
    if (std::string_view(stage) == "parse") progress.finish();
    timer.mark(stage);
  };
  options.build.progress = [&](std::size_t done, std::size_t total) {
    progress.update(done, total);
  };
  Diagnostics diags;
  KeptUntilExit<Site> keptSite([&] { return buildSite(options.site, options.build, diags); });
  // The pages' parsed front matter and bodies are in the graph now; nothing after the merge
  // reads them, and at 100,000 pages they are a tenth of the memory.
  releaseFragments(*keptSite);
  const Site& site = *keptSite;
  if (site.config.configFile.empty()) {
    printDiagnostics(diags, err);
    return kExitUsage;
  }
  // The graph checks need only the site: they run beside the view and the writer.
  std::optional<GraphChecks> graphChecks;
  if (validate) graphChecks.emplace(site);
  const KeptUntilExit<rdf::Dataset> keptData(
      [&] { return rdf::buildRdfView(site, diags, options.build.threads); });
  const rdf::Dataset& data = *keptData;
  timer.mark("rdf view");
  // Validation reads the triples and serialization writes them: with more than one core
  // both run at once, the output going to its temporary file, renamed into place only
  // once validation allowed it. Standard output cannot be taken back, so it waits for
  // validation; so does JSON-LD, which builds its document in memory (the two together
  // would raise the peak).
  const bool streaming =
      std::find(formats.begin(), formats.end(), serialize::RdfFormat::JsonLd) == formats.end();
  const bool concurrent = validate && output != "-" && streaming && options.build.threads != 1 &&
                          std::thread::hardware_concurrency() > 1;
  struct Validated {
    ValidationOutcome outcome;
    Diagnostics diags;
    double seconds = 0;
  };
  std::future<Validated> pending;
  if (validate) {
    pending = std::async(concurrent ? std::launch::async : std::launch::deferred, [&] {
      const auto begin = std::chrono::steady_clock::now();
      Validated v;
      v.outcome = validateSite(site, data, {}, v.diags, &*graphChecks, options.build.threads);
      v.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      return v;
    });
  }
  std::size_t violations = 0;
  double validationSeconds = 0;
  bool decided = false;
  // Waits for validation (once), prints every diagnostic, and says whether to write.
  const auto mayWrite = [&]() -> bool {
    if (!decided) {
      decided = true;
      if (validate) {
        Validated v = pending.get();
        diags.append(v.diags);
        for (const auto& d : v.outcome.report.diagnostics()) diags.add(d);
        violations = v.outcome.count(Severity::Error);
        validationSeconds = v.seconds;
        timer.mark("validate");
      }
      diags.sort();
      printDiagnostics(diags, err);
    }
    return violations == 0 || force;
  };
  const auto refused = [&] {
    err << "guidegraph export: error: validation found " << violations
        << " violation(s); nothing was written. Fix them, or pass --force to write anyway\n";
    return kExitInputErrors;
  };
  if (!concurrent && !mayWrite()) return refused();

  std::vector<std::string> written;
  for (const serialize::RdfFormat format : formats) {
    const std::string path =
        toFolder ? (std::filesystem::path(output) /
                    (siteName(options.site) + "." + serialize::formatExtension(format)))
                       .string()
                 : output;
    std::string writeError;
    bool refusedHere = false;
    bool marked = false;
    const WriteResult result = writeOutput(path, out, [&](std::ostream& os) {
      writeError = format == serialize::RdfFormat::JsonLd ? serialize::writeJsonLd(data, jsonld, os)
                                                          : serialize::writeRdf(data, format, os);
      if (!writeError.empty()) return false;
      if (!decided) {
        timer.mark(std::string("serialize ") + serialize::formatExtension(format));
        marked = true;
        refusedHere = !mayWrite();
        return !refusedHere;
      }
      return true;
    });
    if (refusedHere) return refused();
    if (!result.ok) {
      if (!decided) (void)mayWrite();  // the diagnostics are still printed
      err << "guidegraph export: error: " << (writeError.empty() ? result.error : writeError)
          << (path == "-" ? "" : "; '" + path + "' was left as it was") << '\n';
      return kExitUsage;
    }
    written.push_back(path == "-" ? std::string("standard output") : path);
    if (!marked) timer.mark(std::string("serialize ") + serialize::formatExtension(format));
  }
  if (timings) {
    timer.print(err);
    if (concurrent) {
      err << "guidegraph: timings: validation ran beside serialization for " << std::fixed
          << std::setprecision(3) << validationSeconds << " s\n";
    }
  }
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream summary;
    summary << "guidegraph: exported " << options.site << " to " << join(written) << ": "
            << site.pages.size() << " pages, " << countEntities(site.graph) << " entities, "
            << data.triples.size() << " triples in ";
    summary.setf(std::ios::fixed);
    summary.precision(3);
    summary << seconds << " s";
    if (diags.hasErrors() || diags.count(Severity::Warning)) {
      summary << " (" << diags.count(Severity::Error) << " errors, "
              << diags.count(Severity::Warning) << " warnings)";
    }
    err << summary.str() << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
