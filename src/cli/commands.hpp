// Command-line front end. Each subcommand lives in its own <name>_command.cpp, takes its
// arguments (args[0] is the command name) and the output streams, and returns the process
// exit code. Shared option handling is in this header.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "guidegraph/diagnostic.hpp"
#include "guidegraph/output.hpp"
#include "guidegraph/site.hpp"

namespace guidegraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // the input has errors (or validation failed)
inline constexpr int kExitUsage = 2;        // bad command line, or an output could not be written

using CommandFn = int (*)(const std::vector<std::string>& args, std::ostream& out,
                          std::ostream& err);

struct Command {
  const char* name;
  const char* summary;  // one line for `guidegraph --help`
  const char* usage;    // the command's own help text
  CommandFn run;
};

// Every command, in the order `--help` lists them.
const std::vector<Command>& commands();

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Options every command that reads a site accepts:
//   --base IRI, --drafts, --threads N, --max-file-size N, --max-files N, -q/--quiet.
// Walks args from index 1; options it does not know are passed to `other`, which returns
// the number of extra arguments it consumed, or nullopt for "unknown option".
struct SiteOptions {
  std::string site;
  BuildOptions build;
  bool quiet = false;
};
using OtherOption = std::function<std::optional<std::string>(
    const std::string& arg, const std::function<std::optional<std::string>()>& next)>;
// Returns an error message, or nullopt when all arguments were understood. `other` returns
// nullopt if it took the argument, else an error message ("" meaning "unknown option").
std::optional<std::string> parseSiteOptions(const std::vector<std::string>& args,
                                            SiteOptions& options, const OtherOption& other);

int usageError(const std::string& command, const std::string& message, std::ostream& err);
void printDiagnostics(const Diagnostics& diags, std::ostream& err);

// Writes to `path` atomically, or to `out` when path is "-" (then flushed and checked).
[[nodiscard]] WriteResult writeOutput(const std::string& path, std::ostream& out,
                                      const std::function<bool(std::ostream&)>& produce);

int runExport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const kExportUsage;
int runPublish(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const kPublishUsage;
int runMap(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const kMapUsage;
int runPages(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const kPagesUsage;
int runValidate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const kValidateUsage;
int runCatalog(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const kCatalogUsage;
int runLoad(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
extern const char* const kLoadUsage;

}  // namespace guidegraph::cli
