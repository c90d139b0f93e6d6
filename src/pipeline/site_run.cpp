#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <ostream>

#include "guidegraph/graph_checks.hpp"
#include "guidegraph/pipeline.hpp"
#include "guidegraph/rdf_view.hpp"
#include "kept_until_exit.hpp"
#include "progress.hpp"
#include "validation.hpp"

namespace guidegraph::pipeline {

struct SiteRun::State {
  SiteOptions options;
  std::ostream& err;
  bool keepFragments;
  StageTimer timer;
  ProgressLine progress;
  Diagnostics diags;
  // Kept until the process exits: see kept_until_exit.hpp.
  std::optional<KeptUntilExit<Site>> site;
  std::optional<KeptUntilExit<rdf::Dataset>> data;
  std::optional<GraphChecks> graphChecks;
  struct Validated {
    ValidationOutcome outcome;
    Diagnostics diags;
    double seconds = 0;
  };
  std::future<Validated> pending;
  std::optional<Validated> validated;

  State(SiteOptions o, std::ostream& e, bool keep)
      : options(std::move(o)), err(e), keepFragments(keep), progress(e, options.quiet) {}
};

SiteRun::SiteRun(SiteOptions options, std::ostream& err, bool keepFragments)
    : state_(std::make_unique<State>(std::move(options), err, keepFragments)) {}

SiteRun::~SiteRun() {
  // A validation still running reads the site and the view: wait for it before they go.
  if (state_->pending.valid()) state_->pending.wait();
}

bool SiteRun::build() {
  State& s = *state_;
  BuildOptions build = s.options.build;
  build.stageDone = [&s](const char* stage) {
    if (std::string_view(stage) == "parse") s.progress.finish();
    s.timer.mark(stage);
  };
  build.progress = [&s](std::size_t done, std::size_t total) { s.progress.update(done, total); };
  s.site.emplace([&] { return buildSite(s.options.site, build, s.diags); });
  // The pages' parsed front matter and bodies are in the graph now; nothing after the merge
  // but the page listing reads them, and at 100,000 pages they are a tenth of the memory.
  if (!s.keepFragments) releaseFragments(**s.site);
  return !(**s.site).config.configFile.empty();
}

const Site& SiteRun::site() const { return **state_->site; }

const rdf::Dataset& SiteRun::rdfView() {
  State& s = *state_;
  if (!s.data) {
    s.data.emplace([&] { return rdf::buildRdfView(site(), s.diags, s.options.build.threads); });
    s.timer.mark("rdf view");
  }
  return **s.data;
}

void SiteRun::startValidation(const std::vector<std::string>& extraShapes, bool beside) {
  State& s = *state_;
  // The graph checks need only the site: they run beside the view, SHACL and the writer.
  if (!s.graphChecks) s.graphChecks.emplace(site());
  const rdf::Dataset& data = rdfView();
  s.pending =
      std::async(beside ? std::launch::async : std::launch::deferred, [&s, &data, extraShapes] {
        const auto begin = std::chrono::steady_clock::now();
        State::Validated v;
        v.outcome =
            validateOnView(data, extraShapes, v.diags, *s.graphChecks, s.options.build.threads);
        v.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        return v;
      });
}

const ValidationOutcome& SiteRun::awaitValidation() {
  State& s = *state_;
  if (!s.validated) {
    s.validated.emplace(s.pending.get());
    s.diags.append(s.validated->diags);
    s.timer.mark("validate");
  }
  return s.validated->outcome;
}

double SiteRun::validationSeconds() const {
  return state_->validated ? state_->validated->seconds : 0.0;
}

Diagnostics& SiteRun::diagnostics() { return state_->diags; }

void SiteRun::printDiagnostics(std::ostream& err) {
  state_->diags.sort();
  pipeline::printDiagnostics(state_->diags, err);
}

int SiteRun::exitCode(bool strict) const {
  const State& s = *state_;
  const ValidationOutcome* v = s.validated ? &s.validated->outcome : nullptr;
  const bool failed =
      s.diags.hasErrors() || (v && v->count(Severity::Error) > 0) ||
      (strict && (s.diags.count(Severity::Warning) > 0 || (v && v->count(Severity::Warning) > 0)));
  return failed ? kExitInputErrors : kExitOk;
}

const SiteOptions& SiteRun::options() const { return state_->options; }

void SiteRun::markStage(const std::string& stage) { state_->timer.mark(stage); }

void SiteRun::printTimings(std::ostream& err) const { state_->timer.print(err); }

void printDiagnostics(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags.items()) err << formatDiagnostic(d) << '\n';
}

int usageError(const std::string& command, const std::string& message, std::ostream& err) {
  err << "guidegraph " << command << ": error: " << message << "\n(see `guidegraph " << command
      << " --help`)\n";
  return kExitUsage;
}

WriteResult writeOutput(const std::string& path, std::ostream& out,
                        const std::function<bool(std::ostream&)>& produce) {
  if (path != "-") return writeFileAtomically(path, produce);
  if (!produce(out)) return {false, "output abandoned"};
  out.flush();
  if (!out) return {false, "cannot write to standard output"};
  return {};
}

}  // namespace guidegraph::pipeline
