// Reading a whole file into memory, the one way every stage does it.
#pragma once

#include <optional>
#include <string>

namespace guidegraph {

// The bytes of the file at `path`, or nullopt when it cannot be opened or read (a missing
// or unreadable file, a folder).
[[nodiscard]] std::optional<std::string> readFile(const std::string& path);

}  // namespace guidegraph
