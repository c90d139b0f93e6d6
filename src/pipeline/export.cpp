// `guidegraph export`: the RDF view written in one or more formats, or as bulk-loader files,
// with validation beside the writer.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <thread>

#include "guidegraph/bulk.hpp"
#include "guidegraph/pipeline.hpp"
#include "guidegraph/serialize.hpp"

namespace guidegraph::pipeline {

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
      case VertexKind::DataType:
        ++n;
        break;
      default:
        break;
    }
  }
  return n;
}

// The file name stem for `-o DIR`: the site folder's own name ("examples/site" -> "site").
std::string siteName(const std::string& site) {
  std::error_code ec;
  std::filesystem::path p =
      std::filesystem::weakly_canonical(std::filesystem::absolute(site, ec), ec);
  std::string name = p.filename().string();
  if (name.empty()) name = p.parent_path().filename().string();
  return name.empty() ? std::string("site") : name;
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One export: decides, once, after validation, whether the output may be written.
class Exporter {
 public:
  Exporter(const ExportRequest& r, SiteRun& run, std::ostream& out, std::ostream& err)
      : r_(r), run_(run), out_(out), err_(err) {}

  int run() {
    if (!run_.build()) {
      run_.printDiagnostics(err_);
      return kExitUsage;
    }
    // Validation reads the triples and serialization writes them: with more than one core
    // both run at once, the output going to its temporary file, renamed into place only
    // once validation allowed it. Standard output cannot be taken back, so it waits for
    // validation; so does JSON-LD, which builds its document in memory (the two together
    // would raise the peak).
    const bool streaming = std::find(formats().begin(), formats().end(),
                                     serialize::RdfFormat::JsonLd) == formats().end();
    concurrent_ = r_.validate && r_.bulkDir.empty() && r_.output != "-" && streaming &&
                  r_.site.build.threads != 1 && std::thread::hardware_concurrency() > 1;
    if (r_.validate) run_.startValidation({}, concurrent_);
    (void)run_.rdfView();
    if (!concurrent_ && !mayWrite()) return refused();
    return r_.bulkDir.empty() ? writeFormats() : writeBulkFiles();
  }

 private:
  const std::vector<serialize::RdfFormat>& formats() const {
    static const std::vector<serialize::RdfFormat> turtle{serialize::RdfFormat::Turtle};
    return r_.formats.empty() ? turtle : r_.formats;
  }

  // Waits for validation (once), prints every diagnostic, and says whether to write.
  bool mayWrite() {
    if (!decided_) {
      decided_ = true;
      if (r_.validate) {
        const ValidationOutcome& v = run_.awaitValidation();
        for (const auto& d : v.report.diagnostics()) run_.diagnostics().add(d);
        violations_ = v.count(Severity::Error);
      }
      run_.printDiagnostics(err_);
    }
    return violations_ == 0 || r_.force;
  }

  int refused() {
    err_ << "guidegraph export: error: validation found " << violations_
         << " violation(s); nothing was written. Fix them, or pass --force to write anyway\n";
    return kExitInputErrors;
  }

  int writeBulkFiles() {
    serialize::BulkOptions bulk;
    bulk.dir = r_.bulkDir;
    bulk.name = siteName(r_.site.site);
    bulk.chunkQuads = r_.chunkQuads;
    const serialize::BulkResult written = serialize::writeBulk(run_.rdfView(), bulk);
    run_.markStage("serialize bulk");
    if (!written.error.empty()) {
      err_ << "guidegraph export: error: " << written.error << '\n';
      return kExitUsage;
    }
    if (r_.timings) run_.printTimings(err_);
    if (!r_.site.quiet) {
      std::ostringstream summary;
      summary << "guidegraph: exported " << r_.site.site << " to " << r_.bulkDir << ": "
              << written.quads << " quads in " << written.graphs << " graphs, "
              << written.chunks.size() << " chunk(s) " << bulk.name << "-*.nq.gz, "
              << "virtuoso-load.sql, README.md in " << std::fixed << std::setprecision(3)
              << secondsSince(start_) << " s";
      err_ << summary.str() << '\n';
    }
    return run_.exitCode();
  }

  // Writes one format to `path`; returns an exit code when the export stops there.
  std::optional<int> writeFormat(serialize::RdfFormat format, const std::string& path) {
    const rdf::Dataset& data = run_.rdfView();
    const std::string stage = std::string("serialize ") + serialize::formatExtension(format);
    std::string writeError;
    bool refusedHere = false;
    bool marked = false;
    const WriteResult result = writeOutput(path, out_, [&](std::ostream& os) {
      writeError = format == serialize::RdfFormat::JsonLd
                       ? serialize::writeJsonLd(data, r_.jsonld, os)
                       : serialize::writeRdf(data, format, os);
      if (!writeError.empty()) return false;
      if (decided_) return true;
      run_.markStage(stage);
      marked = true;
      refusedHere = !mayWrite();
      return !refusedHere;
    });
    if (refusedHere) return refused();
    if (!result.ok) {
      if (!decided_) (void)mayWrite();  // the diagnostics are still printed
      err_ << "guidegraph export: error: " << (writeError.empty() ? result.error : writeError)
           << (path == "-" ? "" : "; '" + path + "' was left as it was") << '\n';
      return kExitUsage;
    }
    if (!marked) run_.markStage(stage);
    return std::nullopt;
  }

  int writeFormats() {
    const bool toFolder = formats().size() > 1;
    std::vector<std::string> written;
    for (const serialize::RdfFormat format : formats()) {
      const std::string path =
          toFolder ? (std::filesystem::path(r_.output) /
                      (siteName(r_.site.site) + "." + serialize::formatExtension(format)))
                         .string()
                   : r_.output;
      if (const auto stop = writeFormat(format, path)) return *stop;
      written.push_back(path == "-" ? std::string("standard output") : path);
    }
    if (r_.timings) {
      run_.printTimings(err_);
      if (concurrent_) {
        err_ << "guidegraph: timings: validation ran beside serialization for " << std::fixed
             << std::setprecision(3) << run_.validationSeconds() << " s\n";
      }
    }
    if (!r_.site.quiet) printSummary(written);
    return run_.exitCode();
  }

  void printSummary(const std::vector<std::string>& written) {
    const Diagnostics& diags = run_.diagnostics();
    std::ostringstream summary;
    summary << "guidegraph: exported " << r_.site.site << " to " << join(written) << ": "
            << run_.site().pages.size() << " pages, " << countEntities(run_.site().graph)
            << " entities, " << run_.rdfView().triples.size() << " triples in " << std::fixed
            << std::setprecision(3) << secondsSince(start_) << " s";
    if (diags.hasErrors() || diags.count(Severity::Warning)) {
      summary << " (" << diags.count(Severity::Error) << " errors, "
              << diags.count(Severity::Warning) << " warnings)";
    }
    err_ << summary.str() << '\n';
  }

  const ExportRequest& r_;
  SiteRun& run_;
  std::ostream& out_;
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  bool concurrent_ = false;
  bool decided_ = false;
  std::size_t violations_ = 0;
};

}  // namespace

int exportSite(const ExportRequest& request, std::ostream& out, std::ostream& err) {
  SiteRun run(request.site, err);
  return Exporter(request, run, out, err).run();
}

}  // namespace guidegraph::pipeline
