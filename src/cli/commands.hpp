// Command-line front end. Each subcommand lives in its own <name>_command.cpp: a table of
// its options (options.hpp, CLI11) and a call into the pipeline (guidegraph/pipeline.hpp),
// which does the work. Usage texts are in usage.cpp.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "guidegraph/pipeline.hpp"

namespace guidegraph::cli {

using pipeline::kExitInputErrors;
using pipeline::kExitOk;
using pipeline::kExitUsage;
using pipeline::usageError;

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

// args[0] is the command's name; returns the process exit code.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

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
