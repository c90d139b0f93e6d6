// `guidegraph validate`: the site (or RDF files) against the shapes, as a report.
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "guidegraph/pipeline.hpp"
#include "guidegraph/shacl.hpp"

namespace guidegraph::pipeline {

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

// The input and graph-check problems (broken links, cycles, ...) are no SHACL results, but
// a code host reading the SARIF must see them too.
bool writeMachineReport(const ValidationOutcome& outcome, const Diagnostics& diags, bool sarif,
                        std::ostream& os) {
  std::ostringstream report;
  if (!(sarif ? shacl::writeReportSarif : shacl::writeReportJson)(outcome.report, report))
    return false;
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(report.str());
  if (sarif) {
    addToSarif(doc, diags);
  } else {
    addToJson(doc, diags);
  }
  os << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  return static_cast<bool>(os);
}

// Writes the report; problems of the input itself always go to standard error.
int writeReport(const ValidateRequest& r, const ValidationOutcome& outcome, Diagnostics& diags,
                std::ostream& out, std::ostream& err) {
  diags.sort();
  if (!r.site.quiet || r.format != ReportFormat::Text) printDiagnostics(diags, err);
  const WriteResult written = writeOutput(r.output, out, [&](std::ostream& os) {
    switch (r.format) {
      case ReportFormat::Turtle:
        return writeReportTurtle(outcome.report, os);
      case ReportFormat::Sarif:
      case ReportFormat::Json:
        return writeMachineReport(outcome, diags, r.format == ReportFormat::Sarif, os);
      case ReportFormat::Text:
        break;
    }
    return writeReportText(outcome.report, diags, os);
  });
  if (!written.ok) {
    err << "guidegraph validate: error: " << written.error << '\n';
    return kExitUsage;
  }
  return kExitOk;
}

int validateDataFiles(const ValidateRequest& r, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  const ValidationOutcome outcome = validateFiles(r.dataFiles, r.shapeFiles, diags);
  if (!outcome.inputsRead) {
    printDiagnostics(diags, err);
    return kExitUsage;
  }
  if (const int failed = writeReport(r, outcome, diags, out, err)) return failed;
  const bool failed =
      diags.hasErrors() || outcome.count(Severity::Error) > 0 ||
      (r.strict && (diags.count(Severity::Warning) > 0 || outcome.count(Severity::Warning) > 0));
  return failed ? kExitInputErrors : kExitOk;
}

}  // namespace

int validateSite(const ValidateRequest& r, std::ostream& out, std::ostream& err) {
  if (!r.dataFiles.empty()) return validateDataFiles(r, out, err);
  SiteRun run(r.site, err);
  if (!run.build()) {
    run.printDiagnostics(err);
    return kExitUsage;
  }
  run.startValidation(r.shapeFiles, false);
  const ValidationOutcome& outcome = run.awaitValidation();
  if (!outcome.inputsRead) {
    printDiagnostics(run.diagnostics(), err);
    return kExitUsage;
  }
  if (const int failed = writeReport(r, outcome, run.diagnostics(), out, err)) return failed;
  return run.exitCode(r.strict);
}

}  // namespace guidegraph::pipeline
