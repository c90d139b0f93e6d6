#include "guidegraph/text.hpp"

#include <boost/test/unit_test.hpp>

namespace text = guidegraph::text;

BOOST_AUTO_TEST_SUITE(text_helpers)

BOOST_AUTO_TEST_CASE(urlize_matches_hugo_taxonomy_slugs) {
  BOOST_TEST(text::urlize("Ryan Womack") == "ryan-womack");
  BOOST_TEST(text::urlize("Kazakhstan") == "kazakhstan");
  BOOST_TEST(text::urlize("state-media") == "state-media");
  BOOST_TEST(text::urlize("  Côte d'Ivoire ") == "côte-divoire");
  BOOST_TEST(text::urlize("Қазақстан") == "қазақстан");
  // Hugo's MakePathSanitized (checked with hugo 0.111): runs of spaces and dashes are one
  // dash, none at the ends; punctuation is dropped; + ~ # . _ / and %XX are kept.
  BOOST_TEST(text::urlize("odd name (1) & co!") == "odd-name-1-co");
  BOOST_TEST(text::urlize("a - b -- c ") == "a-b-c");
  BOOST_TEST(text::urlize("-lead") == "lead");
  BOOST_TEST(text::urlize("LGBTQIA+") == "lgbtqia+");
  BOOST_TEST(text::urlize("Plus+Tilde~Hash#x") == "plus+tilde~hash#x");
  BOOST_TEST(text::urlize("Kok.team") == "kok.team");
  BOOST_TEST(text::urlize("a%20b%zz") == "a%20bzz");
  BOOST_TEST(text::urlize("Foo Bar", false) == "Foo-Bar");
}

BOOST_AUTO_TEST_CASE(heading_anchor_matches_hugo_github_style) {
  BOOST_TEST(text::headingAnchor("International non-governmental organizations (INGOs)") ==
             "international-non-governmental-organizations-ingos");
  BOOST_TEST(text::headingAnchor("Local information ") == "local-information");
  BOOST_TEST(text::headingAnchor("Media & press: 2023!") == "media--press-2023");
}

BOOST_AUTO_TEST_CASE(encode_iri_escapes_only_what_iris_forbid) {
  BOOST_TEST(text::encodeIri("https://x.org/a b/") == "https://x.org/a%20b/");
  BOOST_TEST(text::encodeIri("https://x.org/<{|}>") == "https://x.org/%3C%7B%7C%7D%3E");
  BOOST_TEST(text::encodeIri("https://x.org/%zz%41") == "https://x.org/%25zz%41");
  BOOST_TEST(text::encodeIri("https://x.org/қала/") == "https://x.org/қала/");
  BOOST_TEST(text::encodeIri("https://x.org/қ", true) == "https://x.org/%D2%9B");
}

BOOST_AUTO_TEST_CASE(paths_resolve_like_a_browser) {
  BOOST_TEST(text::resolvePath("/guides/kyrgyzstan/", "../../sources/sources/x/") ==
             "/sources/sources/x/");
  BOOST_TEST(text::resolvePath("/guides/kyrgyzstan/", "/a/b") == "/a/b");
  BOOST_TEST(text::resolvePath("/guides/kyrgyzstan/", "../../../../../etc/passwd") ==
             "/etc/passwd");
  BOOST_TEST(text::normalizePath("/a//b/./c/../d/") == "/a/b/d/");
  BOOST_TEST(text::percentDecode("/a%20b/%D2%9B") == "/a b/қ");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_located) {
  BOOST_TEST(!text::findInvalidUtf8("plain ascii and қазақ").has_value());
  BOOST_TEST(text::findInvalidUtf8("ab\xC3").value() == 2u);
  BOOST_TEST(text::findInvalidUtf8("ab\xED\xA0\x80").value() == 2u);  // a surrogate
  BOOST_TEST(text::findInvalidUtf8("\xC0\xAF").value() == 0u);        // overlong
  const auto lc = text::lineColAt("ab\ncd", 4);
  BOOST_TEST(lc.line == 2u);
  BOOST_TEST(lc.column == 2u);
}

BOOST_AUTO_TEST_CASE(portable_text_keeps_only_what_xml_and_dot_can_carry) {
  BOOST_TEST(text::isPortableChar(U'a'));
  BOOST_TEST(text::isPortableChar(U'\t'));
  BOOST_TEST(text::isPortableChar(U'\r'));
  BOOST_TEST(text::isPortableChar(0xFFFD));
  BOOST_TEST(text::isPortableChar(0x10000));
  BOOST_TEST(!text::isPortableChar(0x1));
  BOOST_TEST(!text::isPortableChar(0xFFFE));
  BOOST_TEST(!text::isPortableChar(0xFFFF));
  BOOST_TEST(!text::isPortableChar(0x1FFFF));  // non-characters in every plane
  BOOST_TEST(!text::isPortableChar(0x10FFFE));
  BOOST_TEST(!text::isPortableChar(0xFDD0));  // the block of non-characters
  BOOST_TEST(!text::isPortableChar(0xFDEF));
  BOOST_TEST(text::isPortableChar(0xFDF0));
  BOOST_TEST(!text::isPortableChar(0xD800));  // surrogates
  BOOST_TEST(!text::isPortableChar(0x110000));
  const std::string fffd = "\xEF\xBF\xBD";
  BOOST_TEST(text::portableText("Қазақ — ok") == "Қазақ — ok");
  BOOST_TEST(text::portableText("a\xEF\xBF\xBF"
                                "b") == "a" + fffd + "b");  // U+FFFF
  BOOST_TEST(text::portableText("a\xEF\xBF\xBE"
                                "b") == "a" + fffd + "b");  // U+FFFE
  BOOST_TEST(text::portableText("a\xEF\xB7\x90"
                                "b") == "a" + fffd + "b");  // U+FDD0
  BOOST_TEST(text::portableText("a\xF0\x9F\xBF\xBF"
                                "b") == "a" + fffd + "b");  // U+1FFFF
  BOOST_TEST(text::portableText("a\xED\xA0\x80"
                                "b") == "a" + fffd + fffd + fffd + "b");  // surrogate
  BOOST_TEST(text::portableText("a\xFF"
                                "b") == "a" + fffd + "b");                 // not UTF-8
  BOOST_TEST(text::portableText(std::string("a\x01\x1F\0b", 5)) == "ab");  // controls dropped
  BOOST_TEST(text::portableText("a\tb\nc\rd") == "a\tb\nc\rd");
  BOOST_TEST(text::portableText("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // U+1F600 kept
  BOOST_TEST(!text::findUnportable("plain, Қазақ and \xF0\x9F\x98\x80\ttab").has_value());
  BOOST_TEST(text::findUnportable("ab\xEF\xBF\xBF").value() == 2u);
  BOOST_TEST(text::findUnportable("a\x07").value() == 1u);
  BOOST_TEST(text::findUnportable("\xFF").value() == 0u);
}

BOOST_AUTO_TEST_CASE(escape_url_path_is_hugo_permalink_encoding) {
  // As Go's url.URL writes a path, which is what Hugo's .Permalink gives.
  BOOST_TEST(text::escapeUrlPath("ru/руководства/") ==
             "ru/%D1%80%D1%83%D0%BA%D0%BE%D0%B2%D0%BE%D0%B4%D1%81%D1%82%D0%B2%D0%B0/");
  BOOST_TEST(text::escapeUrlPath("Mixed/Case Here/") == "Mixed/Case%20Here/");
  BOOST_TEST(text::escapeUrlPath("a+b~c/$&,;=:@/") == "a+b~c/$&,;=:@/");
  BOOST_TEST(text::escapeUrlPath("q?x\"<>") == "q%3Fx%22%3C%3E");
  BOOST_TEST(text::escapeUrlPath("p#frag(1)/") == "p#frag(1)/");
  BOOST_TEST(text::escapeUrlPath("already%20done%") == "already%20done%25");
}

BOOST_AUTO_TEST_SUITE_END()
