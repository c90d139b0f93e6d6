// The commands that write one thing from the built site: publish (files per page), map
// (GraphViz), catalog (library records) and pages (the page list).
#include <filesystem>
#include <ostream>
#include <sstream>

#include "guidegraph/catalog.hpp"
#include "guidegraph/map.hpp"
#include "guidegraph/pipeline.hpp"
#include "guidegraph/publish.hpp"

namespace guidegraph::pipeline {

namespace {

std::string outputName(const std::string& output) {
  return output == "-" ? std::string("standard output") : output;
}

std::string leftAsItWas(const std::string& output) {
  return output == "-" ? std::string() : "; '" + output + "' was left as it was";
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int publishSite(const PublishRequest& r, std::ostream& out, std::ostream& err) {
  SiteRun run(r.site, err);
  if (!run.build()) {
    run.printDiagnostics(err);
    return kExitUsage;
  }
  const std::string into =
      r.into.empty() ? (std::filesystem::path(r.site.site) / "static").string() : r.into;
  const rdf::Dataset& data = run.rdfView();
  const publish::PublishSummary summary =
      publish::publishSite(run.site(), data, into, run.diagnostics());
  run.printDiagnostics(err);
  if (!summary.error.empty()) {
    err << "guidegraph publish: error: " << summary.error << '\n';
    return kExitUsage;
  }
  if (r.server) out << publish::serverConfiguration(*r.server, run.site());
  if (!r.site.quiet) {
    err << "guidegraph: published " << r.site.site << " into " << into << ": " << summary.pages
        << " pages, " << summary.files.size() << " files, " << data.triples.size() << " triples\n";
  }
  return run.exitCode();
}

int mapSite(const MapRequest& r, std::ostream& out, std::ostream& err) {
  SiteRun run(r.site, err);
  const bool built = run.build();
  run.printDiagnostics(err);
  if (!built) return kExitUsage;
  std::ostringstream dot;
  std::string error = map::writeMap(run.site(), r.by, dot);
  std::string bytes = dot.str();
  if (error.empty() && !r.render.empty()) {
    std::string image;
    error = map::renderDot(bytes, r.render, image, r.layout);
    bytes = std::move(image);
  }
  if (!error.empty()) {
    err << "guidegraph map: error: " << error << '\n';
    return kExitUsage;
  }
  const WriteResult written = writeOutput(r.output, out, [&](std::ostream& os) {
    os.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(os);
  });
  if (!written.ok) {
    err << "guidegraph map: error: " << written.error << leftAsItWas(r.output) << '\n';
    return kExitUsage;
  }
  if (!r.site.quiet) {
    err << "guidegraph: wrote the map of " << r.site.site << " to " << outputName(r.output)
        << (r.render.empty() ? " (DOT)" : " (" + r.render + ")") << '\n';
  }
  return run.exitCode();
}

int catalogSite(const CatalogRequest& r, std::ostream& out, std::ostream& err) {
  SiteRun run(r.site, err);
  if (!run.build()) {
    run.printDiagnostics(err);
    return kExitUsage;
  }
  Diagnostics& diags = run.diagnostics();
  const catalog::Catalog cat = catalog::buildCatalog(run.site(), r.catalog, diags);
  Diagnostics writeDiags;
  std::string writeError;
  const WriteResult written = writeOutput(r.output, out, [&](std::ostream& os) {
    writeError = catalog::writeCatalog(cat, r.format, os, writeDiags);
    return writeError.empty();
  });
  diags.append(writeDiags);
  run.printDiagnostics(err);
  if (!written.ok) {
    err << "guidegraph catalog: error: " << (writeError.empty() ? written.error : writeError)
        << leftAsItWas(r.output) << '\n';
    return kExitUsage;
  }
  if (!r.site.quiet) {
    err << "guidegraph: wrote " << cat.records.size() << " catalog records for " << r.site.site
        << " to " << outputName(r.output);
    if (diags.hasErrors() || diags.count(Severity::Warning)) {
      err << " (" << diags.count(Severity::Error) << " errors, " << diags.count(Severity::Warning)
          << " warnings)";
    }
    err << '\n';
  }
  return run.exitCode();
}

int listPages(const SiteOptions& options, std::ostream& out, std::ostream& err) {
  SiteRun run(options, err, /*keepFragments=*/true);
  const bool built = run.build();
  // -q here silences the diagnostics too: the listing is the output.
  if (!options.quiet) pipeline::printDiagnostics(run.diagnostics(), err);
  if (!built) return kExitUsage;
  out << "file,kind,language,draft,permalink\n";
  for (const ListedPage& page : guidegraph::listPages(run.site())) {
    out << csvField(page.file) << ',' << page.kind << ',' << csvField(page.language) << ','
        << (page.draft ? "true" : "false") << ',' << csvField(page.permalink) << '\n';
  }
  return run.exitCode();
}

}  // namespace guidegraph::pipeline
