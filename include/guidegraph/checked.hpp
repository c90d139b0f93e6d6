// Checked values: the front matter values whose form every output depends on (a source's
// website, its languages, a page's dates, a guide's weight, a Wikidata item, the years a
// source's data covers). The site model holds them only in these types, and only
// ValueCheck makes a non-empty one: a value that fails its check is left out of the model
// with one warning at its position, so every writer (RDF, JSON-LD, publish, map, catalog,
// load) writes the same values and none can write one that was rejected.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "guidegraph/diagnostic.hpp"

namespace guidegraph {

struct Located;

enum class ValueForm : std::uint8_t {
  WebAddress,    // an absolute http:// or https:// address, without white space
  LanguageTag,   // a BCP 47 tag: [A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*
  Date,          // YYYY-MM-DD, or an xsd:dateTime (YYYY-MM-DDThh:mm:ss[.s][zone])
  Year,          // YYYY
  WholeNumber,   // [+-]?[0-9]{1,9}
  WikidataItem,  // Q[1-9][0-9]*
};

class ValueCheck;

// A value of form F as written in the input (trimmed), with its position; empty when the
// input has none or when it failed its check (then rejected() is true, and a diagnostic was
// given: an output that would say the value is missing need not say it again).
template <ValueForm F>
class Checked {
 public:
  Checked() = default;
  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  [[nodiscard]] const SourcePos& pos() const noexcept { return pos_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  [[nodiscard]] bool rejected() const noexcept { return rejected_; }

 private:
  friend class ValueCheck;
  Checked(std::string value, SourcePos pos) : value_(std::move(value)), pos_(std::move(pos)) {}
  static Checked rejectedAt(SourcePos pos) {
    Checked c;
    c.pos_ = std::move(pos);
    c.rejected_ = true;
    return c;
  }
  std::string value_;
  SourcePos pos_;
  bool rejected_ = false;
};

using WebAddress = Checked<ValueForm::WebAddress>;
using LanguageTag = Checked<ValueForm::LanguageTag>;
using Year = Checked<ValueForm::Year>;
using WholeNumber = Checked<ValueForm::WholeNumber>;
using WikidataItem = Checked<ValueForm::WikidataItem>;

// A date, or a date with a time of day.
class CheckedDate : public Checked<ValueForm::Date> {
 public:
  CheckedDate() = default;
  // The day: "2023-11-02" of "2023-11-02T10:00:00Z".
  [[nodiscard]] std::string_view day() const noexcept {
    return std::string_view(value()).substr(0, 10);
  }
  [[nodiscard]] bool hasTime() const noexcept { return value().size() > 10; }

 private:
  friend class ValueCheck;
  explicit CheckedDate(Checked<ValueForm::Date> d) : Checked<ValueForm::Date>(std::move(d)) {}
};

// The checks (src/graph/values.cpp). Each returns the checked value, or an empty one; an
// empty input is no value and no diagnostic; a malformed one gets one warning at its
// position (codes bad-website, bad-language, bad-date, bad-year, bad-weight, bad-wikidata).
// The site build calls each once per value written, so a rejected value has one diagnostic
// whatever the outputs written from the model.
class ValueCheck {
 public:
  static WebAddress website(const Located& raw, Diagnostics& diags);
  static LanguageTag language(const Located& raw, Diagnostics& diags);
  // `key`: the front matter key, for the message.
  static CheckedDate date(const Located& raw, std::string_view key, Diagnostics& diags);
  static Year year(const Located& raw, std::string_view key, Diagnostics& diags);
  static WholeNumber weight(const Located& raw, Diagnostics& diags);
  static WikidataItem wikidata(const Located& raw, Diagnostics& diags);

  // The same rules without a diagnostic.
  static bool isWebAddress(std::string_view s);
  static bool isDate(std::string_view s);
};

}  // namespace guidegraph
