#!/usr/bin/python3
"""Generate guidegraph's language table from the ISO 639-2 list of Debian's iso-codes.

Writes src/base/language_table.inc: for every language of ISO 639-2 (and a few of ISO 639-3
that 639-2 lacks, spoken in Central Asia), its BCP 47 tag (the ISO 639-1 code, else the
three-letter code, as BCP 47 asks), its MARC code (ISO 639-2/B, which the MARC Code List
for Languages follows), its ISO 639-2/T code, the English name to show, and every name a
site may call it by: the ISO names, and the English variants and endonyms listed below.

Usage (from anywhere; paths are resolved against the repository):

  /usr/bin/python3 vocab/tools/generate_languages.py [JSON]           rewrite the table
  /usr/bin/python3 vocab/tools/generate_languages.py --check [JSON]   exit 1 if out of date

JSON defaults to /usr/share/iso-codes/json/iso_639-2.json (Debian package iso-codes).
Python 3 standard library only; the output is sorted and deterministic.
"""

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_JSON = Path("/usr/share/iso-codes/json/iso_639-2.json")
OUT_INC = "src/base/language_table.inc"

# Codes of ISO 639-2 that are not languages a source is written in.
SKIP = {"qaa-qtz", "mis", "mul", "und", "zxx"}

# ISO 639-2 codes added after the MARC Code List for Languages that MARC::Lint checks
# against (libmarc-lint-perl): no MARC code is written for them.
NOT_IN_MARC = {"cnr", "zgh"}

# The English name shown (MARC 546 notes, catalog CSV) where the first ISO name is not the
# one the MARC Code List for Languages uses or a reader expects.
DISPLAY = {
    "kir": "Kyrgyz",
    "uig": "Uighur",
    "pus": "Pushto",
    "gre": "Greek",
    "kaa": "Kara-Kalpak",
    "spa": "Spanish",
    "dut": "Dutch",
    "cat": "Catalan",
    "sin": "Sinhalese",
    "per": "Persian",
    "oss": "Ossetic",
    "xal": "Oirat",
    "chm": "Mari",
}

# Further names by which sites name a language: English variants, and the languages' own
# names (the `languageName` Hugo sites give their languages), for Central Asia, Mongolia,
# Russia and the UN languages above all.
ALIASES = {
    "kaz": ["Kazakh", "Qazaq", "Қазақша", "Қазақ тілі", "Казахский", "Qazaqsha", "Qazaqşa"],
    "kir": ["Kyrgyz", "Kirgiz", "Kirghiz", "Кыргызча", "Кыргыз тили", "Киргизский", "Кыргызский"],
    "uzb": ["Uzbek", "Oʻzbekcha", "O'zbekcha", "Ozbekcha", "Ўзбекча", "Oʻzbek tili", "Узбекский"],
    "tgk": ["Tajik", "Tajiki", "Тоҷикӣ", "Забони тоҷикӣ", "Таджикский"],
    "tuk": ["Turkmen", "Türkmençe", "Türkmen dili", "Туркменский"],
    "kaa": ["Karakalpak", "Kara-Kalpak", "Qaraqalpaq", "Qaraqalpaqsha", "Каракалпакский"],
    "rus": ["Russian", "Русский", "Русский язык"],
    "mon": ["Mongolian", "Монгол", "Монгол хэл", "Монгольский"],
    "uig": ["Uyghur", "Uighur", "ئۇيغۇرچە", "Уйгурский"],
    "tat": ["Tatar", "Татарча", "Татарский"],
    "bak": ["Bashkir", "Башҡортса"],
    "chv": ["Chuvash", "Чӑвашла"],
    "sah": ["Yakut", "Sakha", "Саха тыла"],
    "bua": ["Buryat", "Buriat"],
    "xal": ["Kalmyk", "Oirat"],
    "tyv": ["Tuvan", "Tuvinian"],
    "eng": ["English"],
    "fre": ["French", "Français", "Francais"],
    "spa": ["Spanish", "Castilian", "Español", "Espanol"],
    "ara": ["Arabic", "العربية"],
    "chi": ["Chinese", "Mandarin", "中文", "汉语"],
    "ger": ["German", "Deutsch"],
    "per": ["Persian", "Farsi", "فارسی"],
    "pus": ["Pashto", "Pushto"],
    "tur": ["Turkish", "Türkçe"],
    "aze": ["Azerbaijani", "Azeri", "Azərbaycanca"],
    "ukr": ["Ukrainian", "Українська"],
    "bel": ["Belarusian", "Беларуская"],
    "geo": ["Georgian", "ქართული"],
    "arm": ["Armenian", "Հայերեն"],
    "kor": ["Korean", "한국어"],
    "jpn": ["Japanese", "日本語"],
    "dut": ["Dutch", "Flemish", "Nederlands"],
    "ita": ["Italian", "Italiano"],
    "por": ["Portuguese", "Português"],
    "pol": ["Polish", "Polski"],
    "gre": ["Greek", "Modern Greek"],
}

# Languages of Central Asia that ISO 639-2 lacks: (ISO 639-3 code, MARC code or "", names).
ISO_639_3 = [
    ("dng", "", ["Dungan", "Хуэйзу йүян"]),
    ("prs", "per", ["Dari", "دری"]),
]


def rows_from(iso):
    rows = {}
    for entry in iso["639-2"]:
        t = entry["alpha_3"]
        if t in SKIP or "-" in t:
            continue
        b = entry.get("bibliographic", t)
        names = [n.strip() for n in entry["name"].split(";") if n.strip()]
        tag = entry.get("alpha_2", t)
        rows[b] = {
            "tag": tag,
            "marc": "" if b in NOT_IN_MARC else b,
            "t": t,
            "name": DISPLAY.get(b, names[0]),
            "names": names,
        }
    for code, marc, names in ISO_639_3:
        rows[code] = {"tag": code, "marc": marc, "t": code, "name": names[0], "names": list(names)}
    for b, names in ALIASES.items():
        if b not in rows:
            sys.exit(f"generate_languages.py: alias for unknown code {b}")
        rows[b]["names"] += names
    for row in rows.values():
        seen = []
        for n in [row["name"]] + row["names"]:
            if n not in seen:
                seen.append(n)
        row["names"] = seen
    return [rows[k] for k in sorted(rows, key=lambda k: rows[k]["tag"])]


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(rows, source):
    out = [
        "// Generated by vocab/tools/generate_languages.py; do not edit. Regenerate with:",
        "//   /usr/bin/python3 vocab/tools/generate_languages.py",
        f"// Source: {source} (Debian package iso-codes), ISO 639-2, plus the",
        "//   ISO 639-3 languages, display names and further names listed in the script.",
        "//",
        "// Included by src/base/languages.cpp inside its anonymous namespace. kLanguages is",
        "// sorted by BCP 47 tag; kLanguageNames pairs each name with its row in kLanguages.",
        "",
        "// clang-format off",
        f"constexpr std::array<LanguageRecord, {len(rows)}> kLanguages{{{{",
    ]
    for r in rows:
        out.append(f"    {{{quote(r['tag'])}, {quote(r['marc'])}, {quote(r['t'])}, {quote(r['name'])}}},")
    out.append("}};")
    names = [(n, i) for i, r in enumerate(rows) for n in r["names"]]
    out.append(f"constexpr std::array<LanguageName, {len(names)}> kLanguageNames{{{{")
    for n, i in names:
        out.append(f"    {{{quote(n)}, {i}}},")
    out.append("}};")
    out.append("// clang-format on")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("json", nargs="?", default=str(DEFAULT_JSON))
    args = parser.parse_args()
    path = Path(args.json)
    if not path.exists():
        print(f"SKIPPED: needs {path}, the ISO 639-2 list of Debian's iso-codes")
        return 77
    with open(path, encoding="utf-8") as f:
        text = render(rows_from(json.load(f)), str(DEFAULT_JSON) if path == DEFAULT_JSON else path.name)
    target = REPO / OUT_INC
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{OUT_INC} is out of date; run vocab/tools/generate_languages.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
