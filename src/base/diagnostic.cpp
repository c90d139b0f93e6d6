#include "guidegraph/diagnostic.hpp"

#include <algorithm>

namespace guidegraph {

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string formatDiagnostic(const Diagnostic& d) {
  std::string out = d.pos.file.empty() ? std::string("guidegraph") : d.pos.file.str();
  if (d.pos.line > 0) {
    out += ':' + std::to_string(d.pos.line) + ':' + std::to_string(d.pos.column);
  }
  out += ": ";
  out += severityName(d.severity);
  out += ": ";
  out += d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  return out;
}

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos != b.pos) return a.pos < b.pos;
    if (a.code != b.code) return a.code < b.code;
    return a.message < b.message;
  });
}

}  // namespace guidegraph
