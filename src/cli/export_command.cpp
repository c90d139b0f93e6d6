#include <chrono>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "guidegraph/output.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/serialize.hpp"

namespace guidegraph::cli {

const char* const kExportUsage = R"(Usage: guidegraph export SITE [options]

Reads the Hugo site in folder SITE (its hugo.toml and content/) and writes its knowledge
graph as RDF. Problems in the content are reported as file:line:col diagnostics on
standard error; the rest of the site is still exported.

Options:
  -o, --output FILE      write to FILE (atomically: a complete file or none);
                         default: standard output
  -f, --format FORMAT    ttl (default), nt, nq or trig
      --base IRI         use IRI instead of the site's baseURL for every permalink
      --drafts           include pages marked `draft: true`
      --threads N        parse with N threads (default: one per core)
      --max-file-size N  skip content files larger than N bytes (default 16777216)
      --max-files N      read at most N content files (default 1000000)
  -q, --quiet            print no summary line

Exit codes: 0 success; 1 the content has errors (output still written for the rest);
2 bad command line, no site at SITE, or the output could not be written.
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
        ++n;
        break;
      default:
        break;
    }
  }
  return n;
}

}  // namespace

int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  std::string output = "-";
  serialize::RdfFormat format = serialize::RdfFormat::Turtle;
  const auto problem = parseSiteOptions(
      args, options, [&](const std::string& arg, const auto& next) -> std::optional<std::string> {
        if (arg == "-o" || arg == "--output") {
          const auto v = next();
          if (!v) return "-o needs a file name";
          output = *v;
          return std::nullopt;
        }
        if (arg == "-f" || arg == "--format") {
          const auto v = next();
          const auto f = v ? serialize::parseRdfFormat(*v) : std::nullopt;
          if (!f) return "--format needs one of ttl, nt, nq, trig";
          format = *f;
          return std::nullopt;
        }
        return std::string();
      });
  if (problem) return usageError("export", *problem, err);
  if (options.site.empty()) return usageError("export", "give the folder of a Hugo site, e.g. `guidegraph export examples/site`", err);

  const auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  const Site site = buildSite(options.site, options.build, diags);
  if (site.config.configFile.empty()) {
    printDiagnostics(diags, err);
    return kExitUsage;
  }
  const rdf::Dataset data = rdf::buildRdfView(site, diags);
  diags.sort();
  printDiagnostics(diags, err);

  std::string writeError;
  const WriteResult written = writeOutput(output, out, [&](std::ostream& os) {
    writeError = serialize::writeRdf(data, format, os);
    return writeError.empty();
  });
  if (!written.ok) {
    err << "guidegraph export: error: " << (writeError.empty() ? written.error : writeError)
        << (output == "-" ? "" : "; '" + output + "' was left as it was") << '\n';
    return kExitUsage;
  }
  if (!options.quiet) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ostringstream summary;
    summary << "guidegraph: exported " << options.site << " to "
            << (output == "-" ? std::string("standard output") : output) << ": " << site.pages.size()
            << " pages, " << countEntities(site.graph) << " entities, " << data.triples.size()
            << " triples in ";
    summary.setf(std::ios::fixed);
    summary.precision(3);
    summary << seconds << " s";
    if (diags.hasErrors() || diags.count(Severity::Warning)) {
      summary << " (" << diags.count(Severity::Error) << " errors, " << diags.count(Severity::Warning)
              << " warnings)";
    }
    err << summary.str() << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
