// Atomic output: a file is written to a temporary sibling and renamed into place only when
// everything was written and flushed, so readers never see a half-written file and a
// failed run leaves an existing output untouched.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace guidegraph {

struct WriteResult {
  bool ok = true;
  std::string error;  // what went wrong, naming the file, when !ok
};

// Calls `produce` with a stream onto a temporary file beside `path`, then renames it to
// `path`. `produce` returns false to abandon the write (the temporary file is removed).
// A path of "-" writes to standard output (flushed and checked).
[[nodiscard]] WriteResult writeFileAtomically(const std::string& path,
                                              const std::function<bool(std::ostream&)>& produce);

}  // namespace guidegraph
