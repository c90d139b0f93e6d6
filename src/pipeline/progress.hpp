// What a command prints about itself while it runs: a progress line on a terminal and, with
// --timings, the time each stage took. Both go to standard error, never into the output.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace guidegraph::pipeline {

// "guidegraph: parsed 5230/100000 files (8123 files/s)", rewritten in place. Shown only when
// `err` is the process's standard error, that is a terminal, and the run has taken more than
// a second; `finish` erases it. Calls must not overlap (buildSite guarantees that).
class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool quiet)
      : err_(err), enabled_(!quiet && &err == &std::cerr && isatty(STDERR_FILENO) == 1) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() { finish(); }

  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - start_ < std::chrono::seconds(1)) return;
    if (shown_ && done != total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    shown_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    err_ << "\rguidegraph: parsed " << done << '/' << total << " files ("
         << static_cast<long long>(static_cast<double>(done) / seconds) << " files/s)\033[K"
         << std::flush;
  }

  void finish() {
    if (!shown_) return;
    err_ << "\r\033[K" << std::flush;
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = start_;
};

// Wall time per stage, for --timings: `mark(stage)` ends the stage that began at the previous
// mark (or at construction); `print` writes "guidegraph: timings: scan 0.012 s, ...".
class StageTimer {
 public:
  void mark(std::string stage) {
    const auto now = Clock::now();
    stages_.emplace_back(std::move(stage), std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

  void print(std::ostream& err) const {
    std::string line = "guidegraph: timings:";
    double total = 0;
    for (const auto& [stage, seconds] : stages_) {
      line += (line.back() == ':' ? " " : ", ") + stage + ' ' + format(seconds) + " s";
      total += seconds;
    }
    err << line << ", total " << format(total) << " s\n";
  }

 private:
  using Clock = std::chrono::steady_clock;
  static std::string format(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", seconds);
    return buf;
  }
  Clock::time_point last_ = Clock::now();
  std::vector<std::pair<std::string, double>> stages_;
};

}  // namespace guidegraph::pipeline
