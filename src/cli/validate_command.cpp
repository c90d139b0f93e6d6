// `guidegraph validate`: options; the work is pipeline::validateSite.
#include "commands.hpp"
#include "options.hpp"

namespace guidegraph::cli {

int runValidate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  pipeline::ValidateRequest r;
  OptionTable t;
  t.siteOptions(r.site);
  t.value("--shapes", "--shapes needs a file name",
          [&r](const std::string& v) { r.shapeFiles.push_back(v); });
  t.value("--data", "--data needs a file name",
          [&r](const std::string& v) { r.dataFiles.push_back(v); });
  t.value("-f,--format", "--format needs one of text, turtle, sarif, json",
          [&r](const std::string& v) {
            using F = pipeline::ReportFormat;
            if (v == "text")
              r.format = F::Text;
            else if (v == "turtle")
              r.format = F::Turtle;
            else if (v == "sarif")
              r.format = F::Sarif;
            else if (v == "json")
              r.format = F::Json;
            else
              throw UsageProblem("--format needs one of text, turtle, sarif, json");
          });
  t.value("-o,--output", "-o needs a file name", [&r](const std::string& v) { r.output = v; });
  t.flag("--strict", r.strict);
  if (auto problem = t.parse(args)) return usageError("validate", *problem, err);
  if (r.dataFiles.empty() == r.site.site.empty())
    return usageError("validate", "give either a SITE folder or --data files", err);
  if (!r.dataFiles.empty() && r.shapeFiles.empty())
    return usageError("validate", "--data needs --shapes FILE to validate against", err);
  return pipeline::validateSite(r, out, err);
}

}  // namespace guidegraph::cli
