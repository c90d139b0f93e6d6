#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return guidegraph::cli::run(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "guidegraph: internal error: " << e.what() << '\n';
    return 3;
  }
}
