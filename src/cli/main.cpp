#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    const int status = guidegraph::cli::run(args, std::cout, std::cerr);
    // Output to a full disk or a closed pipe must not pass for success.
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0) {
      std::cerr << "guidegraph: error: cannot write to standard output\n";
      return status == 0 ? guidegraph::cli::kExitUsage : status;
    }
    return status;
  } catch (const std::exception& e) {
    std::cerr << "guidegraph: internal error: " << e.what() << '\n';
    return 3;
  }
}
