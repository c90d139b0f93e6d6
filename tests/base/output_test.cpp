#include "guidegraph/output.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
fs::path freshDir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(atomic_output)

BOOST_AUTO_TEST_CASE(complete_write_replaces_the_file) {
  const fs::path dir = freshDir("gg-output-ok");
  const fs::path file = dir / "out.ttl";
  std::ofstream(file) << "old";
  const auto r = guidegraph::writeFileAtomically(file.string(), [](std::ostream& os) {
    os << "new";
    return true;
  });
  BOOST_TEST(r.ok);
  BOOST_TEST(slurp(file) == "new");
  BOOST_TEST(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(abandoned_write_leaves_the_old_file_and_no_temporary) {
  const fs::path dir = freshDir("gg-output-abandon");
  const fs::path file = dir / "out.ttl";
  std::ofstream(file) << "old";
  const auto r = guidegraph::writeFileAtomically(file.string(), [](std::ostream& os) {
    os << "half";
    return false;
  });
  BOOST_TEST(!r.ok);
  BOOST_TEST(slurp(file) == "old");
  BOOST_TEST(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(missing_folder_is_reported) {
  const auto r = guidegraph::writeFileAtomically("/nonexistent-gg-dir/out.ttl",
                                                 [](std::ostream&) { return true; });
  BOOST_TEST(!r.ok);
  BOOST_TEST(r.error.find("nonexistent-gg-dir") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_device_is_written_in_place_and_failures_are_reported) {
  // /dev/full accepts the open and fails every write: the failure must surface, and the
  // device must stay a device (renaming a temporary file over it would replace it).
  const auto r = guidegraph::writeFileAtomically("/dev/full", [](std::ostream& os) {
    os << std::string(1 << 16, 'x');
    return true;
  });
  BOOST_TEST(!r.ok);
  BOOST_TEST(fs::is_character_file("/dev/full"));
  const auto ok = guidegraph::writeFileAtomically("/dev/null", [](std::ostream& os) {
    os << "fine";
    return true;
  });
  BOOST_TEST(ok.ok);
  BOOST_TEST(fs::is_character_file("/dev/null"));
}

BOOST_AUTO_TEST_CASE(a_folder_is_refused) {
  const fs::path dir = freshDir("gg-output-folder");
  const auto r = guidegraph::writeFileAtomically(dir.string(), [](std::ostream&) { return true; });
  BOOST_TEST(!r.ok);
  BOOST_TEST(fs::is_directory(dir));
}

BOOST_AUTO_TEST_SUITE_END()
