#include "xsd.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>

#include "guidegraph/ns.hpp"

namespace guidegraph::shacl::detail {
namespace {

constexpr std::string_view kXsd = ns::xsd;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at s[i..], advancing i.
std::optional<int> digits(std::string_view s, std::size_t& i, std::size_t n) {
  if (i + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (!isDigit(s[i + k])) return std::nullopt;
    v = v * 10 + (s[i + k] - '0');
  }
  i += n;
  return v;
}

bool isInteger(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (!isDigit(s[i])) return false;
  }
  return true;
}

bool isDecimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t intDigits = 0;
  while (i < s.size() && isDigit(s[i])) ++i, ++intDigits;
  std::size_t fracDigits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isDigit(s[i])) ++i, ++fracDigits;
  }
  return i == s.size() && intDigits + fracDigits > 0;
}

bool isFloating(std::string_view s) {
  if (s == "INF" || s == "+INF" || s == "-INF" || s == "NaN") return true;
  std::size_t e = s.find_first_of("eE");
  if (e == std::string_view::npos) return isDecimal(s);
  return isDecimal(s.substr(0, e)) && isInteger(s.substr(e + 1));
}

bool isBoolean(std::string_view s) { return s == "true" || s == "false" || s == "1" || s == "0"; }

// Compares an integer lexical form (already well-formed) with a bound given as digits.
// Returns <0, 0, >0 like strcmp, on absolute values of the digit strings.
int compareMagnitude(std::string_view digitsA, std::string_view digitsB) {
  if (digitsA.size() != digitsB.size()) return digitsA.size() < digitsB.size() ? -1 : 1;
  int c = digitsA.compare(digitsB);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

struct IntParts {
  bool negative = false;
  std::string_view magnitude;  // without sign and leading zeros ("" for zero)
};

IntParts splitInteger(std::string_view s) {
  IntParts p;
  std::size_t i = 0;
  if (s[0] == '+' || s[0] == '-') {
    p.negative = s[0] == '-';
    i = 1;
  }
  while (i < s.size() && s[i] == '0') ++i;
  p.magnitude = s.substr(i);
  if (p.magnitude.empty()) p.negative = false;
  return p;
}

// min and max as signed digit strings ("" for no bound); both inclusive.
bool integerInRange(std::string_view s, std::string_view min, std::string_view max) {
  if (!isInteger(s)) return false;
  const IntParts v = splitInteger(s);
  auto less = [](const IntParts& a, const IntParts& b) {
    if (a.negative != b.negative) return a.negative;
    const int c = compareMagnitude(a.magnitude, b.magnitude);
    return a.negative ? c > 0 : c < 0;
  };
  if (!min.empty() && less(v, splitInteger(min))) return false;
  if (!max.empty() && less(splitInteger(max), v)) return false;
  return true;
}

bool isLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

struct DateTime {
  std::int64_t year = 1972;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  long double second = 0;
  std::optional<int> tzMinutes;
};

bool parseTimezone(std::string_view s, std::size_t& i, DateTime& dt) {
  if (i == s.size()) return true;
  if (s[i] == 'Z') {
    dt.tzMinutes = 0;
    return ++i == s.size();
  }
  if (s[i] != '+' && s[i] != '-') return false;
  const int sign = s[i] == '-' ? -1 : 1;
  ++i;
  auto h = digits(s, i, 2);
  if (!h || i >= s.size() || s[i] != ':') return false;
  ++i;
  auto m = digits(s, i, 2);
  if (!m || *m > 59 || *h > 14 || (*h == 14 && *m != 0)) return false;
  dt.tzMinutes = sign * (*h * 60 + *m);
  return i == s.size();
}

bool parseYear(std::string_view s, std::size_t& i, DateTime& dt) {
  bool negative = false;
  if (i < s.size() && s[i] == '-') {
    negative = true;
    ++i;
  }
  const std::size_t start = i;
  while (i < s.size() && isDigit(s[i])) ++i;
  const std::size_t n = i - start;
  if (n < 4 || (n > 4 && s[start] == '0') || n > 12) return false;
  dt.year = std::stoll(std::string(s.substr(start, n)));
  if (negative) dt.year = -dt.year;
  return true;
}

bool parseDatePart(std::string_view s, std::size_t& i, DateTime& dt) {
  if (!parseYear(s, i, dt) || i >= s.size() || s[i] != '-') return false;
  ++i;
  auto m = digits(s, i, 2);
  if (!m || *m < 1 || *m > 12 || i >= s.size() || s[i] != '-') return false;
  ++i;
  auto d = digits(s, i, 2);
  if (!d || *d < 1 || *d > daysInMonth(dt.year, *m)) return false;
  dt.month = *m;
  dt.day = *d;
  return true;
}

bool parseTimePart(std::string_view s, std::size_t& i, DateTime& dt) {
  auto h = digits(s, i, 2);
  if (!h || i >= s.size() || s[i] != ':') return false;
  ++i;
  auto m = digits(s, i, 2);
  if (!m || i >= s.size() || s[i] != ':') return false;
  ++i;
  const std::size_t secStart = i;
  auto sec = digits(s, i, 2);
  if (!sec) return false;
  bool fractionNonZero = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t fracStart = i;
    while (i < s.size() && isDigit(s[i])) {
      if (s[i] != '0') fractionNonZero = true;
      ++i;
    }
    if (i == fracStart) return false;
  }
  if (*h > 24 || *m > 59 || *sec > 59) return false;
  if (*h == 24 && (*m != 0 || *sec != 0 || fractionNonZero)) return false;
  dt.hour = *h;
  dt.minute = *m;
  dt.second = std::strtold(std::string(s.substr(secStart, i - secStart)).c_str(), nullptr);
  return true;
}

// Reads `s` with each step in turn (a step advances the index and fills the value); every
// step must succeed.
using Step = bool (*)(std::string_view, std::size_t&, DateTime&);
std::optional<DateTime> parseSteps(std::string_view s, std::initializer_list<Step> steps) {
  DateTime dt;
  std::size_t i = 0;
  for (Step step : steps) {
    if (!step(s, i, dt)) return std::nullopt;
  }
  return dt;
}

// The separator `c` at s[i].
template <char c>
bool separator(std::string_view s, std::size_t& i, DateTime&) {
  if (i >= s.size() || s[i] != c) return false;
  ++i;
  return true;
}

bool parseMonth(std::string_view s, std::size_t& i, DateTime& dt) {
  const auto m = digits(s, i, 2);
  if (!m || *m < 1 || *m > 12) return false;
  dt.month = *m;
  return true;
}

std::optional<DateTime> parseDate(std::string_view s) {
  return parseSteps(s, {parseDatePart, parseTimezone});
}

std::optional<DateTime> parseDateTime(std::string_view s) {
  return parseSteps(s, {parseDatePart, separator<'T'>, parseTimePart, parseTimezone});
}

std::optional<DateTime> parseTime(std::string_view s) {
  return parseSteps(s, {parseTimePart, parseTimezone});
}

std::optional<DateTime> parseGYear(std::string_view s) {
  return parseSteps(s, {parseYear, parseTimezone});
}

std::optional<DateTime> parseGYearMonth(std::string_view s) {
  return parseSteps(s, {parseYear, separator<'-'>, parseMonth, parseTimezone});
}

bool isGregorian(std::string_view local, std::string_view s) {
  DateTime dt;
  std::size_t i = 0;
  if (local == "gYear") return parseGYear(s).has_value();
  if (local == "gYearMonth") return parseGYearMonth(s).has_value();
  if (s.size() < 2 || s[0] != '-' || s[1] != '-') return false;
  i = 2;
  if (local == "gDay") {
    if (i >= s.size() || s[i] != '-') return false;
    ++i;
    auto d = digits(s, i, 2);
    return d && *d >= 1 && *d <= 31 && parseTimezone(s, i, dt);
  }
  auto m = digits(s, i, 2);
  if (!m || *m < 1 || *m > 12) return false;
  if (local == "gMonth") return parseTimezone(s, i, dt);
  // gMonthDay
  if (i >= s.size() || s[i] != '-') return false;
  ++i;
  auto d = digits(s, i, 2);
  return d && *d >= 1 && *d <= daysInMonth(2000, *m) && parseTimezone(s, i, dt);
}

bool isDuration(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size() || s[i] != 'P') return false;
  ++i;
  bool any = false;
  bool inTime = false;
  bool timeAny = false;
  std::string_view order = "YMD";
  std::size_t pos = 0;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (inTime) return false;
      inTime = true;
      order = "HMS";
      pos = 0;
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < s.size() && isDigit(s[i])) ++i;
    bool fraction = false;
    if (i < s.size() && s[i] == '.') {
      fraction = true;
      ++i;
      const std::size_t fs = i;
      while (i < s.size() && isDigit(s[i])) ++i;
      if (i == fs) return false;
    }
    if (i == start || i >= s.size()) return false;
    const std::size_t at = order.find(s[i], pos);
    if (at == std::string_view::npos) return false;
    if (fraction && !(inTime && s[i] == 'S')) return false;
    pos = at + 1;
    ++i;
    any = true;
    if (inTime) timeAny = true;
  }
  return any && (!inTime || timeAny);
}

bool isLanguageTag(std::string_view s) {
  std::size_t i = 0;
  bool first = true;
  while (true) {
    const std::size_t start = i;
    while (i < s.size() &&
           (std::isalpha(static_cast<unsigned char>(s[i])) || (!first && isDigit(s[i])))) {
      ++i;
    }
    if (i == start || i - start > 8) return false;
    first = false;
    if (i == s.size()) return true;
    if (s[i] != '-') return false;
    ++i;
  }
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long double secondsOf(const DateTime& dt) {
  const std::int64_t days = daysFromCivil(dt.year, dt.month, dt.day);
  long double secs =
      static_cast<long double>(days) * 86400.0L + dt.hour * 3600.0L + dt.minute * 60.0L + dt.second;
  if (dt.tzMinutes) secs -= *dt.tzMinutes * 60.0L;
  return secs;
}

enum class Space { None, Numeric, DateTimeSpace, Date, Time, GYear, GYearMonth, String, Boolean };

Space spaceOf(const LiteralView& v) {
  if (!v.language.empty()) return Space::None;
  if (v.datatype.empty()) return Space::String;
  if (v.datatype.substr(0, kXsd.size()) != kXsd) return Space::None;
  const std::string_view local = v.datatype.substr(kXsd.size());
  if (local == "string") return Space::String;
  if (local == "boolean") return Space::Boolean;
  if (local == "dateTime" || local == "dateTimeStamp") return Space::DateTimeSpace;
  if (local == "date") return Space::Date;
  if (local == "time") return Space::Time;
  if (local == "gYear") return Space::GYear;
  if (local == "gYearMonth") return Space::GYearMonth;
  static constexpr std::string_view kNumeric[] = {"decimal",
                                                  "integer",
                                                  "float",
                                                  "double",
                                                  "long",
                                                  "int",
                                                  "short",
                                                  "byte",
                                                  "nonNegativeInteger",
                                                  "positiveInteger",
                                                  "nonPositiveInteger",
                                                  "negativeInteger",
                                                  "unsignedLong",
                                                  "unsignedInt",
                                                  "unsignedShort",
                                                  "unsignedByte"};
  for (std::string_view n : kNumeric) {
    if (local == n) return Space::Numeric;
  }
  return Space::None;
}

template <typename T>
std::partial_ordering order(const T& a, const T& b) {
  if (a < b) return std::partial_ordering::less;
  if (b < a) return std::partial_ordering::greater;
  if (a == b) return std::partial_ordering::equivalent;
  return std::partial_ordering::unordered;
}

std::optional<long double> numericValue(const LiteralView& v) {
  const std::string lex(v.lexical);
  if (lex == "NaN") return std::nanl("");
  if (lex == "INF" || lex == "+INF") return HUGE_VALL;
  if (lex == "-INF") return -HUGE_VALL;
  return std::strtold(lex.c_str(), nullptr);
}

std::optional<DateTime> temporalValue(Space space, std::string_view lex) {
  switch (space) {
    case Space::DateTimeSpace:
      return parseDateTime(lex);
    case Space::Date:
      return parseDate(lex);
    case Space::Time:
      return parseTime(lex);
    case Space::GYear:
      return parseGYear(lex);
    case Space::GYearMonth:
      return parseGYearMonth(lex);
    default:
      return std::nullopt;
  }
}

}  // namespace

bool isWellFormed(std::string_view datatype, std::string_view lexical) {
  if (datatype.substr(0, kXsd.size()) != kXsd) return true;
  const std::string_view local = datatype.substr(kXsd.size());
  if (local == "integer") return isInteger(lexical);
  if (local == "decimal") return isDecimal(lexical);
  if (local == "float" || local == "double") return isFloating(lexical);
  if (local == "boolean") return isBoolean(lexical);
  if (local == "long")
    return integerInRange(lexical, "-9223372036854775808", "9223372036854775807");
  if (local == "int") return integerInRange(lexical, "-2147483648", "2147483647");
  if (local == "short") return integerInRange(lexical, "-32768", "32767");
  if (local == "byte") return integerInRange(lexical, "-128", "127");
  if (local == "nonNegativeInteger") return integerInRange(lexical, "0", "");
  if (local == "positiveInteger") return integerInRange(lexical, "1", "");
  if (local == "nonPositiveInteger") return integerInRange(lexical, "", "0");
  if (local == "negativeInteger") return integerInRange(lexical, "", "-1");
  if (local == "unsignedLong") return integerInRange(lexical, "0", "18446744073709551615");
  if (local == "unsignedInt") return integerInRange(lexical, "0", "4294967295");
  if (local == "unsignedShort") return integerInRange(lexical, "0", "65535");
  if (local == "unsignedByte") return integerInRange(lexical, "0", "255");
  if (local == "date") return parseDate(lexical).has_value();
  if (local == "dateTime") return parseDateTime(lexical).has_value();
  if (local == "dateTimeStamp") {
    auto dt = parseDateTime(lexical);
    return dt && dt->tzMinutes.has_value();
  }
  if (local == "time") return parseTime(lexical).has_value();
  if (local == "gYear" || local == "gYearMonth" || local == "gMonth" || local == "gDay" ||
      local == "gMonthDay") {
    return isGregorian(local, lexical);
  }
  if (local == "duration") return isDuration(lexical);
  if (local == "language") return isLanguageTag(lexical);
  if (local == "normalizedString") return lexical.find_first_of("\r\n\t") == std::string_view::npos;
  if (local == "token") {
    return lexical.find_first_of("\r\n\t") == std::string_view::npos &&
           lexical.find("  ") == std::string_view::npos &&
           (lexical.empty() || (lexical.front() != ' ' && lexical.back() != ' '));
  }
  return true;
}

std::partial_ordering compareLiterals(const LiteralView& a, const LiteralView& b) {
  const Space sa = spaceOf(a);
  const Space sb = spaceOf(b);
  if (sa != sb || sa == Space::None) return std::partial_ordering::unordered;
  const std::string_view dta = a.datatype.empty() ? std::string_view(kXsd) : a.datatype;
  const std::string_view dtb = b.datatype.empty() ? std::string_view(kXsd) : b.datatype;
  if (sa != Space::String && (!isWellFormed(dta, a.lexical) || !isWellFormed(dtb, b.lexical))) {
    return std::partial_ordering::unordered;
  }
  switch (sa) {
    case Space::String:
      return order(a.lexical, b.lexical);  // UTF-8 byte order is code point order
    case Space::Boolean: {
      const bool va = a.lexical == "true" || a.lexical == "1";
      const bool vb = b.lexical == "true" || b.lexical == "1";
      return order(static_cast<int>(va), static_cast<int>(vb));
    }
    case Space::Numeric: {
      auto va = numericValue(a);
      auto vb = numericValue(b);
      if (!va || !vb) return std::partial_ordering::unordered;
      return order(*va, *vb);
    }
    case Space::DateTimeSpace:
    case Space::Date:
    case Space::Time:
    case Space::GYear:
    case Space::GYearMonth: {
      auto va = temporalValue(sa, a.lexical);
      auto vb = temporalValue(sa, b.lexical);
      // A value with a time zone and one without are not comparable.
      if (!va || !vb || va->tzMinutes.has_value() != vb->tzMinutes.has_value()) {
        return std::partial_ordering::unordered;
      }
      return order(secondsOf(*va), secondsOf(*vb));
    }
    case Space::None:
      break;
  }
  return std::partial_ordering::unordered;
}

}  // namespace guidegraph::shacl::detail
