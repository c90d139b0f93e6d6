#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "body.hpp"
#include "front_matter.hpp"
#include "guidegraph/fragment.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph {

const FmEntry* FmValue::entry(std::string_view key) const {
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const FmValue* FmValue::get(std::string_view key) const {
  const FmEntry* e = entry(key);
  return e ? &e->value : nullptr;
}

const FmEntry* FmValue::entryNoCase(std::string_view key) const {
  for (const auto& e : entries) {
    if (text::equalsNoCase(e.key, key)) return &e;
  }
  return nullptr;
}

const FmValue* FmValue::getNoCase(std::string_view key) const {
  const FmEntry* e = entryNoCase(key);
  return e ? &e->value : nullptr;
}

namespace {

// Position just after the line that starts at `lineStart`, or npos at the end of text.
std::size_t nextLine(std::string_view s, std::size_t lineStart) {
  const std::size_t nl = s.find('\n', lineStart);
  return nl == std::string_view::npos ? std::string_view::npos : nl + 1;
}

std::string_view lineAt(std::string_view s, std::size_t lineStart) {
  const std::size_t nl = s.find('\n', lineStart);
  return s.substr(lineStart,
                  nl == std::string_view::npos ? std::string_view::npos : nl - lineStart);
}

unsigned countLines(std::string_view s, std::size_t upTo) {
  return static_cast<unsigned>(
      std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(upTo), '\n'));
}

bool isDelimiter(std::string_view line, std::string_view delim) {
  return text::trim(line) == delim && line.starts_with(delim);
}

// A first line that looks like an attempt at a front matter fence but is none Hugo knows.
bool looksLikeUnknownFence(std::string_view line) {
  line = text::trim(line);
  if (line.size() < 3) return false;
  const char c = line.front();
  if (c != '-' && c != '+' && c != '~' && c != '=' && c != '`') return false;
  std::size_t run = 0;
  while (run < line.size() && line[run] == c) ++run;
  return run >= 3;
}

// "\-\--\": a `---` fence with backslashes in it, as editors that escape Markdown write it.
bool looksLikeEscapedFence(std::string_view line) {
  line = text::trim(line);
  if (line.find('\\') == std::string_view::npos) return false;
  std::size_t dashes = 0;
  for (const char c : line) {
    if (c == '-')
      ++dashes;
    else if (c != '\\')
      return false;
  }
  return dashes == 3;
}

// Finds the end of a JSON object that starts at offset 0, respecting strings.
std::size_t jsonObjectEnd(std::string_view s) {
  int depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '{')
      ++depth;
    else if (c == '}' && --depth == 0)
      return i + 1;
  }
  return std::string_view::npos;
}

// A page whose front matter is a JSON object at its start.
void parseJsonPage(std::string_view text, PageFragment& page, const ParseLimits& limits) {
  const std::size_t end = jsonObjectEnd(text);
  if (end == std::string_view::npos) {
    page.diagnostics.add(Severity::Error, page.frontMatterPos, "front-matter-unclosed",
                         "JSON front matter is never closed; add the closing `}`");
    page.usable = false;
    return;
  }
  Diagnostics d;
  page.frontMatter =
      parse::parseJsonFrontMatter(text.substr(0, end), {page.path, 1}, d, limits.maxYamlDepth);
  page.diagnostics.append(d);
  std::size_t bodyStart = nextLine(text, end);
  if (bodyStart == std::string_view::npos) bodyStart = text.size();
  parse::parseBody(text.substr(bodyStart), countLines(text, bodyStart) + 1, page);
}

// A page whose front matter stands between two `delim` lines (YAML `---`, TOML `+++`).
void parseFencedPage(std::string_view text, std::string_view delim, PageFragment& page,
                     const ParseLimits& limits) {
  const parse::TextOrigin origin{page.path, 2};
  std::size_t fmStart = nextLine(text, 0);
  std::size_t cursor = fmStart;
  std::size_t closeAt = std::string_view::npos;
  while (cursor != std::string_view::npos && cursor < text.size()) {
    const std::string_view line = lineAt(text, cursor);
    if (isDelimiter(line, delim) ||
        (page.format == FrontMatterFormat::Yaml && isDelimiter(line, "..."))) {
      closeAt = cursor;
      break;
    }
    cursor = nextLine(text, cursor);
  }
  if (closeAt == std::string_view::npos) {
    page.diagnostics.add(Severity::Error, page.frontMatterPos, "front-matter-unclosed",
                         "front matter opened with `" + std::string(delim) +
                             "` on line 1 is never closed; add a line `" + std::string(delim) +
                             "` after the last front matter key");
    page.usable = false;
    return;
  }
  if (fmStart == std::string_view::npos) fmStart = text.size();
  const std::string_view fm = text.substr(fmStart, closeAt - fmStart);
  Diagnostics d;
  page.frontMatter = page.format == FrontMatterFormat::Yaml
                         ? parse::parseYamlFrontMatter(fm, origin, limits, d)
                         : parse::parseTomlFrontMatter(fm, origin, d);
  page.frontMatter.pos = page.frontMatterPos;
  page.diagnostics.append(d);
  std::size_t bodyStart = nextLine(text, closeAt);
  if (bodyStart == std::string_view::npos) bodyStart = text.size();
  parse::parseBody(text.substr(bodyStart), countLines(text, bodyStart) + 1, page);
}

void parseFrontMatterAndBody(std::string_view text, PageFragment& page, const ParseLimits& limits) {
  page.frontMatter.kind = FmValue::Kind::Map;
  page.frontMatterPos = SourcePos{page.path, 1, 1};
  page.frontMatter.pos = page.frontMatterPos;
  const std::string_view first = lineAt(text, 0);
  std::string_view delim;
  if (isDelimiter(first, "---")) {
    page.format = FrontMatterFormat::Yaml;
    delim = "---";
  } else if (isDelimiter(first, "+++")) {
    page.format = FrontMatterFormat::Toml;
    delim = "+++";
  } else if (!text.empty() && text.front() == '{') {
    page.format = FrontMatterFormat::Json;
  } else if (looksLikeUnknownFence(first)) {
    page.diagnostics.add(Severity::Error, page.frontMatterPos, "front-matter-format",
                         "unknown front matter fence '" + std::string(text::trim(first)) +
                             "'; start the file with `---` (YAML), `+++` (TOML) or `{` (JSON)");
    page.usable = false;
    return;
  } else {
    page.format = FrontMatterFormat::None;
    if (looksLikeEscapedFence(first)) {
      page.diagnostics.add(
          Severity::Warning, page.frontMatterPos, "front-matter-escaped",
          "the front matter is escaped with backslashes ('" + std::string(text::trim(first)) +
              "', as a rich-text editor saves it), so Hugo reads no front matter and the page "
              "has no title or other keys; remove the backslashes from the `---` lines and "
              "from the lines between them (`\\[`, `\\\"` and each line's trailing `\\`)");
    }
    parse::parseBody(text, 1, page);
    return;
  }
  if (page.format == FrontMatterFormat::Json) {
    parseJsonPage(text, page, limits);
  } else {
    parseFencedPage(text, delim, page, limits);
  }
}

void rejectTooLarge(PageFragment& page, std::size_t size, const ParseLimits& limits) {
  page.diagnostics.add(Severity::Error, {page.path, 0, 0}, "file-too-large",
                       "file is " + std::to_string(size) + " bytes, more than the limit of " +
                           std::to_string(limits.maxFileBytes) +
                           "; split it or raise --max-file-size");
  page.usable = false;
}

}  // namespace

PageFragment parsePage(std::string displayPath, std::string_view contents,
                       const ParseLimits& limits) {
  PageFragment page;
  page.path = std::move(displayPath);
  if (contents.size() > limits.maxFileBytes) {
    rejectTooLarge(page, contents.size(), limits);
    return page;
  }
  if (const auto nul = contents.find('\0'); nul != std::string_view::npos) {
    const auto lc = text::lineColAt(contents, nul);
    page.diagnostics.add(Severity::Error, {page.path, lc.line, lc.column}, "binary-file",
                         "file contains a NUL byte and looks binary, not Markdown; remove it or "
                         "move it out of content/");
    page.usable = false;
    return page;
  }
  if (const auto bad = text::findInvalidUtf8(contents)) {
    const auto lc = text::lineColAt(contents, *bad);
    page.diagnostics.add(
        Severity::Error, {page.path, lc.line, lc.column},
        "invalid-utf8", "invalid UTF-8 byte 0x" + [&] {
          static constexpr char kHex[] = "0123456789ABCDEF";
          const auto b = static_cast<unsigned char>(contents[*bad]);
          return std::string{kHex[b >> 4], kHex[b & 0xF]};
        }() + "; save the file as UTF-8");
    page.usable = false;
    return page;
  }
  std::string text;
  if (contents.starts_with("\xEF\xBB\xBF")) contents.remove_prefix(3);
  if (contents.find('\r') != std::string_view::npos) {
    text.reserve(contents.size());
    for (std::size_t i = 0; i < contents.size(); ++i) {
      if (contents[i] == '\r' && i + 1 < contents.size() && contents[i + 1] == '\n') continue;
      text += contents[i];
    }
    contents = text;
  }
  parseFrontMatterAndBody(contents, page, limits);
  return page;
}

namespace {
PageFragment unreadable(std::string displayPath, std::string message) {
  PageFragment page;
  page.path = std::move(displayPath);
  page.usable = false;
  page.diagnostics.add(Severity::Error, {page.path, 0, 0}, "unreadable-file", std::move(message));
  return page;
}
}  // namespace

PageFragment parsePageFile(const std::string& fsPath, std::string displayPath,
                           const ParseLimits& limits) {
  // open/fstat/read rather than a stream: a site is mostly small files, and opening a
  // std::ifstream (a FILE, its buffer, seeks to find the size) cost as much as the reading.
  const int fd = ::open(fsPath.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return unreadable(std::move(displayPath),
                      "cannot read the file; check that it exists and is readable");
  }
  const struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return unreadable(std::move(displayPath),
                      "cannot read the file (is it a directory or a device?)");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > limits.maxFileBytes) {
    PageFragment page;
    page.path = std::move(displayPath);
    rejectTooLarge(page, size, limits);
    return page;
  }
  std::string contents(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, contents.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return unreadable(std::move(displayPath),
                        "cannot read the file (is it a directory or a device?)");
    }
    if (n == 0) break;  // the file shrank while being read: parse what was there
    done += static_cast<std::size_t>(n);
  }
  contents.resize(done);
  return parsePage(std::move(displayPath), contents, limits);
}

}  // namespace guidegraph

namespace guidegraph {

FmValue parseDataDocument(const std::string& displayPath, std::string_view text,
                          FrontMatterFormat format, Diagnostics& diags) {
  const parse::TextOrigin origin{Atom(displayPath), 1};
  switch (format) {
    case FrontMatterFormat::Yaml:
      return parse::parseYamlFrontMatter(text, origin, ParseLimits{}, diags);
    case FrontMatterFormat::Toml:
      return parse::parseTomlFrontMatter(text, origin, diags);
    case FrontMatterFormat::Json:
      return parse::parseJsonFrontMatter(text, origin, diags, ParseLimits{}.maxYamlDepth);
    case FrontMatterFormat::None:
      break;
  }
  return FmValue{FmValue::Kind::Map, {}, {}, {}, {displayPath, 1, 1}};
}

}  // namespace guidegraph
