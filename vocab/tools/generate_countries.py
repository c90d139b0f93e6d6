#!/usr/bin/python3
"""Generate guidegraph's country authority table from country-codes.csv.

Writes, from the public-domain table in ../shared/data/country-codes.csv:

  vocab/countries.ttl          the countries as RDF (schema:Country with SKOS labels)
  vocab/countries.tsv          one line per country, with every name variant matched
  src/base/country_table.inc   the same data as a C++ initializer for src/base/countries.cpp

Usage (from anywhere; paths are resolved against the repository):

  /usr/bin/python3 vocab/tools/generate_countries.py [CSV]           rewrite the files
  /usr/bin/python3 vocab/tools/generate_countries.py --check [CSV]   exit 1 if out of date

Python 3 standard library only. Output is deterministic: sorted by alpha-2, LF line ends,
UTF-8, nothing taken from the clock or the machine.

normalize() below must stay in step with normalizeCountryName() in src/base/countries.cpp:
the C++ side looks up pre-normalized keys that this script writes. The C++ test checks both
agree on every variant in vocab/countries.tsv.
"""

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CSV = REPO.parent / "shared" / "data" / "country-codes.csv"
CSV_DISPLAY_PATH = "../shared/data/country-codes.csv"
COMMAND = "/usr/bin/python3 vocab/tools/generate_countries.py " + CSV_DISPLAY_PATH

SOURCE_URL = "https://github.com/datasets/country-codes"
SOURCE_FILE = "data/country-codes.csv"
SOURCE_COMMIT = "caa72d1e0e5af8876c170bb36a9e4d64a01bba88"
LICENCE = "Open Data Commons Public Domain Dedication and License (ODC-PDDL-1.0)"

AUTHORITY_BASE = "https://w3id.org/guidegraph/country/"
WIKIDATA_BASE = "http://www.wikidata.org/entity/"
GEONAMES_BASE = "https://sws.geonames.org/"
LOC_BASE = "http://id.loc.gov/vocabulary/countries/"

OUT_TTL = "vocab/countries.ttl"
OUT_TSV = "vocab/countries.tsv"
OUT_INC = "src/base/country_table.inc"

# Label columns per language, in the order names are listed: official, UNTERM short, formal.
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
NAME_COLUMNS = {
    "en": ("official_name_en", "UNTERM English Short", "UNTERM English Formal"),
    "fr": ("official_name_fr", "UNTERM French Short", "UNTERM French Formal"),
    "es": ("official_name_es", "UNTERM Spanish Short", "UNTERM Spanish Formal"),
    "ru": ("official_name_ru", "UNTERM Russian Short", "UNTERM Russian Formal"),
    "zh": ("official_name_cn", "UNTERM Chinese Short", "UNTERM Chinese Formal"),
    "ar": ("official_name_ar", "UNTERM Arabic Short", "UNTERM Arabic Formal"),
}

# Names the guides use that the CSV lacks: endonyms and common Russian and English forms for
# Central Asia. Matched by findCountry(); not written to countries.ttl, which holds only
# what the CSV says.
EXTRA_NAMES = {
    "KZ": ("Қазақстан", "Qazaqstan", "Казахстан"),
    "KG": (
        "Кыргызстан",
        "Киргизия",
        "Кыргызская Республика",
        "Kyrgyz Republic",
        "Kirghizia",
    ),
    "UZ": ("Oʻzbekiston", "O'zbekiston", "Ўзбекистон", "Узбекистан"),
    "TJ": ("Тоҷикистон", "Таджикистан"),
    "TM": ("Türkmenistan", "Туркменистан"),
}

# Values the CSV lacks or gets wrong, filled in here and named in the generated headers.
CORRECTIONS = {
    # The upstream table has no Wikidata item for Namibia: its alpha-2 code "NA" is read
    # as a missing value somewhere upstream. Q1030 is Namibia.
    ("NA", "wikidata"): "Q1030",
}

MARC_CODE = re.compile(r"[a-z]{2,3}")
QID_URL = re.compile(r"https?://www\.wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)")
DIGITS = re.compile(r"[0-9]+")

# ---------------------------------------------------------------------------------------
# Normalization for matching; mirrors normalizeCountryName() in src/base/countries.cpp.

APOSTROPHES = frozenset("'`\u00b4\u02b9\u02bb\u02bc\u02bd\u2018\u2019\u201b\u2032")
SEPARATORS = frozenset(
    " \t\n\r\f\v"
    "!\"#$%&()*+,-./:;<=>?@[\\]^_{|}~"
    "\u00a0\u00ab\u00b7\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u201c\u201d\u201e\u201f\u2026\u2212"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
    "\u3000\u3001\u3002\uff08\uff09\uff0c\u060c"
)
IGNORED = frozenset("\u200b\ufeff")


def lower_code_point(cp):
    """Lower-cases one code point: ASCII, Latin-1, Latin Extended-A (and the Romanian
    comma letters), Latin Extended Additional, Greek and Cyrillic. Nothing else changes."""
    if 0x41 <= cp <= 0x5A:
        return cp + 0x20
    if 0xC0 <= cp <= 0xDE and cp != 0xD7:
        return cp + 0x20
    if 0x100 <= cp <= 0x17F:
        if cp == 0x130:  # İ: dotted capital I lower-cases to plain i here
            return 0x69
        if cp == 0x178:  # Ÿ
            return 0xFF
        if (0x100 <= cp <= 0x137 or 0x14A <= cp <= 0x177) and cp % 2 == 0:
            return cp + 1
        if (0x139 <= cp <= 0x148 or 0x179 <= cp <= 0x17E) and cp % 2 == 1:
            return cp + 1
        return cp
    if 0x218 <= cp <= 0x21B and cp % 2 == 0:  # Ș Ț
        return cp + 1
    if 0x386 <= cp <= 0x3AB:
        if cp == 0x386:
            return 0x3AC
        if 0x388 <= cp <= 0x38A:
            return cp + 0x25
        if cp == 0x38C:
            return 0x3CC
        if 0x38E <= cp <= 0x38F:
            return cp + 0x3F
        if 0x391 <= cp <= 0x3AB and cp != 0x3A2:
            return cp + 0x20
        return cp
    if 0x400 <= cp <= 0x40F:
        return cp + 0x50
    if 0x410 <= cp <= 0x42F:
        return cp + 0x20
    if (0x460 <= cp <= 0x481 or 0x48A <= cp <= 0x4BF or 0x4D0 <= cp <= 0x52F) and cp % 2 == 0:
        return cp + 1
    if cp == 0x4C0:
        return 0x4CF
    if 0x4C1 <= cp <= 0x4CE and cp % 2 == 1:
        return cp + 1
    if cp == 0x1E9E:  # ẞ
        return 0xDF
    if (0x1E00 <= cp <= 0x1E95 or 0x1EA0 <= cp <= 0x1EFF) and cp % 2 == 0:
        return cp + 1
    return cp


def normalize(text):
    """Lower-cases, folds apostrophes to ', and turns runs of whitespace and punctuation
    into one space, trimmed at both ends."""
    out = []
    pending_space = False
    for ch in text:
        if ch in IGNORED:
            continue
        if ch in SEPARATORS:
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        out.append("'" if ch in APOSTROPHES else chr(lower_code_point(ord(ch))))
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Reading the CSV


def clean(value):
    return value.replace("\u00a0", " ").strip()


ARTICLE_SUFFIX = re.compile(r"\s*\((?:the|le|la|les|l'|l’|el|los|las)\)$")
ARTICLE_PREFIX = re.compile(r"^(?:(?:the|le|la|les|el|los|las)\s+|l['’])")
FOOTNOTE_MARK = re.compile(r"\s*\*+$")


def clean_name(value):
    """A UNTERM name as a label: without footnote marks and without the leading or
    bracketed article ("Kazakhstan (le)", "the Republic of Kazakhstan"). Articles are
    removed only in lower case, so "El Salvador" keeps its own."""
    name = FOOTNOTE_MARK.sub("", clean(value))
    name = ARTICLE_SUFFIX.sub("", name)
    name = ARTICLE_PREFIX.sub("", name)
    return name.strip()


def zero_pad(code):
    code = clean(code)
    if not code:
        return ""
    if not DIGITS.fullmatch(code):
        raise ValueError(f"not a numeric code: {code!r}")
    return code.zfill(3)


class Country:
    pass


def read_countries(csv_path):
    notes = []  # what the CSV said that the output does not use, for the headers
    countries = []
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            alpha2 = clean(row["ISO3166-1-Alpha-2"])
            if not alpha2:
                continue
            if not re.fullmatch(r"[A-Z]{2}", alpha2):
                raise ValueError(f"{csv_path}: bad alpha-2 code {alpha2!r}")
            c = Country()
            c.alpha2 = alpha2
            c.alpha3 = clean(row["ISO3166-1-Alpha-3"])
            c.numeric = zero_pad(row["ISO3166-1-numeric"])
            c.m49 = zero_pad(row["M49"])
            c.region_code = zero_pad(row["Region Code"])
            c.region_name = clean(row["Region Name"])
            c.subregion_code = zero_pad(row["Sub-region Code"])
            c.subregion_name = clean(row["Sub-region Name"])
            c.geonames = clean(row["Geoname ID"])
            if c.geonames and not DIGITS.fullmatch(c.geonames):
                raise ValueError(f"{csv_path}: {alpha2}: bad GeoNames ID {c.geonames!r}")

            marc = clean(row["MARC"])
            c.marc = marc if MARC_CODE.fullmatch(marc) else ""
            if marc and not c.marc:
                notes.append(f"{alpha2}: MARC code {marc!r} is not one MARC country code; left out")

            wikidata = clean(row["wikidata_id"])
            match = QID_URL.fullmatch(wikidata)
            c.wikidata = match.group(1) if match else ""
            if wikidata and not match:
                notes.append(f"{alpha2}: Wikidata {wikidata!r} is not an item URL; left out")

            for (code, field), value in CORRECTIONS.items():
                if code == alpha2:
                    notes.append(
                        f"{alpha2}: {field} {getattr(c, field)!r} in the CSV, "
                        f"{value!r} used (correction in this script)"
                    )
                    setattr(c, field, value)

            c.name = clean(row["CLDR display name"]) or clean(row["official_name_en"])
            c.labels = {}
            for lang in LANGUAGES:
                names = []
                for column in NAME_COLUMNS[lang]:
                    name = clean_name(row[column])
                    if name and name not in names:
                        names.append(name)
                c.labels[lang] = names
            c.extra_names = list(EXTRA_NAMES.get(alpha2, ()))
            countries.append(c)

    countries.sort(key=lambda c: c.alpha2)
    marc_users = {}
    for c in countries:
        if c.marc:
            marc_users.setdefault(c.marc, []).append(c.alpha2)
    for c in countries:
        # A MARC code that stands for several countries (uik: United Kingdom Misc. Islands)
        # names a wider area than the country: no schema:sameAs to it.
        c.marc_same_as = bool(c.marc) and len(marc_users[c.marc]) == 1
    for marc, users in marc_users.items():
        if len(users) > 1:
            notes.append(
                f"{', '.join(users)}: MARC code {marc!r} is shared; no schema:sameAs to id.loc.gov"
            )
    check_unique(countries, "alpha3")
    check_unique(countries, "numeric")
    for c in countries:
        for value in (c.name, *c.extra_names, *(n for ns in c.labels.values() for n in ns)):
            if any(ch in value for ch in "\t\n\r|"):
                raise ValueError(f"{c.alpha2}: name {value!r} holds a tab, newline or '|'")
    return countries, notes


def check_unique(countries, field):
    seen = {}
    for c in countries:
        value = getattr(c, field)
        if value in seen:
            raise ValueError(f"{field} {value!r} is used by {seen[value]} and {c.alpha2}")
        seen[value] = c.alpha2


def name_variants(c):
    """Every name c is matched by, in a fixed order: English first, then the other
    languages, then the extra names. Exact duplicates are listed once."""
    variants = []
    for name in (c.name, *(n for lang in LANGUAGES for n in c.labels[lang]), *c.extra_names):
        if name not in variants:
            variants.append(name)
    return variants


def build_keys(countries, notes):
    """The lookup index: normalized name or code -> country. A name that two countries
    share cannot identify either and is left out (and named in the headers)."""
    owners = {}
    for index, c in enumerate(countries):
        keys = {c.alpha2.lower(), c.alpha3.lower(), c.numeric}
        keys.update(normalize(v) for v in name_variants(c))
        keys.discard("")
        for key in keys:
            owners.setdefault(key, set()).add(index)
    entries = []
    for key, indexes in owners.items():
        if len(indexes) > 1:
            codes = ", ".join(sorted(countries[i].alpha2 for i in indexes))
            notes.append(f"name {key!r} is shared by {codes}; not matched")
            continue
        entries.append((key.encode("utf-8"), next(iter(indexes))))
    # Byte order, the order of std::string_view's operator< (char_traits<char> compares
    # as unsigned char).
    entries.sort()
    return [(key.decode("utf-8"), index) for key, index in entries]


# ---------------------------------------------------------------------------------------
# Writers


def header_lines(notes):
    lines = [
        "Generated by vocab/tools/generate_countries.py; do not edit. Regenerate with:",
        f"  {COMMAND}",
        f"Source: {CSV_DISPLAY_PATH}, a copy of {SOURCE_FILE}",
        f"  in {SOURCE_URL}",
        f"  at commit {SOURCE_COMMIT}.",
        f"Licence of the source: {LICENCE}.",
    ]
    if notes:
        lines.append("Differences from the source:")
        lines.extend(f"  {note}" for note in sorted(set(notes)))
    return lines


def turtle_string(value):
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def write_ttl(countries, notes):
    out = ["# " + line if line else "#" for line in header_lines(notes)]
    out += [
        "",
        "@prefix gg: <https://w3id.org/guidegraph/vocab#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
    ]
    for c in countries:
        props = [("a", ["schema:Country"])]
        props.append(("skos:prefLabel", [turtle_string(c.name) + "@en"]))
        alt = []
        for lang in LANGUAGES:
            for name in sorted(c.labels[lang]):
                # SKOS: a resource's preferred and alternative labels are disjoint.
                if not (lang == "en" and name == c.name):
                    alt.append(turtle_string(name) + "@" + lang)
        if alt:
            props.append(("skos:altLabel", alt))
        props.append(("gg:iso3166Alpha2", [turtle_string(c.alpha2)]))
        props.append(("gg:iso3166Alpha3", [turtle_string(c.alpha3)]))
        props.append(("gg:iso3166Numeric", [turtle_string(c.numeric)]))
        if c.marc:
            props.append(("gg:marcCountryCode", [turtle_string(c.marc)]))
        if c.m49:
            props.append(("gg:m49Code", [turtle_string(c.m49)]))
        if c.region_code:
            props.append(("gg:m49RegionCode", [turtle_string(c.region_code)]))
            props.append(("gg:m49RegionName", [turtle_string(c.region_name) + "@en"]))
        if c.subregion_code:
            props.append(("gg:m49SubRegionCode", [turtle_string(c.subregion_code)]))
            props.append(("gg:m49SubRegionName", [turtle_string(c.subregion_name) + "@en"]))
        same_as = []
        if c.wikidata:
            same_as.append(f"<{WIKIDATA_BASE}{c.wikidata}>")
        if c.geonames:
            same_as.append(f"<{GEONAMES_BASE}{c.geonames}/>")
        if c.marc_same_as:
            same_as.append(f"<{LOC_BASE}{c.marc}>")
        if same_as:
            props.append(("schema:sameAs", same_as))

        out.append("")
        out.append(f"<{AUTHORITY_BASE}{c.alpha2}>")
        for i, (predicate, objects) in enumerate(props):
            end = " ." if i == len(props) - 1 else " ;"
            if len(objects) == 1:
                out.append(f"    {predicate} {objects[0]}{end}")
            else:
                out.append(f"    {predicate}")
                for j, obj in enumerate(objects):
                    out.append(f"        {obj}" + (end if j == len(objects) - 1 else " ,"))
    return "\n".join(out) + "\n"


TSV_COLUMNS = (
    "alpha2",
    "alpha3",
    "numeric",
    "marc",
    "m49_region_code",
    "m49_region_name",
    "m49_subregion_code",
    "m49_subregion_name",
    "wikidata_qid",
    "geonames_id",
    "name_en",
    "name_variants",
)


def write_tsv(countries, notes):
    out = ["# " + line for line in header_lines(notes)]
    out.append("# Columns, tab-separated; name_variants is a '|'-separated list:")
    out.append("# " + "\t".join(TSV_COLUMNS))
    for c in countries:
        fields = (
            c.alpha2,
            c.alpha3,
            c.numeric,
            c.marc,
            c.region_code,
            c.region_name,
            c.subregion_code,
            c.subregion_name,
            c.wikidata,
            c.geonames,
            c.name,
            "|".join(name_variants(c)),
        )
        out.append("\t".join(fields))
    return "\n".join(out) + "\n"


def cpp_string(value):
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):03o}")
        else:
            out.append(ch)  # the source is UTF-8; GCC and Clang read it as such
    return '"' + "".join(out) + '"'


def write_inc(countries, keys, notes):
    out = ["// " + line for line in header_lines(notes)]
    out += [
        "//",
        "// Included by src/base/countries.cpp inside its anonymous namespace, where",
        "// CountryKey is defined. kCountries is sorted by alpha-2; kCountryKeys is sorted by",
        "// key in byte order and unique, each key a name normalized as normalizeCountryName()",
        "// does, or a lower-cased alpha-2, alpha-3 or numeric code.",
        "",
        "// clang-format off",
        f"constexpr std::array<CountryRecord, {len(countries)}> kCountries{{{{",
    ]
    for c in countries:
        fields = (
            c.alpha2,
            c.alpha3,
            c.numeric,
            c.marc,
            c.region_code,
            c.region_name,
            c.subregion_code,
            c.subregion_name,
            c.wikidata,
            c.geonames,
            c.name,
        )
        out.append("    {" + ", ".join(cpp_string(f) for f in fields) + "},")
    out.append("}};")
    out.append("")
    out.append(f"constexpr std::array<CountryKey, {len(keys)}> kCountryKeys{{{{")
    for key, index in keys:
        out.append(f"    {{{cpp_string(key)}, {index}}},  // {countries[index].alpha2}")
    out.append("}};")
    out.append("// clang-format on")
    return "\n".join(out) + "\n"


def generate(csv_path):
    countries, notes = read_countries(csv_path)
    keys = build_keys(countries, notes)
    return {
        OUT_TTL: write_ttl(countries, notes),
        OUT_TSV: write_tsv(countries, notes),
        OUT_INC: write_inc(countries, keys, notes),
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "csv", nargs="?", default=str(DEFAULT_CSV), help=f"default: {CSV_DISPLAY_PATH}"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a generated file differs from what is committed",
    )
    args = parser.parse_args(argv)

    if args.check and not Path(args.csv).exists():
        # A clone without ../shared beside it: CTest reports exit code 77 as skipped.
        print(f"SKIPPED: needs {CSV_DISPLAY_PATH}, the ISO 3166 country table "
              f"(not found at {args.csv})")
        return 77

    try:
        outputs = generate(args.csv)
    except (OSError, ValueError, KeyError) as e:
        print(f"generate_countries.py: {args.csv}: {e}", file=sys.stderr)
        return 2

    stale = []
    for relative, text in outputs.items():
        path = REPO / relative
        data = text.encode("utf-8")
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(relative)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if stale:
        for relative in stale:
            print(f"{relative}: out of date with {args.csv}", file=sys.stderr)
        print(f"Regenerate with: {COMMAND}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
