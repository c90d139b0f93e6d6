// Page URLs as Hugo 0.111 makes them (hugolib/page_paths.go, resources/page/permalinks.go).
#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>

#include "guidegraph/site.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph {
namespace {

namespace fs = std::filesystem;

std::string fmString(const FmValue& fm, std::string_view key) {
  const FmValue* v = fm.getNoCase(key);
  return v && v->isScalar() ? std::string(text::trim(v->scalar)) : std::string();
}

struct Date {
  int year = 1, month = 1, day = 1;  // Go's zero time when a page has no date
};

// The page's .Date: the first of Hugo's default date keys that holds a date.
Date pageDate(const FmValue& fm) {
  for (const char* key : {"date", "publishDate", "pubdate", "published", "lastmod", "modified"}) {
    const std::string d = fmString(fm, key);
    if (d.size() < 10 || d[4] != '-' || d[7] != '-') continue;
    try {
      return Date{std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)), std::stoi(d.substr(8, 2))};
    } catch (const std::exception&) {
      continue;
    }
  }
  return {};
}

std::string pad(int v, int width) {
  std::string s = std::to_string(v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

constexpr std::array<const char*, 12> kMonths{"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> kWeekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                               "Thursday", "Friday", "Saturday"};

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// ":sections[1:]", ":sections[last]", ":sections[0]" (Hugo 0.92 and later).
std::string sliceSections(const std::vector<std::string>& all, std::string_view spec) {
  const auto n = static_cast<long>(all.size());
  long from = 0, to = n;
  const auto colon = spec.find(':');
  const auto number = [&](std::string_view s, long fallback) -> long {
    s = text::trim(s);
    if (s.empty()) return fallback;
    if (s == "last") return n - 1;
    try {
      return std::stol(std::string(s));
    } catch (const std::exception&) {
      return fallback;
    }
  };
  if (colon == std::string_view::npos) {
    from = number(spec, 0);
    to = from + 1;
  } else {
    from = number(spec.substr(0, colon), 0);
    to = number(spec.substr(colon + 1), n);
  }
  from = std::clamp(from, 0L, n);
  to = std::clamp(to, from, n);
  std::string out;
  for (long i = from; i < to; ++i) {
    if (!out.empty()) out += '/';
    out += all[static_cast<std::size_t>(i)];
  }
  return out;
}

struct PatternInput {
  std::string section;      // :section
  std::string sectionPath;  // :sections
  std::string filename;     // :filename
  std::string slug;         // the `slug` front matter, may be empty
  std::string title;
  const FmValue* frontMatter = nullptr;
};

std::string expandPattern(const std::string& pattern, const PatternInput& in, bool lowerCase) {
  const auto urlize = [&](std::string_view s) { return text::urlize(s, lowerCase); };
  std::string out;
  std::optional<Date> date;
  const auto theDate = [&]() -> const Date& {
    if (!date) date = in.frontMatter ? pageDate(*in.frontMatter) : Date{};
    return *date;
  };
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != ':') {
      out += pattern[i++];
      continue;
    }
    std::size_t j = i + 1;
    while (j < pattern.size() &&
           (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_'))
      ++j;
    const std::string token = pattern.substr(i + 1, j - i - 1);
    std::string slice;
    if (token == "sections" && j < pattern.size() && pattern[j] == '[') {
      const std::size_t close = pattern.find(']', j);
      if (close != std::string::npos) {
        slice = pattern.substr(j + 1, close - j - 1);
        j = close + 1;
      }
    }
    if (token == "slug") {
      out += urlize(in.slug.empty() ? in.title : in.slug);
    } else if (token == "title") {
      out += urlize(in.title);
    } else if (token == "filename") {
      out += urlize(in.filename);
    } else if (token == "slugorfilename") {
      out += urlize(in.slug.empty() ? in.filename : in.slug);
    } else if (token == "section") {
      out += in.section;
    } else if (token == "sections") {
      out += slice.empty() ? in.sectionPath : sliceSections(segments(in.sectionPath), slice);
    } else if (token == "year") {
      out += pad(theDate().year, 4);
    } else if (token == "month") {
      out += pad(theDate().month, 2);
    } else if (token == "monthname") {
      out += kMonths[static_cast<std::size_t>(std::clamp(theDate().month, 1, 12) - 1)];
    } else if (token == "day") {
      out += pad(theDate().day, 2);
    } else if (token == "weekday" || token == "weekdayname" || token == "yearday") {
      using namespace std::chrono;
      const Date& d = theDate();
      const year_month_day ymd{year{d.year}, month{static_cast<unsigned>(d.month)},
                               day{static_cast<unsigned>(d.day)}};
      const sys_days days{ymd};
      const unsigned weekdayIndex = weekday{days}.c_encoding();
      if (token == "weekday")
        out += std::to_string(weekdayIndex);
      else if (token == "weekdayname")
        out += kWeekdays[weekdayIndex];
      else
        out += std::to_string((days - sys_days{year{d.year} / January / 1}).count() + 1);
    } else {
      out += pattern.substr(i, j - i);
    }
    i = j;
  }
  return out;
}

std::string languagePrefix(const SiteConfig& config, std::string_view language) {
  const std::string_view key =
      language.empty() ? std::string_view(config.defaultLanguage) : language;
  const Language* l = config.language(key);
  if (l && !l->baseUrl.empty()) return "";
  if (key == config.defaultLanguage && !config.defaultLanguageInSubdir) return "";
  return "/" + std::string(key);
}

// A path made from a pattern or from folders: sanitized as Hugo's MakePathSanitized, rooted,
// "." and ".." resolved (no page lands outside the site), and ended as Hugo ends it.
std::string finishPath(const std::string& path, bool lowerCase, bool ugly) {
  std::string p = text::normalizePath("/" + text::urlize(path, lowerCase));
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p == "/") return p;
  return ugly ? p + ".html" : p + "/";
}

bool isUgly(const SiteConfig& config, const std::string& section) {
  if (const auto it = config.uglySections.find(section); it != config.uglySections.end())
    return it->second;
  return config.uglyUrls;
}

}  // namespace

std::string pageUrlPath(const SiteConfig& config, const PageLocation& where, const FmValue& fm) {
  const bool lowerCase = !config.disablePathToLower;
  const std::string prefix = languagePrefix(config, where.language);
  if (const std::string url = fmString(fm, "url"); !url.empty()) {
    // `url` is taken as written: no language prefix, no lower-casing; a last segment with a
    // dot names a file.
    std::string p = text::normalizePath("/" + url);
    const bool file = p.find('.', p.rfind('/')) != std::string::npos;
    if (p.back() != '/' && !file) p += '/';
    return p;
  }
  const fs::path path(where.contentPath);
  const std::string stem = path.stem().string();
  const bool branch = stem == "_index";
  const bool leaf = stem == "index";
  std::string dir = path.parent_path().generic_string();
  if (branch) {
    if (dir.empty()) return prefix.empty() ? "/" : prefix + "/";
    const std::string parent = fs::path(dir).parent_path().generic_string();
    for (const Taxonomy& tax : config.taxonomies) {
      if (dir == tax.plural) return taxonomyUrlPath(config, tax, where.language);
      if (parent != tax.plural) continue;
      // A term page follows [permalinks] of its taxonomy, where :slug is the page's `slug`,
      // else its title.
      if (const auto it = config.permalinks.find(tax.plural); it != config.permalinks.end()) {
        PatternInput in;
        in.section = in.sectionPath = tax.plural;
        in.filename = fs::path(dir).filename().string();
        in.slug = fmString(fm, "slug");
        in.title = fmString(fm, "title");
        if (in.title.empty()) in.title = in.filename;
        in.frontMatter = &fm;
        return finishPath(prefix + "/" + expandPattern(it->second, in, lowerCase), lowerCase,
                          false);
      }
    }
    // Hugo lower-cases section URLs even with disablePathToLower.
    return finishPath(prefix + "/" + dir, true, isUgly(config, dir.substr(0, dir.find('/'))));
  }
  std::string base = stem;
  if (leaf && !dir.empty()) {
    base = fs::path(dir).filename().string();
    dir = fs::path(dir).parent_path().generic_string();
  }
  const std::string sectionPath = where.sectionPath;
  const std::string section = sectionPath.substr(0, sectionPath.find('/'));
  const std::string slug = fmString(fm, "slug");
  const bool ugly = isUgly(config, section);
  if (!section.empty()) {
    if (const auto it = config.permalinks.find(section); it != config.permalinks.end()) {
      PatternInput in;
      in.section = section;
      in.sectionPath = sectionPath;
      in.filename = base;
      in.slug = slug;
      in.title = fmString(fm, "title");
      in.frontMatter = &fm;
      return finishPath(prefix + "/" + expandPattern(it->second, in, lowerCase), lowerCase, ugly);
    }
  }
  const std::string name = slug.empty() ? base : slug;
  return finishPath(prefix + "/" + (dir.empty() ? name : dir + "/" + name), lowerCase, ugly);
}

std::string pageUrlPath(const SiteConfig& config, const std::string& contentPath,
                        const FmValue& frontMatter) {
  std::string dir = fs::path(contentPath).parent_path().generic_string();
  if (fs::path(contentPath).stem() == "index") dir = fs::path(dir).parent_path().generic_string();
  return pageUrlPath(config, PageLocation{contentPath, "", dir}, frontMatter);
}

std::string termUrlPath(const SiteConfig& config, const Taxonomy& taxonomy, const std::string& term,
                        std::string_view language) {
  const bool lowerCase = !config.disablePathToLower;
  const std::string prefix = languagePrefix(config, language);
  const std::string key = text::urlize(term, lowerCase);
  if (const auto it = config.permalinks.find(taxonomy.plural); it != config.permalinks.end()) {
    PatternInput in;
    in.section = in.sectionPath = taxonomy.plural;
    in.filename = in.slug = in.title = key;
    return finishPath(prefix + "/" + expandPattern(it->second, in, lowerCase), lowerCase, false);
  }
  return finishPath(prefix + "/" + taxonomy.plural + "/" + key, lowerCase, false);
}

std::string taxonomyUrlPath(const SiteConfig& config, const Taxonomy& taxonomy,
                            std::string_view language) {
  return finishPath(languagePrefix(config, language) + "/" + taxonomy.plural, true, false);
}

std::string permalinkFor(const SiteConfig& config, std::string_view language,
                         std::string_view urlPath) {
  const Language* l =
      config.language(language.empty() ? std::string_view(config.defaultLanguage) : language);
  const std::string& base = l && !l->baseUrl.empty() ? l->baseUrl : config.baseUrl;
  if (!urlPath.empty() && urlPath.front() == '/') urlPath.remove_prefix(1);
  return base + text::escapeUrlPath(urlPath);
}

}  // namespace guidegraph
