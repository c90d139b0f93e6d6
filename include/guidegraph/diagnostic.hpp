// Diagnostics: the one value type through which every stage reports bad input.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "guidegraph/atom.hpp"

namespace guidegraph {

enum class Severity : std::uint8_t { Info, Warning, Error };

// A position in an input file. Line and column are 1-based; column counts bytes.
// A line of 0 means "the whole file" (no better position is known). The file name is an
// Atom: every value of a page's front matter and every triple carries one.
struct SourcePos {
  Atom file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
  friend auto operator<=>(const SourcePos&, const SourcePos&) = default;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  SourcePos pos;
  std::string code;     // stable identifier, e.g. "front-matter-syntax"
  std::string message;  // says what is wrong and what to do about it

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

const char* severityName(Severity s);

// GCC style: "file:line:col: error: message [code]".
std::string formatDiagnostic(const Diagnostic& d);

// Collects diagnostics; not thread-safe (each parse task owns its own list).
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void add(Severity s, SourcePos pos, std::string code, std::string message) {
    items_.push_back(Diagnostic{s, std::move(pos), std::move(code), std::move(message)});
  }
  void append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] std::size_t count(Severity s) const;
  [[nodiscard]] bool hasErrors() const { return count(Severity::Error) > 0; }
  // Orders by file, line, column, then code, so output does not depend on thread timing.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace guidegraph
