// Command-line front end: each subcommand takes its arguments and the output streams,
// and returns the process exit code (see README "Exit codes").
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace guidegraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // the input has errors (or validation failed)
inline constexpr int kExitUsage = 2;        // bad command line, or an output could not be written

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace guidegraph::cli
