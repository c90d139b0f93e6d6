#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "guidegraph/map.hpp"

namespace guidegraph::cli {

const char* const kMapUsage =
    R"(Usage: guidegraph map SITE [--by category|country|guide] [-o FILE] [--render svg|png]
                      [--layout dot|fdp]

Draws the site's sources as a GraphViz map: each guide points at the sources it
recommends, sources are filled with the colour of their category (see the legend), and
are grouped into clusters:

  --by category   a cluster per top-level category, nested clusters for its
                  sub-categories (skos:broader); a source sits in its most specific
                  category (the default)
  --by country    a cluster per country, holding its guides and sources (a source
                  of several countries sits in the first of them by IRI)
  --by guide      a cluster per guide, holding the guide and the sources only it
                  recommends; sources shared by several guides stay outside

Labels are the names of guides and sources, shortened to about 36 characters (the full
name is the tooltip, and each node links to its page in SVG). Every string is escaped for
DOT. Output is byte-identical from run to run.

Options:
      --by GROUPING      category (default), country or guide
  -o, --output FILE      write to FILE (atomically); default: standard output
      --layout ENGINE    with --render: dot (default; guides and sources in ranks) or
                         fdp (clusters packed side by side: a compact picture of a site
                         with many sources; GraphViz 2.43's fdp places them a little
                         differently from run to run, the DOT stays the same)
      --render FORMAT    svg or png: run GraphViz's `dot` and write the picture instead
                         of DOT (needs graphviz installed); any warning from dot is an error
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
      --threads N, --max-file-size N, --max-files N, --max-yaml-depth N,
      --max-yaml-nodes N as for `guidegraph export`
  -q, --quiet            print no summary line

Examples:
  guidegraph map examples/site -o sources.dot && dot -Tsvg sources.dot > sources.svg
  guidegraph map examples/site --by country --render png -o countries.png

Exit codes: 0 success; 1 the content has errors (the map is still written);
2 bad command line, no site at SITE, dot failed, or the output could not be written.
)";

int runMap(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  SiteOptions options;
  std::string output = "-";
  std::string render;
  std::string layout = "dot";
  map::MapBy by = map::MapBy::Category;
  const auto problem = parseSiteOptions(
      args, options, [&](const std::string& arg, const auto& next) -> std::optional<std::string> {
        if (arg == "-o" || arg == "--output") {
          const auto v = next();
          if (!v) return "-o needs a file name";
          output = *v;
          return std::nullopt;
        }
        if (arg == "--by") {
          const auto v = next();
          const auto b = v ? map::parseMapBy(*v) : std::nullopt;
          if (!b) return "--by needs one of category, country, guide";
          by = *b;
          return std::nullopt;
        }
        if (arg == "--layout") {
          const auto v = next();
          if (!v || (*v != "dot" && *v != "fdp")) return "--layout needs dot or fdp";
          layout = *v;
          return std::nullopt;
        }
        if (arg == "--render") {
          const auto v = next();
          if (!v || (*v != "svg" && *v != "png")) return "--render needs svg or png";
          render = *v;
          return std::nullopt;
        }
        return std::string();
      });
  if (problem) return usageError("map", *problem, err);
  if (options.site.empty()) {
    return usageError("map", "give the folder of a Hugo site, e.g. `guidegraph map examples/site`",
                      err);
  }

  Diagnostics diags;
  const Site site = buildSite(options.site, options.build, diags);
  if (site.config.configFile.empty()) {
    printDiagnostics(diags, err);
    return kExitUsage;
  }
  diags.sort();
  printDiagnostics(diags, err);

  std::ostringstream dot;
  std::string error = map::writeMap(site, by, dot);
  std::string bytes = dot.str();
  if (error.empty() && !render.empty()) {
    std::string image;
    error = map::renderDot(bytes, render, image, layout);
    bytes = std::move(image);
  }
  if (!error.empty()) {
    err << "guidegraph map: error: " << error << '\n';
    return kExitUsage;
  }
  const WriteResult written = writeOutput(output, out, [&](std::ostream& os) {
    os.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(os);
  });
  if (!written.ok) {
    err << "guidegraph map: error: " << written.error
        << (output == "-" ? "" : "; '" + output + "' was left as it was") << '\n';
    return kExitUsage;
  }
  if (!options.quiet) {
    err << "guidegraph: wrote the map of " << options.site << " to "
        << (output == "-" ? std::string("standard output") : output)
        << (render.empty() ? " (DOT)" : " (" + render + ")") << '\n';
  }
  return diags.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace guidegraph::cli
