// `guidegraph export`: options; the work is pipeline::exportSite.
#include <algorithm>
#include <filesystem>

#include "commands.hpp"
#include "options.hpp"

namespace guidegraph::cli {

namespace {

std::vector<serialize::RdfFormat> parseFormats(const std::string& list) {
  std::vector<serialize::RdfFormat> formats;
  std::size_t from = 0;
  while (from <= list.size()) {
    const std::size_t comma = std::min(list.find(',', from), list.size());
    const auto f = serialize::parseRdfFormat(std::string_view(list).substr(from, comma - from));
    if (!f)
      throw UsageProblem(
          "--format needs one of ttl, nt, nq, trig, jsonld (or a comma-separated list of them)");
    if (std::find(formats.begin(), formats.end(), *f) == formats.end()) formats.push_back(*f);
    from = comma + 1;
  }
  return formats;
}

void declare(OptionTable& t, pipeline::ExportRequest& r, bool& formatGiven) {
  t.siteOptions(r.site);
  t.flag("--no-validate", r.validate, false);
  t.flag("--force", r.force);
  t.flag("--timings", r.timings);
  t.text("--bulk", "--bulk needs a folder to write the bulk files into", r.bulkDir);
  const std::string chunk = "--chunk-size needs a positive number of quads, e.g. 1000000";
  t.value("--chunk-size", chunk, [&r, chunk](const std::string& v) {
    const auto n = number(v, chunk);
    if (v.size() > 12 || n == 0) throw UsageProblem(chunk);
    r.chunkQuads = static_cast<std::size_t>(n);
  });
  t.value("-o,--output", "-o needs a file name", [&r](const std::string& v) { r.output = v; });
  t.value("-f,--format", "--format needs one of ttl, nt, nq, trig, jsonld",
          [&r, &formatGiven](const std::string& v) {
            r.formats = parseFormats(v);
            formatGiven = true;
          });
  t.value("--jsonld-form", "--jsonld-form needs one of compact, expanded, flattened",
          [&r](const std::string& v) {
            const auto f = serialize::parseJsonLdForm(v);
            if (!f) throw UsageProblem("--jsonld-form needs one of compact, expanded, flattened");
            r.jsonld.form = *f;
          });
}

// Combinations the options alone cannot refuse.
std::optional<std::string> check(const pipeline::ExportRequest& r, bool formatGiven) {
  if (r.site.site.empty())
    return "give the folder of a Hugo site, e.g. `guidegraph export examples/site`";
  if (!r.bulkDir.empty() && (formatGiven || r.output != "-"))
    return "--bulk DIR writes gzip N-Quads chunks of its own; leave out -f and -o";
  if (r.bulkDir.empty() && r.chunkQuads != serialize::kDefaultChunkQuads)
    return "--chunk-size goes with --bulk DIR";
  if (r.formats.size() <= 1) return std::nullopt;
  if (r.output == "-") return "several formats need a folder to write them into: add `-o DIR`";
  std::error_code ec;
  if (!std::filesystem::is_directory(r.output, ec)) {
    return "'" + r.output +
           "' is not a folder; several formats are written into a folder (create it first)";
  }
  return std::nullopt;
}

}  // namespace

int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  pipeline::ExportRequest request;
  bool formatGiven = false;
  OptionTable table;
  declare(table, request, formatGiven);
  if (auto problem = table.parse(args)) return usageError("export", *problem, err);
  if (auto problem = check(request, formatGiven)) return usageError("export", *problem, err);
  return pipeline::exportSite(request, out, err);
}

}  // namespace guidegraph::cli
