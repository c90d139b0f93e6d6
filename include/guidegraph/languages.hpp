// The language table: every language of ISO 639-2 (and a few of ISO 639-3 spoken in Central
// Asia) with its BCP 47 tag, its MARC code and the names sites call it by. One table for the
// RDF view (schema:inLanguage) and the catalog (MARC 041/546, dc:language). Generated from
// Debian's iso-codes by vocab/tools/generate_languages.py.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace guidegraph {

// One language. Every view points into static storage.
struct LanguageRecord {
  std::string_view tag;          // BCP 47 primary subtag: ISO 639-1 "kk", else 639-2/3 "kaa"
  std::string_view marc;         // MARC code (ISO 639-2/B) "kaz", "ger"; empty when none
  std::string_view terminology;  // ISO 639-2/T (or 639-3) code: "deu"
  std::string_view name;         // English name to show: "Kazakh"
};

// Every record, sorted by tag.
[[nodiscard]] std::span<const LanguageRecord> allLanguages() noexcept;

// The language of a BCP 47 tag, by its primary subtag ("kk", "kk-KZ", "uz-Cyrl"), which may
// also be an ISO 639-2/B, 639-2/T or 639-3 code ("kaz", "ger", "deu"); case does not matter.
[[nodiscard]] const LanguageRecord* findLanguageByTag(std::string_view tag);

// The language called `name`: an English name ("Russian", "Kyrgyz", "Kirghiz") or the
// language's own name ("Русский", "Қазақша", "Oʻzbekcha"), compared as findCountry()
// compares country names (case, spacing and apostrophe variants do not matter).
[[nodiscard]] const LanguageRecord* findLanguageByName(std::string_view name);

// True when `text` has the form of a BCP 47 tag: [A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*.
[[nodiscard]] bool isLanguageTagForm(std::string_view text);

// The BCP 47 tag for what a site wrote as a language: a tag stays as written ("kk", "ru-RU",
// also one the table does not know, such as a private "x-..." form), a name becomes its
// language's tag ("Russian" -> "ru", "Karakalpak" -> "kaa"). nullopt when it is neither.
[[nodiscard]] std::optional<std::string> languageTagFor(std::string_view nameOrTag);

}  // namespace guidegraph
