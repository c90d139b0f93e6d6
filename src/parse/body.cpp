#include "body.hpp"

#include <cmark.h>

#include <charconv>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include "guidegraph/text.hpp"

namespace guidegraph::parse {
namespace {

struct CmarkNodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CmarkIterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
using CmarkDoc = std::unique_ptr<cmark_node, CmarkNodeDeleter>;
using CmarkIter = std::unique_ptr<cmark_iter, CmarkIterDeleter>;

constexpr std::string_view kShortcodeMark = "ggsc";

struct Shortcode {
  LinkForm form;
  std::string path;
  std::string token;  // what replaced it in the text cmark parsed
};

// Hugo's ref/relref shortcodes are replaced, before cmark sees the text, by a token of the
// same length ("ggsc0___…"), so every later column stays that of the original text and
// the destination contains no spaces (cmark would not accept it as a link otherwise).
std::string replaceShortcodes(std::string_view body, std::vector<Shortcode>& found) {
  static const std::regex re(
      R"re(\{\{([<%])\s*(ref|relref)\s+(?:path\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^\s%>]+))[^}]*?[>%]\}\})re");
  std::string out(body);
  const std::string subject(body);
  // The regex is tried only where a shortcode can start ("{{"): searching the whole body
  // with std::regex was a tenth of an export's time. Same matches, left to right.
  // std::regex recurses once per character matched: the regex sees only the text up to the
  // first "}}", and only when that is a shortcode's length away, so a long unterminated
  // `{{< ref "...` cannot exhaust the stack.
  constexpr std::size_t kMaxShortcodeLength = 1024;
  std::smatch m;
  std::size_t at = subject.find("{{");
  while (at != std::string::npos) {
    std::size_t skip = 1;
    const std::size_t close = subject.find("}}", at + 2);
    if (close != std::string::npos && close + 2 - at <= kMaxShortcodeLength &&
        std::regex_search(subject.cbegin() + static_cast<std::ptrdiff_t>(at),
                          subject.cbegin() + static_cast<std::ptrdiff_t>(close + 2), m, re,
                          std::regex_constants::match_continuous)) {
      const auto len = static_cast<std::size_t>(m.length(0));
      skip = len;
      std::string token = std::string(kShortcodeMark) + std::to_string(found.size());
      if (token.size() <= len) {
        Shortcode sc;
        sc.form = m[2] == "ref" ? LinkForm::Ref : LinkForm::RelRef;
        sc.path = m[3].matched ? m[3].str() : m[4].matched ? m[4].str() : m[5].str();
        token.append(len - token.size(), '_');
        out.replace(at, len, token);
        sc.token = token;
        found.push_back(std::move(sc));
      }
    }
    at = subject.find("{{", at + skip);
  }
  return out;
}

std::string plainText(cmark_node* node) {
  std::string out;
  CmarkIter it(cmark_iter_new(node));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* lit = cmark_node_get_literal(n)) out += lit;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        break;
    }
  }
  return std::string(text::trim(out));
}

cmark_node* enclosingItem(cmark_node* n) {
  for (cmark_node* p = cmark_node_parent(n); p; p = cmark_node_parent(p)) {
    if (cmark_node_get_type(p) == CMARK_NODE_ITEM) return p;
  }
  return nullptr;
}

bool insideLink(cmark_node* n, cmark_node* stop) {
  for (cmark_node* p = cmark_node_parent(n); p && p != stop; p = cmark_node_parent(p)) {
    if (cmark_node_get_type(p) == CMARK_NODE_LINK) return true;
  }
  return false;
}

std::vector<std::string> boldMentions(cmark_node* item) {
  std::vector<std::string> out;
  CmarkIter it(cmark_iter_new(item));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_STRONG) continue;
    if (insideLink(n, item)) continue;
    std::string t = plainText(n);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

// "(independent, women-oriented)" at the start of the text that follows a link.
std::string noteAfter(cmark_node* link) {
  cmark_node* next = cmark_node_next(link);
  if (!next || cmark_node_get_type(next) != CMARK_NODE_TEXT) return {};
  const char* lit = cmark_node_get_literal(next);
  if (!lit) return {};
  std::string_view t = text::trim(lit);
  if (t.empty() || t.front() != '(') return {};
  int depth = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '(') ++depth;
    if (t[i] == ')' && --depth == 0) return std::string(text::trim(t.substr(1, i - 1)));
  }
  return {};
}

SourcePos positionOf(cmark_node* n, const PageFragment& page, unsigned firstLine) {
  return SourcePos{page.path, firstLine + static_cast<unsigned>(cmark_node_get_start_line(n)) - 1,
                   static_cast<unsigned>(cmark_node_get_start_column(n))};
}

// Adds every heading to `page`, with Hugo's anchor (repeated ones numbered); returns their
// nodes in the same order.
std::vector<cmark_node*> collectHeadings(cmark_node* doc, unsigned firstLine, PageFragment& page) {
  std::map<std::string, int> anchorUses;
  std::vector<cmark_node*> headingNodes;
  CmarkIter it(cmark_iter_new(doc));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING) continue;
    Heading h;
    h.level = cmark_node_get_heading_level(n);
    h.text = plainText(n);
    std::string anchor = text::headingAnchor(h.text);
    const int uses = anchorUses[anchor]++;
    if (uses > 0) anchor += "-" + std::to_string(uses);
    h.anchor = std::move(anchor);
    h.pos = positionOf(n, page, firstLine);
    page.headings.push_back(std::move(h));
    headingNodes.push_back(n);
  }
  return headingNodes;
}

// A link whose destination is a token replaceShortcodes wrote gets the shortcode's path and
// form. Only such a token stands for a shortcode: a destination the author wrote that merely
// starts with the mark ("ggsc/x") stays as written.
void resolveShortcode(BodyLink& link, const std::vector<Shortcode>& shortcodes) {
  if (!link.destination.starts_with(kShortcodeMark)) return;
  const std::string_view digits = std::string_view(link.destination).substr(kShortcodeMark.size());
  std::size_t index = 0;
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), index);
  if (parsed.ec == std::errc{} && index < shortcodes.size() &&
      link.destination.starts_with(shortcodes[index].token)) {
    link.form = shortcodes[index].form;
    link.destination = shortcodes[index].path;
  }
}

}  // namespace

void parseBody(std::string_view body, unsigned firstLine, PageFragment& page) {
  std::vector<Shortcode> shortcodes;
  const std::string prepared = replaceShortcodes(body, shortcodes);
  CmarkDoc doc(cmark_parse_document(prepared.data(), prepared.size(), CMARK_OPT_DEFAULT));
  if (!doc) return;

  const auto posOf = [&](cmark_node* n) { return positionOf(n, page, firstLine); };
  // First pass: headings, so the section level is known before links are assigned.
  const std::vector<cmark_node*> headingNodes = collectHeadings(doc.get(), firstLine, page);
  int minLevel = 7;
  for (const auto& h : page.headings) minLevel = std::min(minLevel, h.level);
  page.sectionLevel = minLevel == 7 ? 2 : minLevel;

  int currentHeading = -1;
  std::size_t headingCursor = 0;
  int itemInSection = -1;
  CmarkIter it(cmark_iter_new(doc.get()));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    const auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_HEADING) {
      while (headingCursor < headingNodes.size() && headingNodes[headingCursor] != n)
        ++headingCursor;
      if (headingCursor < headingNodes.size() &&
          page.headings[headingCursor].level == page.sectionLevel) {
        currentHeading = static_cast<int>(headingCursor);
        itemInSection = -1;
      }
      continue;
    }
    if (type == CMARK_NODE_ITEM) {
      ++itemInSection;
      continue;
    }
    if (type != CMARK_NODE_LINK) continue;
    BodyLink link;
    link.text = plainText(n);
    const char* url = cmark_node_get_url(n);
    link.destination = url ? url : "";
    resolveShortcode(link, shortcodes);
    link.note = noteAfter(n);
    link.heading = currentHeading;
    link.pos = posOf(n);
    if (cmark_node* item = enclosingItem(n)) {
      link.listItemIndex = itemInSection;
      link.mentions = boldMentions(item);
    }
    page.links.push_back(std::move(link));
  }
}

}  // namespace guidegraph::parse
