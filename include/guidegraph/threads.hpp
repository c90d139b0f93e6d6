// How many threads a stage uses when asked for `requested` (the `--threads` option).
#pragma once

#include <algorithm>
#include <thread>

namespace guidegraph {

// `requested`, or one per core when it is 0.
inline unsigned threadCount(unsigned requested) {
  return requested != 0 ? requested : std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace guidegraph
