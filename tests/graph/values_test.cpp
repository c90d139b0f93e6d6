// The checks of the values the model holds in checked types: what each accepts, and that a
// rejected value is empty with exactly one diagnostic at its position.
#include <boost/test/unit_test.hpp>

#include "guidegraph/checked.hpp"
#include "guidegraph/graph.hpp"

using namespace guidegraph;

namespace {

Located at(const char* value, std::uint32_t line = 3, std::uint32_t column = 1) {
  return Located{value, SourcePos{Atom("content/sources/x.md"), line, column}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checked_values)

BOOST_AUTO_TEST_CASE(websites) {
  for (const char* good : {"https://example.org/", "http://example.org", "https://a.kz/x?y=1#z"}) {
    Diagnostics d;
    const WebAddress w = ValueCheck::website(at(good), d);
    BOOST_TEST(w.value() == good);
    BOOST_TEST(w.pos().line == 3U);
    BOOST_TEST(d.items().empty());
  }
  for (const char* bad : {"javascript:alert(1)", "www.example.org", "https://exa mple.org/",
                          "https://example.org/\tx", "data:text/html,x", "HTTPS://example.org/",
                          "ftp://example.org/"}) {
    Diagnostics d;
    const WebAddress w = ValueCheck::website(at(bad, 4, 1), d);
    BOOST_TEST(w.empty(), bad);
    BOOST_TEST(w.rejected());
    BOOST_TEST(w.pos().line == 4U);
    BOOST_REQUIRE_EQUAL(d.items().size(), 1U);
    BOOST_TEST(d.items()[0].code == "bad-website");
    BOOST_TEST(d.items()[0].pos.line == 4U);
  }
  Diagnostics none;
  BOOST_TEST(ValueCheck::website(at(""), none).empty());
  BOOST_TEST(!ValueCheck::website(at(""), none).rejected());
  BOOST_TEST(!ValueCheck::website(at("https://example.org/"), none).rejected());
  BOOST_TEST(none.items().empty());
}

BOOST_AUTO_TEST_CASE(languages) {
  Diagnostics d;
  BOOST_TEST(ValueCheck::language(at("kk-KZ"), d).value() == "kk-KZ");
  BOOST_TEST(ValueCheck::language(at("uz-Cyrl"), d).value() == "uz-Cyrl");
  BOOST_TEST(d.items().empty());
  for (const char* bad : {"Elvish_Tengwar", "en_US", "k", "english language", "en-"}) {
    Diagnostics one;
    BOOST_TEST(ValueCheck::language(at(bad, 6, 19), one).empty(), bad);
    BOOST_REQUIRE_EQUAL(one.items().size(), 1U);
    BOOST_TEST(one.items()[0].code == "bad-language");
    BOOST_TEST(one.items()[0].pos.column == 19U);
  }
}

BOOST_AUTO_TEST_CASE(dates) {
  Diagnostics d;
  const CheckedDate day = ValueCheck::date(at("2023-11-02"), "date", d);
  BOOST_TEST(day.day() == "2023-11-02");
  BOOST_TEST(!day.hasTime());
  const CheckedDate time = ValueCheck::date(at("2023-11-02T10:00:00+05:00"), "date", d);
  BOOST_TEST(time.day() == "2023-11-02");
  BOOST_TEST(time.hasTime());
  BOOST_TEST(d.items().empty());
  for (const char* bad : {"2 November 2023", "2023-13-01", "2023-11-32", "32/13/2023",
                          "2023-11-02 10:00:00", "2023-11-02T25:00:00", "sometime-soon"}) {
    Diagnostics one;
    const CheckedDate none = ValueCheck::date(at(bad), "lastmod", one);
    BOOST_TEST(none.empty(), bad);
    BOOST_TEST(none.rejected());
    BOOST_TEST(none.day().empty());
    BOOST_REQUIRE_EQUAL(one.items().size(), 1U);
    BOOST_TEST(one.items()[0].code == "bad-date");
    BOOST_TEST(one.items()[0].message.find("`lastmod: ") == 0U);
  }
}

BOOST_AUTO_TEST_CASE(years_weights_wikidata) {
  Diagnostics d;
  BOOST_TEST(ValueCheck::year(at("2010"), "date_start", d).value() == "2010");
  BOOST_TEST(ValueCheck::weight(at("-3"), d).value() == "-3");
  BOOST_TEST(ValueCheck::weight(at("+12"), d).value() == "+12");
  BOOST_TEST(ValueCheck::wikidata(at("Q232"), d).value() == "Q232");
  BOOST_TEST(d.items().empty());
  BOOST_TEST(ValueCheck::year(at("since 2010"), "date_start", d).empty());
  BOOST_TEST(ValueCheck::weight(at("1.5"), d).empty());
  BOOST_TEST(ValueCheck::weight(at("1234567890"), d).empty());
  BOOST_TEST(ValueCheck::wikidata(at("Q0"), d).empty());
  BOOST_TEST(ValueCheck::wikidata(at("zakon.kz"), d).empty());
  BOOST_REQUIRE_EQUAL(d.items().size(), 5U);
  BOOST_TEST(d.items()[0].code == "bad-year");
  BOOST_TEST(d.items()[1].code == "bad-weight");
  BOOST_TEST(d.items()[2].code == "bad-weight");
  BOOST_TEST(d.items()[3].code == "bad-wikidata");
  BOOST_TEST(d.items()[4].code == "bad-wikidata");
}

BOOST_AUTO_TEST_SUITE_END()
