// The checks of the values the model holds in checked types (guidegraph/checked.hpp).
#include <algorithm>
#include <regex>

#include "guidegraph/checked.hpp"
#include "guidegraph/graph.hpp"
#include "guidegraph/languages.hpp"

namespace guidegraph {
namespace {

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool ValueCheck::isWebAddress(std::string_view s) {
  std::size_t rest = 0;
  if (s.starts_with("https://")) {
    rest = 8;
  } else if (s.starts_with("http://")) {
    rest = 7;
  } else {
    return false;
  }
  // No white space or control character anywhere. (The form of the rest, such as a
  // missing host in "https:///x", is the shapes' pattern to report: it is a valid IRI.)
  return std::none_of(s.begin() + static_cast<std::ptrdiff_t>(rest), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

bool ValueCheck::isDate(std::string_view s) {
  static const std::regex date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  static const std::regex dateTime(
      R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?)");
  const std::string value(s);
  return std::regex_match(value, date) || std::regex_match(value, dateTime);
}

WebAddress ValueCheck::website(const Located& raw, Diagnostics& diags) {
  if (raw.value.empty()) return {};
  if (!isWebAddress(raw.value)) {
    diags.add(
        Severity::Warning, raw.pos, "bad-website",
        "website '" + raw.value + "' is not an absolute http(s) address; write it as https://…");
    return WebAddress::rejectedAt(raw.pos);
  }
  return {raw.value, raw.pos};
}

LanguageTag ValueCheck::language(const Located& raw, Diagnostics& diags) {
  if (raw.value.empty()) return {};
  if (!isLanguageTagForm(raw.value)) {
    diags.add(
        Severity::Warning, raw.pos, "bad-language",
        "language '" + raw.value + "' is not a BCP 47 tag; use a code such as 'kk', 'ru' or 'en'");
    return LanguageTag::rejectedAt(raw.pos);
  }
  return {raw.value, raw.pos};
}

CheckedDate ValueCheck::date(const Located& raw, std::string_view key, Diagnostics& diags) {
  if (raw.value.empty()) return {};
  if (!isDate(raw.value)) {
    diags.add(Severity::Warning, raw.pos, "bad-date",
              "`" + std::string(key) + ": " + raw.value +
                  "` is not a date; write it as YYYY-MM-DD (e.g. 2023-11-02)");
    return CheckedDate(Checked<ValueForm::Date>::rejectedAt(raw.pos));
  }
  return CheckedDate(Checked<ValueForm::Date>(raw.value, raw.pos));
}

Year ValueCheck::year(const Located& raw, std::string_view key, Diagnostics& diags) {
  if (raw.value.empty()) return {};
  if (raw.value.size() != 4 || !digits(raw.value)) {
    diags.add(Severity::Warning, raw.pos, "bad-year",
              "`" + std::string(key) + ": " + raw.value +
                  "` is not a year; write the year the data starts or ends as YYYY, e.g. "
                  "`[2010]`, or leave the list empty");
    return Year::rejectedAt(raw.pos);
  }
  return {raw.value, raw.pos};
}

WholeNumber ValueCheck::weight(const Located& raw, Diagnostics& diags) {
  if (raw.value.empty()) return {};
  std::string_view n = raw.value;
  if (n.front() == '+' || n.front() == '-') n.remove_prefix(1);
  if (n.empty() || n.size() > 9 || !digits(n)) {
    diags.add(Severity::Warning, raw.pos, "bad-weight",
              "`weight: " + raw.value + "` is not a whole number; write e.g. `weight: 1`");
    return WholeNumber::rejectedAt(raw.pos);
  }
  return {raw.value, raw.pos};
}

WikidataItem ValueCheck::wikidata(const Located& raw, Diagnostics& diags) {
  if (raw.value.empty()) return {};
  const std::string_view id = raw.value;
  if (id.size() < 2 || id[0] != 'Q' || id[1] < '1' || id[1] > '9' || !digits(id.substr(2))) {
    diags.add(Severity::Warning, raw.pos, "bad-wikidata",
              "wikidata '" + raw.value + "' is not a Wikidata item id; write it as e.g. Q232");
    return WikidataItem::rejectedAt(raw.pos);
  }
  return {raw.value, raw.pos};
}

}  // namespace guidegraph
