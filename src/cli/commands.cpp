#include "commands.hpp"

#include <algorithm>
#include <iostream>

#ifndef GUIDEGRAPH_VERSION
#define GUIDEGRAPH_VERSION "0.0.0"
#endif

namespace guidegraph::cli {

extern const char* const kGitCommit;  // git_commit.cpp, written at build time

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"export",
       "write the site's knowledge graph as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD), "
       "or gzip N-Quads chunks for a store's bulk loader (--bulk)",
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
      {"load",
       "load the graph into a SPARQL store (SPARQL Update or Graph Store Protocol), each page's "
       "graph replaced whole",
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
