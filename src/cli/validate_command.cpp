#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "guidegraph/graph_checks.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/shacl.hpp"
#include "kept_until_exit.hpp"
#include "validation.hpp"

namespace guidegraph::cli {

const char* const kValidateUsage = R"(Usage: guidegraph validate SITE [options]
       guidegraph validate --data FILE... --shapes FILE... [options]

Checks the site's knowledge graph against the vocabulary rules (the SHACL shapes in
shapes/guidegraph.ttl, compiled in, plus any given with --shapes) and the graph checks
(broken links, links to drafts, category cycles, sources no guide recommends, duplicate
websites, guides without sections). Every problem points at the Markdown file, line and
column to change.

With --data, validates any RDF files (Turtle .ttl, N-Triples .nt, N-Quads .nq, TriG
.trig) against the shapes given with --shapes, like any SHACL validator.

Options:
      --shapes FILE      more shapes (with --data: the shapes to use); may be repeated
      --data FILE        RDF data to validate instead of a site; may be repeated
  -f, --format FORMAT    text (default), turtle (a sh:ValidationReport), sarif (2.1.0) or json
  -o, --output FILE      write the report to FILE (atomically); default: standard output
      --strict           warnings also make the exit code 1
      --base IRI, -D/--drafts, -F/--build-future, -E/--build-expired,
      -e/--environment ENV, --conventions FILE, --threads N, --max-file-size N,
      --max-files N,
      --max-yaml-depth N, --max-yaml-nodes N, -q/--quiet
                         as for `guidegraph export`

Exit codes: 0 conforms (warnings and infos may have been reported); 1 violations or errors
(with --strict also warnings); 2 bad command line, unreadable input or output.
)";

namespace {

void addToSarif(nlohmann::ordered_json& doc, const Diagnostics& diags) {
  auto& run = doc["runs"][0];
  auto& rules = run["tool"]["driver"]["rules"];
  auto& results = run["results"];
  for (const Diagnostic& d : diags.items()) {
    std::size_t ruleIndex = rules.size();
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (rules[i]["id"] == d.code) ruleIndex = i;
    }
    if (ruleIndex == rules.size()) {
      rules.push_back(
          {{"id", d.code}, {"shortDescription", {{"text", "guidegraph check " + d.code}}}});
    }
    nlohmann::ordered_json location = {{"artifactLocation", {{"uri", d.pos.file}}}};
    if (d.pos.line > 0)
      location["region"] = {{"startLine", d.pos.line}, {"startColumn", std::max(1u, d.pos.column)}};
    results.push_back(
        {{"ruleId", d.code},
         {"ruleIndex", ruleIndex},
         {"level", shacl::sarifLevel(d.severity)},
         {"message", {{"text", d.message}}},
         {"locations", nlohmann::ordered_json::array({{{"physicalLocation", location}}})}});
  }
}

void addToJson(nlohmann::ordered_json& doc, const Diagnostics& diags) {
  auto& list = doc["diagnostics"] = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diags.items()) {
    list.push_back(
        {{"severity", severityName(d.severity)},
         {"code", d.code},
         {"message", d.message},
         {"origin", {{"file", d.pos.file}, {"line", d.pos.line}, {"column", d.pos.column}}}});
  }
  if (diags.hasErrors()) doc["conforms"] = false;
}

}  // namespace

int runValidate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  std::vector<std::string> shapeFiles;
  std::vector<std::string> dataFiles;
  std::string output = "-";
  std::string format = "text";
  bool strict = false;
  const auto problem = parseSiteOptions(
      args, options, [&](const std::string& arg, const auto& next) -> std::optional<std::string> {
        if (arg == "--shapes" || arg == "--data") {
          const auto v = next();
          if (!v) return arg + " needs a file name";
          (arg == "--shapes" ? shapeFiles : dataFiles).push_back(*v);
          return std::nullopt;
        }
        if (arg == "-f" || arg == "--format") {
          const auto v = next();
          if (!v || (*v != "text" && *v != "turtle" && *v != "sarif" && *v != "json")) {
            return "--format needs one of text, turtle, sarif, json";
          }
          format = *v;
          return std::nullopt;
        }
        if (arg == "-o" || arg == "--output") {
          const auto v = next();
          if (!v) return "-o needs a file name";
          output = *v;
          return std::nullopt;
        }
        if (arg == "--strict") {
          strict = true;
          return std::nullopt;
        }
        return std::string();
      });
  if (problem) return usageError("validate", *problem, err);
  if (dataFiles.empty() == options.site.empty()) {
    return usageError("validate", "give either a SITE folder or --data files", err);
  }
  if (!dataFiles.empty() && shapeFiles.empty()) {
    return usageError("validate", "--data needs --shapes FILE to validate against", err);
  }

  Diagnostics diags;
  ValidationOutcome outcome;
  if (!dataFiles.empty()) {
    outcome = validateFiles(dataFiles, shapeFiles, diags);
  } else {
    // Kept until the process exits, as in `export`.
    KeptUntilExit<Site> keptSite([&] { return buildSite(options.site, options.build, diags); });
    releaseFragments(*keptSite);
    const Site& site = *keptSite;
    if (site.config.configFile.empty()) {
      printDiagnostics(diags, err);
      return kExitUsage;
    }
    GraphChecks graphChecks(site);  // beside the view and SHACL
    const KeptUntilExit<rdf::Dataset> keptData(
        [&] { return rdf::buildRdfView(site, diags, options.build.threads); });
    outcome = validateSite(site, *keptData, shapeFiles, diags, &graphChecks, options.build.threads);
  }
  if (!outcome.inputsRead) {
    printDiagnostics(diags, err);
    return kExitUsage;
  }
  diags.sort();
  // Problems of the input itself always go to standard error; the report to the output.
  if (!options.quiet || format != "text") printDiagnostics(diags, err);
  const WriteResult written = writeOutput(output, out, [&](std::ostream& os) {
    if (format == "turtle") return writeReportTurtle(outcome.report, os);
    if (format == "sarif" || format == "json") {
      // The input and graph-check problems (broken links, cycles, ...) are no SHACL results,
      // but a code host reading the SARIF must see them too.
      std::ostringstream report;
      if (!(format == "sarif" ? shacl::writeReportSarif : shacl::writeReportJson)(outcome.report,
                                                                                  report))
        return false;
      nlohmann::ordered_json doc = nlohmann::ordered_json::parse(report.str());
      if (format == "sarif") {
        addToSarif(doc, diags);
      } else {
        addToJson(doc, diags);
      }
      os << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
      return static_cast<bool>(os);
    }
    return writeReportText(outcome.report, diags, os);
  });
  if (!written.ok) {
    err << "guidegraph validate: error: " << written.error << '\n';
    return kExitUsage;
  }
  const bool failed =
      diags.hasErrors() || outcome.count(Severity::Error) > 0 ||
      (strict && (diags.count(Severity::Warning) > 0 || outcome.count(Severity::Warning) > 0));
  return failed ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
