#include <cstdlib>
#include <fstream>
#include <sstream>

#include "guidegraph/load.hpp"
#include "guidegraph/read_file.hpp"

namespace guidegraph::load {
namespace {

std::string hostOf(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  std::string authority =
      url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (const auto at = authority.rfind('@'); at != std::string::npos)
    authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    return authority.substr(1, close == std::string::npos ? std::string::npos : close - 1);
  }
  if (const auto colon = authority.find(':'); colon != std::string::npos) authority.resize(colon);
  return authority;
}

struct NetrcEntry {
  std::string machine;  // empty for `default`
  std::string login;
  std::string password;
};

// The netrc format: white-space separated tokens `machine NAME login USER password PW`,
// `default ...`, and `macdef NAME` followed by lines up to an empty line (skipped).
std::vector<NetrcEntry> readNetrc(const std::string& path) {
  std::vector<NetrcEntry> entries;
  const std::optional<std::string> text = readFile(path);
  if (!text) return entries;
  std::istringstream tokens(*text);
  std::string token;
  NetrcEntry* current = nullptr;
  while (tokens >> token) {
    if (token == "machine") {
      entries.push_back({});
      current = &entries.back();
      tokens >> current->machine;
    } else if (token == "default") {
      entries.push_back({});
      current = &entries.back();
    } else if (token == "login" && current) {
      tokens >> current->login;
    } else if (token == "password" && current) {
      tokens >> current->password;
    } else if (token == "account" && current) {
      tokens >> token;
    } else if (token == "macdef") {
      std::string line;
      std::getline(tokens, line);
      while (std::getline(tokens, line) && !line.empty()) {
      }
      current = nullptr;
    }
  }
  return entries;
}

}  // namespace

std::optional<Credentials> findCredentials(const std::string& endpointUrl, const std::string& user,
                                           const char* passwordEnv, const std::string& netrcPath) {
  if (passwordEnv) {
    if (const char* pw = std::getenv(passwordEnv); pw && *pw) {
      if (!user.empty()) return Credentials{user, pw};
    }
  }
  if (netrcPath.empty()) return std::nullopt;
  const std::string host = hostOf(endpointUrl);
  const std::vector<NetrcEntry> entries = readNetrc(netrcPath);
  // A machine entry for the host first, then `default`; with a user, its login must match.
  for (const bool wantDefault : {false, true}) {
    for (const auto& e : entries) {
      if (wantDefault != e.machine.empty()) continue;
      if (!wantDefault && e.machine != host) continue;
      if (!user.empty() && !e.login.empty() && e.login != user) continue;
      if (e.password.empty()) continue;
      return Credentials{user.empty() ? e.login : user, e.password};
    }
  }
  return std::nullopt;
}

}  // namespace guidegraph::load
