#include "guidegraph/languages.hpp"

#include <boost/test/unit_test.hpp>

using namespace guidegraph;

BOOST_AUTO_TEST_SUITE(languages)

BOOST_AUTO_TEST_CASE(names_become_bcp47_tags) {
  // Every name CAMGDP's sources use, English variants, and the languages' own names.
  const std::pair<const char*, const char*> cases[] = {
      {"Russian", "ru"},   {"English", "en"}, {"Kazakh", "kk"},    {"Uzbek", "uz"},
      {"French", "fr"},    {"Kyrgyz", "ky"},  {"Spanish", "es"},   {"Ukrainian", "uk"},
      {"Tajik", "tg"},     {"German", "de"},  {"Arabic", "ar"},    {"Turkmen", "tk"},
      {"Dutch", "nl"},     {"Kirghiz", "ky"}, {"kyrgyz", "ky"},    {"Karakalpak", "kaa"},
      {"Mongolian", "mn"}, {"Uyghur", "ug"},  {"Farsi", "fa"},     {"Chinese", "zh"},
      {"Русский", "ru"},   {"Қазақша", "kk"}, {"Oʻzbekcha", "uz"}, {"O'zbekcha", "uz"},
      {"Кыргызча", "ky"},  {"Тоҷикӣ", "tg"},  {"Монгол", "mn"},    {"Dungan", "dng"},
      {"Tatar", "tt"},     {"Bashkir", "ba"}, {"Yakut", "sah"},    {"  Russian ", "ru"}};
  for (const auto& [name, tag] : cases) {
    BOOST_TEST_CONTEXT(name) {
      const auto t = languageTagFor(name);
      BOOST_REQUIRE(t.has_value());
      BOOST_TEST(*t == tag);
    }
  }
}

BOOST_AUTO_TEST_CASE(tags_stay_as_written_and_unknown_names_are_none) {
  BOOST_TEST(*languageTagFor("ru-RU") == "ru-RU");
  BOOST_TEST(*languageTagFor("kk") == "kk");
  BOOST_TEST(*languageTagFor("uz-Cyrl") == "uz-Cyrl");
  BOOST_TEST(!languageTagFor("Klingonese").has_value());
  BOOST_TEST(!languageTagFor("Russain").has_value());
  BOOST_TEST(!languageTagFor("").has_value());
}

BOOST_AUTO_TEST_CASE(tags_find_their_records) {
  BOOST_REQUIRE(findLanguageByTag("kk-KZ") != nullptr);
  BOOST_TEST(findLanguageByTag("kk-KZ")->marc == "kaz");
  BOOST_TEST(findLanguageByTag("deu")->marc == "ger");
  BOOST_TEST(findLanguageByTag("ger")->tag == "de");
  BOOST_TEST(findLanguageByTag("kaa")->name == "Kara-Kalpak");
  BOOST_TEST(findLanguageByTag("KY")->name == "Kyrgyz");
  BOOST_TEST(findLanguageByTag("xx") == nullptr);
  BOOST_TEST(findLanguageByTag("cnr")->marc.empty());  // not in the MARC list
  BOOST_TEST(allLanguages().size() > 450u);
}

BOOST_AUTO_TEST_SUITE_END()
