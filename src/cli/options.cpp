#include "options.hpp"

#include <CLI/CLI.hpp>

namespace guidegraph::cli {

OptionTable::OptionTable() : app_(std::make_unique<CLI::App>()) {
  app_->set_help_flag();  // `--help` is answered before parsing, with the usage text
  app_->allow_extras();   // reported by parse() with our own words
}

OptionTable::~OptionTable() = default;

void OptionTable::flag(const std::string& names, bool& into, bool value) {
  app_->add_flag_callback(names, [&into, value] { into = value; });
}

void OptionTable::action(const std::string& names, std::function<void()> act) {
  app_->add_flag_callback(names, std::move(act));
}

void OptionTable::either(const std::string& names, std::function<void(const std::string&)> set) {
  app_->add_flag(names, flagWords_.emplace_back())
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->each(std::move(set));
}

void OptionTable::value(const std::string& names, const std::string& needs,
                        std::function<void(const std::string&)> set) {
  CLI::Option* option =
      app_->add_option(names)->expected(1)->allow_extra_args(false)->multi_option_policy(
          CLI::MultiOptionPolicy::TakeAll);
  // each() sees every occurrence, in order, before any reduction.
  option->each([set = std::move(set)](const std::string& v) { set(v); });
  needs_[option->get_name()] = needs;
}

void OptionTable::text(const std::string& names, const std::string& needs, std::string& into) {
  value(names, needs, [&into, needs](const std::string& v) {
    if (v.empty()) throw UsageProblem(needs);
    into = v;
  });
}

void OptionTable::positional(std::string& into) { positional_ = &into; }

void OptionTable::siteOptions(pipeline::SiteOptions& o) {
  BuildOptions& b = o.build;
  value("--base", "--base needs an absolute IRI such as https://example.org/",
        [&b](const std::string& v) {
          if (v.find("://") == std::string::npos)
            throw UsageProblem("--base needs an absolute IRI such as https://example.org/");
          b.baseOverride = v;
        });
  flag("-D,--drafts,--buildDrafts", b.includeDrafts);
  flag("-F,--build-future,--buildFuture", b.includeFuture);
  flag("-E,--build-expired,--buildExpired", b.includeExpired);
  text("--conventions", "--conventions needs a file (TOML, YAML or JSON)", b.conventionsFile);
  text("-e,--environment", "--environment needs a name such as production", b.environment);
  value("--threads", "--threads needs a number", [&b](const std::string& v) {
    b.threads = static_cast<unsigned>(number(v, "--threads needs a number"));
  });
  value("--max-file-size", "--max-file-size needs a number of bytes", [&b](const std::string& v) {
    b.limits.maxFileBytes = number(v, "--max-file-size needs a number of bytes");
  });
  value("--max-files", "--max-files needs a number",
        [&b](const std::string& v) { b.maxFiles = number(v, "--max-files needs a number"); });
  const std::string depth = "--max-yaml-depth needs a number of levels (at most 100000)";
  value("--max-yaml-depth", depth, [&b, depth](const std::string& v) {
    const auto n = number(v, depth);
    if (n > 100000) throw UsageProblem(depth);
    b.limits.maxYamlDepth = static_cast<unsigned>(n);
  });
  value("--max-yaml-nodes", "--max-yaml-nodes needs a number of values",
        [&b](const std::string& v) {
          b.limits.maxYamlNodes = number(v, "--max-yaml-nodes needs a number of values");
        });
  flag("-q,--quiet", o.quiet);
  positional(o.site);
}

std::optional<std::string> OptionTable::parse(const std::vector<std::string>& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 pops from the back
  try {
    app_->parse(reversed);
  } catch (const UsageProblem& e) {
    return std::string(e.what());
  } catch (const CLI::ArgumentMismatch& e) {
    // "--threads: 1 required TEXT missing": the option's own message.
    const std::string what = e.what();
    const auto it = needs_.find(what.substr(0, what.find(':')));
    return it != needs_.end() ? it->second : what;
  } catch (const CLI::ParseError& e) {
    return std::string(e.what());
  }
  for (const std::string& arg : app_->remaining()) {
    if (arg.size() > 1 && arg.front() == '-') return "unknown option '" + arg + "'";
    if (positional_ == nullptr) return "unexpected argument '" + arg + "'";
    if (positional_->empty()) {
      *positional_ = arg;
      continue;
    }
    return "unexpected argument '" + arg + "' (only one SITE folder is read)";
  }
  return std::nullopt;
}

unsigned long long number(const std::string& v, const std::string& message) {
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 19)
    throw UsageProblem(message);
  return std::stoull(v);
}

}  // namespace guidegraph::cli
