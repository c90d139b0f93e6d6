// SiteRun: the stages every command runs, and the one exit-code policy.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "guidegraph/pipeline.hpp"

namespace fs = std::filesystem;
using namespace guidegraph;
using guidegraph::pipeline::SiteRun;

namespace {

pipeline::SiteOptions optionsFor(const std::string& site, unsigned threads = 0) {
  pipeline::SiteOptions o;
  o.site = site;
  o.build.threads = threads;
  o.quiet = true;
  return o;
}

const std::string kExample = std::string(GUIDEGRAPH_SOURCE_DIR) + "/examples/site";

bool hasCode(const Diagnostics& diags, const std::string& code) {
  for (const auto& d : diags.items()) {
    if (d.code == code) return true;
  }
  return false;
}

// examples/site with one more link, to a page that does not exist.
std::string siteWithBrokenLink() {
  const fs::path dir = fs::temp_directory_path() / "gg-pipeline-broken";
  fs::remove_all(dir);
  fs::copy(kExample, dir, fs::copy_options::recursive);
  std::ofstream(dir / "content/guides/kyrgyzstan.md", std::ios::app)
      << "\nSee also [a page that was removed](/sources/sources/no-such-source/).\n";
  return dir.string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(example_site_runs_clean) {
  std::ostringstream err;
  SiteRun run(optionsFor(kExample), err);
  BOOST_REQUIRE(run.build());
  BOOST_TEST(run.site().pages.size() > 10u);
  BOOST_TEST(run.rdfView().triples.size() > 1000u);
  run.startValidation({}, /*beside=*/true);
  const pipeline::ValidationOutcome& outcome = run.awaitValidation();
  BOOST_TEST(outcome.inputsRead);
  BOOST_TEST(outcome.count(Severity::Error) == 0u);
  BOOST_TEST(!run.diagnostics().hasErrors());
  BOOST_TEST(run.exitCode() == pipeline::kExitOk);
}

BOOST_AUTO_TEST_CASE(no_site_is_a_usage_error) {
  std::ostringstream err;
  SiteRun run(optionsFor("/nonexistent/site"), err);
  BOOST_TEST(!run.build());
  BOOST_TEST(!run.diagnostics().items().empty());
}

// The graph checks' findings (a broken link) are part of the run's diagnostics once
// validation is awaited, and they decide the exit code like any other error.
BOOST_AUTO_TEST_CASE(graph_checks_count_in_the_exit_code) {
  std::ostringstream err;
  SiteRun run(optionsFor(siteWithBrokenLink()), err);
  BOOST_REQUIRE(run.build());
  run.startValidation({}, /*beside=*/false);
  (void)run.awaitValidation();
  BOOST_TEST(hasCode(run.diagnostics(), "broken-link"));
  BOOST_TEST(run.exitCode() == pipeline::kExitInputErrors);
  std::ostringstream printed;
  run.printDiagnostics(printed);
  BOOST_TEST(printed.str().find("content/guides/kyrgyzstan.md:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unreadable_extra_shapes_are_reported) {
  std::ostringstream err;
  SiteRun run(optionsFor(kExample), err);
  BOOST_REQUIRE(run.build());
  run.startValidation({"/nonexistent/shapes.ttl"}, false);
  BOOST_TEST(!run.awaitValidation().inputsRead);
  BOOST_TEST(hasCode(run.diagnostics(), "unreadable-file"));
}

// The thread count reaches the RDF view, and does not change it.
BOOST_AUTO_TEST_CASE(thread_count_does_not_change_the_view) {
  std::ostringstream err;
  SiteRun one(optionsFor(kExample, 1), err);
  SiteRun two(optionsFor(kExample, 2), err);
  BOOST_REQUIRE(one.build());
  BOOST_REQUIRE(two.build());
  BOOST_TEST(one.options().build.threads == 1u);
  BOOST_TEST(two.options().build.threads == 2u);
  const auto& a = one.rdfView().triples;
  const auto& b = two.rdfView().triples;
  BOOST_REQUIRE(a.size() == b.size());
  BOOST_TEST((a == b));
}
