#include "commands.hpp"

#include <iostream>

#ifndef GUIDEGRAPH_VERSION
#define GUIDEGRAPH_VERSION "0.0.0"
#endif

namespace guidegraph::cli {

extern const char* const kGitCommit;  // git_commit.cpp, written at build time

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"export",
       "write the site's knowledge graph as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD)",
       kExportUsage, runExport},
      {"publish",
       "write every page's graph beside it (index.ttl, index.jsonld) and a VoID description",
       kPublishUsage, runPublish},
      {"map", "draw the sources, guides and categories as a GraphViz map (DOT, SVG, PNG)",
       kMapUsage, runMap},
      {"validate",
       "check the site (or RDF files) against the vocabulary rules; file:line:col reports",
       kValidateUsage, runValidate},
      {"pages", "list the site's pages with their kind and permalink (CSV)", kPagesUsage, runPages},
      {"catalog",
       "write library catalog records for the sources (MARC 21, Dublin Core, OAI-PMH, CSV)",
       kCatalogUsage, runCatalog},
      {"load", "load the graph into a SPARQL store (Graph Store Protocol or SPARQL Update)",
       kLoadUsage, runLoad},
  };
  return all;
}

namespace {

void printUsage(std::ostream& out) {
  out << "Usage: guidegraph <command> [options]\n\n"
         "Turns a Hugo website of country guides into linked data.\n\nCommands:\n";
  for (const auto& c : commands()) {
    out << "  " << c.name
        << std::string(12 - std::min<std::size_t>(11, std::string(c.name).size()), ' ') << c.summary
        << '\n';
  }
  out << "\nRun `guidegraph <command> --help` for a command's options.\n\n"
         "General options:\n"
         "  -h, --help     show this help\n"
         "      --version  show the version\n\n"
         "Exit codes:\n"
         "  0  success\n"
         "  1  the input has errors, each reported as file:line:col: error: ...; everything else\n"
         "     was still processed\n"
         "  2  bad command line, unreadable site, or an output that could not be written\n"
         "     (nothing is half-written: outputs are replaced only when complete)\n";
}

}  // namespace

std::optional<std::string> parseSiteOptions(const std::vector<std::string>& args, SiteOptions& o,
                                            const OtherOption& other) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const std::function<std::optional<std::string>()> next = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    const auto number = [&](const char* what) -> std::optional<unsigned long long> {
      const auto v = next();
      if (!v || v->empty() || v->find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
      (void)what;
      if (v->size() > 19) return std::nullopt;  // more than an unsigned 64-bit number holds
      return std::stoull(*v);
    };
    if (arg == "--base") {
      const auto v = next();
      if (!v || v->find("://") == std::string::npos)
        return "--base needs an absolute IRI such as https://example.org/";
      o.build.baseOverride = *v;
    } else if (arg == "--drafts" || arg == "-D" || arg == "--buildDrafts") {
      o.build.includeDrafts = true;
    } else if (arg == "--build-future" || arg == "-F" || arg == "--buildFuture") {
      o.build.includeFuture = true;
    } else if (arg == "--build-expired" || arg == "-E" || arg == "--buildExpired") {
      o.build.includeExpired = true;
    } else if (arg == "--conventions") {
      const auto v = next();
      if (!v || v->empty()) return "--conventions needs a file (TOML, YAML or JSON)";
      o.build.conventionsFile = *v;
    } else if (arg == "--environment" || arg == "-e") {
      const auto v = next();
      if (!v || v->empty()) return "--environment needs a name such as production";
      o.build.environment = *v;
    } else if (arg == "--threads") {
      const auto n = number("threads");
      if (!n) return "--threads needs a number";
      o.build.threads = static_cast<unsigned>(*n);
    } else if (arg == "--max-file-size") {
      const auto n = number("bytes");
      if (!n) return "--max-file-size needs a number of bytes";
      o.build.limits.maxFileBytes = *n;
    } else if (arg == "--max-files") {
      const auto n = number("files");
      if (!n) return "--max-files needs a number";
      o.build.maxFiles = *n;
    } else if (arg == "--max-yaml-depth") {
      const auto n = number("levels");
      if (!n || *n > 100000) return "--max-yaml-depth needs a number of levels (at most 100000)";
      o.build.limits.maxYamlDepth = static_cast<unsigned>(*n);
    } else if (arg == "--max-yaml-nodes") {
      const auto n = number("values");
      if (!n) return "--max-yaml-nodes needs a number of values";
      o.build.limits.maxYamlNodes = *n;
    } else if (arg == "-q" || arg == "--quiet") {
      o.quiet = true;
    } else if (arg.size() > 1 && arg.front() == '-') {
      if (const auto problem = other(arg, next)) {
        return problem->empty() ? "unknown option '" + arg + "'" : *problem;
      }
    } else if (o.site.empty()) {
      o.site = arg;
    } else {
      return "unexpected argument '" + arg + "' (only one SITE folder is read)";
    }
  }
  return std::nullopt;
}

int usageError(const std::string& command, const std::string& message, std::ostream& err) {
  err << "guidegraph " << command << ": error: " << message << "\n(see `guidegraph " << command
      << " --help`)\n";
  return kExitUsage;
}

void printDiagnostics(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags.items()) err << formatDiagnostic(d) << '\n';
}

WriteResult writeOutput(const std::string& path, std::ostream& out,
                        const std::function<bool(std::ostream&)>& produce) {
  if (path != "-") return writeFileAtomically(path, produce);
  if (!produce(out)) return {false, "output abandoned"};
  out.flush();
  if (!out) return {false, "cannot write to standard output"};
  return {};
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    printUsage(err);
    return kExitUsage;
  }
  const std::string& name = args.front();
  if (name == "-h" || name == "--help" || name == "help") {
    printUsage(out);
    return kExitOk;
  }
  if (name == "--version") {
    out << "guidegraph " << GUIDEGRAPH_VERSION;
    if (*kGitCommit != '\0') {
      out << " (git commit " << kGitCommit << ")\n";
    } else {
      out << " (built outside a git work tree)\n";
    }
    return kExitOk;
  }
  for (const auto& c : commands()) {
    if (name != c.name) continue;
    for (const auto& a : args) {
      if (a == "-h" || a == "--help") {
        out << c.usage;
        return kExitOk;
      }
    }
    return c.run(args, out, err);
  }
  err << "guidegraph: error: unknown command '" << name << "'\n(see `guidegraph --help`)\n";
  return kExitUsage;
}

}  // namespace guidegraph::cli
