// A command's options, declared with CLI11. Messages for a missing or bad value are the
// option's own ("--threads needs a number"); every problem is a usage error (exit code 2).
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "guidegraph/pipeline.hpp"

namespace CLI {
class App;
}

namespace guidegraph::cli {

// Thrown by an option's setter for a value it cannot take; the message is shown as is.
struct UsageProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class OptionTable {
 public:
  OptionTable();
  ~OptionTable();
  OptionTable(const OptionTable&) = delete;
  OptionTable& operator=(const OptionTable&) = delete;

  // A flag such as "-D,--drafts,--buildDrafts".
  void flag(const std::string& names, bool& into, bool value = true);
  // A flag that does something when given.
  void action(const std::string& names, std::function<void()> act);
  // Flags that exclude one another, such as "--replace{replace},--merge{merge}": `set` gets
  // the word in braces of the last one given.
  void either(const std::string& names, std::function<void(const std::string&)> set);
  // An option with one value: `needs` is the message when the value is missing; `set`
  // takes the value, or throws UsageProblem. Given twice, the last one counts (each is
  // still checked).
  void value(const std::string& names, const std::string& needs,
             std::function<void(const std::string&)> set);
  // An option whose value is any non-empty text.
  void text(const std::string& names, const std::string& needs, std::string& into);
  // The one SITE (or FILE) argument.
  void positional(std::string& into);
  // --base, -D/--drafts, -F, -E, -e, --conventions, --threads, the limits, -q/--quiet.
  void siteOptions(pipeline::SiteOptions& options);

  // Parses args (args[0] is the command's name). Returns a problem to report, or nullopt.
  [[nodiscard]] std::optional<std::string> parse(const std::vector<std::string>& args);

 private:
  std::unique_ptr<CLI::App> app_;
  std::map<std::string, std::string> needs_;  // option name -> message when its value is missing
  std::string* positional_ = nullptr;
  std::deque<std::string> flagWords_;  // where either() flags put their word
};

// A whole number of at most 19 digits (more than an unsigned 64-bit number holds), or throws
// UsageProblem(message).
unsigned long long number(const std::string& value, const std::string& message);

}  // namespace guidegraph::cli
