#include "guidegraph/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace guidegraph {

WriteResult writeFileAtomically(const std::string& path,
                                const std::function<bool(std::ostream&)>& produce) {
  if (path == "-") {
    if (!produce(std::cout)) return {false, "output abandoned"};
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0) {
      return {false, std::string("cannot write to standard output: ") + std::strerror(errno)};
    }
    return {};
  }
  namespace fs = std::filesystem;
  const fs::path target(path);
  // A device or pipe (/dev/stdout, /dev/full, a FIFO) cannot be replaced by renaming, and
  // must not be: write to it directly and report any failure.
  std::error_code statError;
  const fs::file_status status = fs::status(target, statError);
  if (!statError && fs::exists(status) && !fs::is_regular_file(status)) {
    if (fs::is_directory(status)) return {false, "'" + path + "' is a folder, not a file"};
    std::ofstream out(path, std::ios::binary);
    if (!out) return {false, "cannot open '" + path + "' for writing: " + std::strerror(errno)};
    if (!produce(out)) return {false, "output abandoned"};
    out.flush();
    if (!out) return {false, "cannot write '" + path + "': " + std::strerror(errno)};
    return {};
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return {false,
            "cannot create a temporary file in '" + dir.string() + "': " + std::strerror(errno)};
  }
  ::close(fd);
  bool ok = false;
  std::string error;
  {
    std::ofstream out(tmpl, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot open '" + tmpl + "' for writing";
    } else if (!produce(out)) {
      error = "output abandoned";
    } else {
      out.flush();
      if (!out) error = "cannot write '" + path + "': " + std::strerror(errno);
      out.close();
      if (error.empty() && !out) error = "cannot close '" + path + "': " + std::strerror(errno);
      ok = error.empty();
    }
  }
  if (ok) {
    // mkstemp creates the file 0600; outputs are meant to be shared like any other file.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    std::error_code ec;
    fs::permissions(tmpl, static_cast<fs::perms>(0666 & ~mask), ec);
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
      error = "cannot rename the temporary file to '" + path + "': " + std::strerror(errno);
      ok = false;
    }
  }
  if (!ok) {
    std::remove(tmpl.c_str());
    return {false, error};
  }
  return {};
}

}  // namespace guidegraph
