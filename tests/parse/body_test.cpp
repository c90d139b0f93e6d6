#include <boost/test/unit_test.hpp>

#include "guidegraph/fragment.hpp"

using guidegraph::LinkForm;
using guidegraph::parsePage;

BOOST_AUTO_TEST_SUITE(body)

BOOST_AUTO_TEST_CASE(sections_links_notes_and_mentions) {
  const auto p = parsePage("g.md",
                           "---\ntitle: t\n---\n\n"
                           "## International non-governmental organizations (INGOs)\n\n"
                           "Intro with a [category](/category/ingo) link.\n\n"
                           "- [Zakon.kz](/sources/sources/zakon_kz/) (state-affiliated)\n"
                           "- [Akimat](/sources/sources/akimat/) for **Astana**, the capital.\n\n"
                           "## Local information \n\n"
                           "- [Ref][r] (independent, women-oriented)\n\n"
                           "## Media\n\n"
                           "## Media\n\n"
                           "[r]: /sources/sources/r/\n");
  BOOST_TEST(p.diagnostics.items().empty());
  BOOST_REQUIRE(p.headings.size() == 4u);
  BOOST_TEST(p.headings[0].anchor == "international-non-governmental-organizations-ingos");
  BOOST_TEST(p.headings[1].anchor == "local-information");
  BOOST_TEST(p.headings[1].text == "Local information");
  BOOST_TEST(p.headings[3].anchor == "media-1");  // Hugo numbers repeated anchors
  BOOST_TEST(p.headings[0].pos.line == 5u);
  BOOST_TEST(p.sectionLevel == 2);

  BOOST_REQUIRE(p.links.size() == 4u);
  BOOST_TEST(p.links[0].destination == "/category/ingo");
  BOOST_TEST(p.links[0].listItemIndex == -1);
  BOOST_TEST(p.links[0].pos.line == 7u);
  BOOST_TEST(p.links[0].pos.column == 14u);

  BOOST_TEST(p.links[1].text == "Zakon.kz");
  BOOST_TEST(p.links[1].note == "state-affiliated");
  BOOST_TEST(p.links[1].heading == 0);
  BOOST_TEST(p.links[1].pos.line == 9u);
  BOOST_TEST(p.links[1].pos.column == 3u);

  BOOST_TEST(p.links[2].note.empty());
  BOOST_REQUIRE(p.links[2].mentions.size() == 1u);
  BOOST_TEST(p.links[2].mentions[0] == "Astana");

  BOOST_TEST(p.links[3].destination == "/sources/sources/r/");  // reference-style
  BOOST_TEST(p.links[3].note == "independent, women-oriented");
  BOOST_TEST(p.links[3].heading == 1);
}

BOOST_AUTO_TEST_CASE(ref_and_relref_shortcodes_keep_columns) {
  const auto p =
      parsePage("g.md",
                "---\ntitle: t\n---\n"
                "- [Kabar]({{< ref \"sources/sources/kabar\" >}}) (state news agency) and "
                "[Kloop]({{< relref \"sources/sources/kloop.md\" >}})\n");
  BOOST_REQUIRE(p.links.size() == 2u);
  BOOST_TEST((p.links[0].form == LinkForm::Ref));
  BOOST_TEST(p.links[0].destination == "sources/sources/kabar");
  BOOST_TEST(p.links[0].note == "state news agency");
  BOOST_TEST((p.links[1].form == LinkForm::RelRef));
  BOOST_TEST(p.links[1].destination == "sources/sources/kloop.md");
  BOOST_TEST(p.links[1].pos.line == 4u);
  BOOST_TEST(p.links[1].pos.column == 72u);
}

BOOST_AUTO_TEST_CASE(bold_inside_a_link_is_not_a_mention) {
  const auto p = parsePage("g.md", "- [**Bold** name](/s/x/) about **Osh**\n");
  BOOST_REQUIRE(p.links.size() == 1u);
  BOOST_REQUIRE(p.links[0].mentions.size() == 1u);
  BOOST_TEST(p.links[0].mentions[0] == "Osh");
  BOOST_TEST(p.links[0].text == "Bold name");
}

BOOST_AUTO_TEST_SUITE_END()
