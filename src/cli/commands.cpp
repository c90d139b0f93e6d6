#include "commands.hpp"

#include <chrono>
#include <iostream>
#include <optional>
#include <sstream>

#include "guidegraph/output.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/serialize.hpp"
#include "guidegraph/site.hpp"

#ifndef GUIDEGRAPH_VERSION
#define GUIDEGRAPH_VERSION "0.0.0"
#endif

namespace guidegraph::cli {
namespace {

constexpr const char* kUsage = R"(Usage: guidegraph <command> [options]

Turns a Hugo website of country guides into linked data.

Commands:
  export SITE    read the Hugo site in folder SITE and write its knowledge graph as RDF

Options for export:
  -o, --output FILE      write to FILE (written atomically); default: standard output
  -f, --format FORMAT    ttl (default), nt, nq or trig
      --base IRI         use IRI instead of the site's baseURL for every permalink
      --drafts           include pages marked `draft: true`
      --threads N        parse with N threads (default: one per core)
      --max-file-size N  skip content files larger than N bytes (default 16 MiB)
  -q, --quiet            print no summary line

General options:
  -h, --help             show this help
      --version          show the version

Exit codes:
  0  success
  1  the input has errors (each is reported as file:line:col: error: ...); the rest of the
     site is still exported
  2  bad command line, unreadable site, or an output that could not be written
)";

struct ExportArgs {
  std::string site;
  std::string output = "-";
  serialize::RdfFormat format = serialize::RdfFormat::Turtle;
  BuildOptions build;
  bool quiet = false;
};

// Returns an error message, or nullopt when the arguments were understood.
std::optional<std::string> parseExportArgs(const std::vector<std::string>& args, ExportArgs& a) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&](const char* name) -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      (void)name;
      return args[++i];
    };
    if (arg == "-o" || arg == "--output") {
      auto v = value("--output");
      if (!v) return "option " + arg + " needs a file name";
      a.output = *v;
    } else if (arg == "-f" || arg == "--format") {
      auto v = value("--format");
      if (!v) return "option " + arg + " needs a format";
      const auto f = serialize::parseRdfFormat(*v);
      if (!f) return "unknown format '" + *v + "'; use ttl, nt, nq or trig";
      a.format = *f;
    } else if (arg == "--base") {
      auto v = value("--base");
      if (!v) return "option --base needs an IRI";
      if (v->find("://") == std::string::npos) return "--base '" + *v + "' is not an absolute IRI";
      a.build.baseOverride = *v;
    } else if (arg == "--drafts") {
      a.build.includeDrafts = true;
    } else if (arg == "--threads") {
      auto v = value("--threads");
      try {
        if (!v) throw std::invalid_argument("");
        a.build.threads = static_cast<unsigned>(std::stoul(*v));
      } catch (const std::exception&) {
        return "option --threads needs a number";
      }
    } else if (arg == "--max-file-size") {
      auto v = value("--max-file-size");
      try {
        if (!v) throw std::invalid_argument("");
        a.build.limits.maxFileBytes = std::stoull(*v);
      } catch (const std::exception&) {
        return "option --max-file-size needs a number of bytes";
      }
    } else if (arg == "-q" || arg == "--quiet") {
      a.quiet = true;
    } else if (!arg.empty() && arg.front() == '-' && arg != "-") {
      return "unknown option '" + arg + "'";
    } else if (a.site.empty()) {
      a.site = arg;
    } else {
      return "unexpected argument '" + arg + "' (only one SITE folder is read)";
    }
  }
  if (a.site.empty()) return "export needs the folder of a Hugo site, e.g. `guidegraph export examples/site`";
  return std::nullopt;
}

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

void printDiagnostics(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags.items()) err << formatDiagnostic(d) << '\n';
}

int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ExportArgs a;
  if (const auto problem = parseExportArgs(args, a)) {
    err << "guidegraph: error: " << *problem << "\n(see `guidegraph --help`)\n";
    return kExitUsage;
  }
  const auto start = std::chrono::steady_clock::now();
  Diagnostics diags;
  const Site site = buildSite(a.site, a.build, diags);
  if (site.config.configFile.empty() || site.filesScanned == 0) {
    printDiagnostics(diags, err);
    if (site.config.configFile.empty()) return kExitUsage;
  }
  const rdf::Dataset data = rdf::buildRdfView(site, diags);
  diags.sort();
  printDiagnostics(diags, err);
  std::string writeError;
  const auto produce = [&](std::ostream& os) {
    writeError = serialize::writeRdf(data, a.format, os);
    return writeError.empty();
  };
  WriteResult written;
  if (a.output == "-") {
    writeError = serialize::writeRdf(data, a.format, out);
    out.flush();
    if (writeError.empty() && !out) writeError = "cannot write to standard output";
    written.ok = writeError.empty();
  } else {
    written = writeFileAtomically(a.output, produce);
  }
  if (!written.ok) {
    err << "guidegraph: error: " << (writeError.empty() ? written.error : writeError)
        << "; nothing was written\n";
    return kExitUsage;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!a.quiet) {
    std::ostringstream summary;
    summary.precision(3);
    summary << "guidegraph: exported " << a.site << " to " << (a.output == "-" ? "standard output" : a.output)
            << ": " << site.pages.size() << " pages, " << countEntities(site.graph) << " entities, "
            << data.triples.size() << " triples in " << std::fixed << seconds << " s";
    if (diags.count(Severity::Error) || diags.count(Severity::Warning)) {
      summary << " (" << diags.count(Severity::Error) << " errors, " << diags.count(Severity::Warning)
              << " warnings)";
    }
    err << summary.str() << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& command = args.front();
  if (command == "-h" || command == "--help" || command == "help") {
    out << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    out << "guidegraph " << GUIDEGRAPH_VERSION << '\n';
    return kExitOk;
  }
  for (const auto& a : args) {
    if (a == "-h" || a == "--help") {
      out << kUsage;
      return kExitOk;
    }
  }
  if (command == "export") return runExport(args, out, err);
  err << "guidegraph: error: unknown command '" << command << "'\n(see `guidegraph --help`)\n";
  return kExitUsage;
}

}  // namespace guidegraph::cli
