// The application as a library: every command runs the same stages through `SiteRun`
// (build the site, release the parsed fragments, build the RDF view with the thread count,
// run the graph checks and SHACL, collect every diagnostic, decide the exit code), then
// hands the result to its writer. src/cli only declares options and calls the functions
// at the end of this header.
#pragma once

#include <future>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "guidegraph/bulk.hpp"
#include "guidegraph/catalog.hpp"
#include "guidegraph/diagnostic.hpp"
#include "guidegraph/load.hpp"
#include "guidegraph/map.hpp"
#include "guidegraph/output.hpp"
#include "guidegraph/publish.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/serialize.hpp"
#include "guidegraph/shacl.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph::pipeline {

// Exit codes, the same for every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // the input has errors (or validation failed)
inline constexpr int kExitUsage = 2;        // bad command line, or an output could not be written

// What every command that reads a site is given: the folder, how to build it, and whether
// to print summary and progress lines.
struct SiteOptions {
  std::string site;
  BuildOptions build;
  bool quiet = false;
};

// What SHACL found: the report, and whether every data and shapes file could be read.
struct ValidationOutcome {
  bool inputsRead = true;  // false when a data or shapes file could not be opened at all
  shacl::ValidationReport report;
  [[nodiscard]] std::size_t count(Severity s) const;
};

// One run over one site. The stages run when first asked for, each once, always with the
// options' thread count and limits; every diagnostic lands in `diagnostics()`.
class SiteRun {
 public:
  // keepFragments: the pages' parsed front matter and bodies stay (`pages` lists them);
  // otherwise they are dropped once the site is built.
  explicit SiteRun(SiteOptions options, std::ostream& err, bool keepFragments = false);
  SiteRun(const SiteRun&) = delete;
  SiteRun& operator=(const SiteRun&) = delete;
  ~SiteRun();

  // Builds the site. False when there is no site at the folder: the diagnostics say why and
  // the command exits with kExitUsage.
  [[nodiscard]] bool build();
  [[nodiscard]] const Site& site() const;
  // The site's RDF view, built on first use.
  [[nodiscard]] const rdf::Dataset& rdfView();
  // Starts the graph checks and SHACL (built-in shapes plus `extraShapes`) over the RDF
  // view: on another thread when `beside` (so that a writer can run meanwhile), else when
  // awaited.
  void startValidation(const std::vector<std::string>& extraShapes, bool beside);
  // Waits for validation (once); its diagnostics are added, the graph checks' first.
  const ValidationOutcome& awaitValidation();
  // Seconds validation took (for --timings).
  [[nodiscard]] double validationSeconds() const;

  [[nodiscard]] Diagnostics& diagnostics();
  // Sorts and prints every diagnostic collected so far on `err`.
  void printDiagnostics(std::ostream& err);
  // The one policy: 1 when the input has errors or SHACL found violations (with `strict`,
  // also warnings), else 0. Failures to read or write are kExitUsage, decided by the caller.
  [[nodiscard]] int exitCode(bool strict = false) const;

  [[nodiscard]] const SiteOptions& options() const;
  // "scan", "parse", "merge", "rdf view", "validate" and the writer's own stages, with their
  // times, for --timings.
  void markStage(const std::string& stage);
  void printTimings(std::ostream& err) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Prints every diagnostic as file:line:col: severity: message [code].
void printDiagnostics(const Diagnostics& diags, std::ostream& err);
// "guidegraph COMMAND: error: MESSAGE" and a pointer to --help; returns kExitUsage.
int usageError(const std::string& command, const std::string& message, std::ostream& err);
// Writes to `path` atomically, or to `out` when path is "-" (then flushed and checked).
[[nodiscard]] WriteResult writeOutput(const std::string& path, std::ostream& out,
                                      const std::function<bool(std::ostream&)>& produce);

// SHACL over RDF files with the given shapes files only (`validate --data`).
[[nodiscard]] ValidationOutcome validateFiles(const std::vector<std::string>& dataFiles,
                                              const std::vector<std::string>& shapeFiles,
                                              Diagnostics& diags);
// The shapes in shapes/guidegraph.ttl, as compiled into the program.
const std::string& builtinShapes();

// ---- The commands: options in, exit code out. ----

struct ExportRequest {
  SiteOptions site;
  std::string output = "-";
  std::vector<serialize::RdfFormat> formats;  // empty: Turtle
  serialize::JsonLdOptions jsonld;
  std::string bulkDir;  // --bulk: bulk-loader files instead of -o/-f
  std::size_t chunkQuads = serialize::kDefaultChunkQuads;
  bool validate = true;
  bool force = false;
  bool timings = false;
};
int exportSite(const ExportRequest& request, std::ostream& out, std::ostream& err);

enum class ReportFormat { Text, Turtle, Sarif, Json };
struct ValidateRequest {
  SiteOptions site;
  std::vector<std::string> shapeFiles;
  std::vector<std::string> dataFiles;  // --data: validate these instead of a site
  std::string output = "-";
  ReportFormat format = ReportFormat::Text;
  bool strict = false;
};
int validateSite(const ValidateRequest& request, std::ostream& out, std::ostream& err);

struct PublishRequest {
  SiteOptions site;
  std::string into;  // empty: SITE/static
  std::optional<publish::WebServer> server;
};
int publishSite(const PublishRequest& request, std::ostream& out, std::ostream& err);

struct MapRequest {
  SiteOptions site;
  std::string output = "-";
  std::string render;  // "", "svg" or "png"
  std::string layout = "dot";
  map::MapBy by = map::MapBy::Category;
};
int mapSite(const MapRequest& request, std::ostream& out, std::ostream& err);

struct CatalogRequest {
  SiteOptions site;
  std::string output = "-";
  catalog::CatalogFormat format{};
  catalog::CatalogOptions catalog;
};
int catalogSite(const CatalogRequest& request, std::ostream& out, std::ostream& err);

int listPages(const SiteOptions& site, std::ostream& out, std::ostream& err);

struct LoadCommand {
  SiteOptions site;  // site.site: a site folder or an RDF file
  load::LoadRequest request;
  std::string singleGraph;  // --graph
  bool perPage = false;
  bool changedOnly = false;
  bool dryRun = false;
  bool verbose = false;
  bool allowErrors = false;
  bool timings = false;
  std::string statePath = ".guidegraph-load-state.json";
  std::string user;
  std::optional<std::string> netrcFile;
};
int loadSite(LoadCommand command, std::ostream& out, std::ostream& err);

}  // namespace guidegraph::pipeline
