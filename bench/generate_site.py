#!/usr/bin/python3
"""Writes a Hugo site of country guides in the shape of examples/site, of any size.

Usage: generate_site.py --sources N [--seed S] [--template examples/site] OUT

The same N and seed give the same files, byte for byte. The site has:
- N source pages in content/sources/sources/ with full front matter (title, website,
  countries, categories, languages, description, tags, contributor, wikidata for some,
  alternateName with a Cyrillic name for about half); YAML, TOML and JSON front matter
  mixed, about one in five as a leaf bundle (name/index.md);
- one guide per 20 sources (content/guides/), five sections each, every recommended
  source linked with a note in parentheses and, in the local section, bold place names;
  links in every form Hugo accepts (root-relative, relative, baseURL-absolute, ref and
  relref shortcodes);
- country pages, categories with sub-categories (`broader`), contributor pages;
- problems for the validator: a few broken links (one per 100 guides, at least one) and
  duplicate websites (one per 500 sources, at least one).
Only the Python standard library is used, so that /usr/bin/python3 runs it anywhere.
"""

import argparse
import json
import os
import random
import shutil
import sys

# (English short name as in ISO 3166, Russian name, capital, second city, languages)
COUNTRIES = [
    ("Kazakhstan", "Казахстан", "Astana", "Almaty", ["kk", "ru"]),
    ("Kyrgyzstan", "Киргизия", "Bishkek", "Osh", ["ky", "ru"]),
    ("Uzbekistan", "Узбекистан", "Tashkent", "Samarkand", ["uz", "ru"]),
    ("Tajikistan", "Таджикистан", "Dushanbe", "Khujand", ["tg", "ru"]),
    ("Turkmenistan", "Туркмения", "Ashgabat", "Turkmenabat", ["tk", "ru"]),
    ("Mongolia", "Монголия", "Ulaanbaatar", "Erdenet", ["mn", "ru"]),
    ("Armenia", "Армения", "Yerevan", "Gyumri", ["hy", "ru"]),
    ("Azerbaijan", "Азербайджан", "Baku", "Ganja", ["az", "ru"]),
    ("Georgia", "Грузия", "Tbilisi", "Batumi", ["ka", "ru"]),
    ("Belarus", "Белоруссия", "Minsk", "Gomel", ["be", "ru"]),
    ("Ukraine", "Украина", "Kyiv", "Kharkiv", ["uk", "ru"]),
    ("Moldova", "Молдавия", "Chisinau", "Balti", ["ro", "ru"]),
    ("Lithuania", "Литва", "Vilnius", "Kaunas", ["lt", "ru"]),
    ("Latvia", "Латвия", "Riga", "Daugavpils", ["lv", "ru"]),
    ("Estonia", "Эстония", "Tallinn", "Tartu", ["et", "ru"]),
    ("Afghanistan", "Афганистан", "Kabul", "Herat", ["ps", "fa"]),
    ("Pakistan", "Пакистан", "Islamabad", "Karachi", ["ur", "en"]),
    ("India", "Индия", "New Delhi", "Mumbai", ["hi", "en"]),
    ("Nepal", "Непал", "Kathmandu", "Pokhara", ["ne", "en"]),
    ("Bangladesh", "Бангладеш", "Dhaka", "Chittagong", ["bn", "en"]),
    ("Uganda", "Уганда", "Kampala", "Gulu", ["en", "sw"]),
    ("Iran", "Иран", "Tehran", "Mashhad", ["fa", "en"]),
    ("Iraq", "Ирак", "Baghdad", "Basra", ["ar", "ku"]),
    ("Jordan", "Иордания", "Amman", "Irbid", ["ar", "en"]),
    ("Lebanon", "Ливан", "Beirut", "Tripoli", ["ar", "fr"]),
    ("Egypt", "Египет", "Cairo", "Alexandria", ["ar", "en"]),
    ("Morocco", "Марокко", "Rabat", "Casablanca", ["ar", "fr"]),
    ("Tunisia", "Тунис", "Tunis", "Sfax", ["ar", "fr"]),
    ("Kenya", "Кения", "Nairobi", "Mombasa", ["sw", "en"]),
    ("Ethiopia", "Эфиопия", "Addis Ababa", "Dire Dawa", ["am", "en"]),
    ("Nigeria", "Нигерия", "Abuja", "Lagos", ["en", "ha"]),
    ("Ghana", "Гана", "Accra", "Kumasi", ["en"]),
    ("Senegal", "Сенегал", "Dakar", "Touba", ["fr", "wo"]),
    ("Brazil", "Бразилия", "Brasilia", "Sao Paulo", ["pt"]),
    ("Argentina", "Аргентина", "Buenos Aires", "Cordoba", ["es"]),
    ("Chile", "Чили", "Santiago", "Valparaiso", ["es"]),
    ("Peru", "Перу", "Lima", "Arequipa", ["es", "qu"]),
    ("Colombia", "Колумбия", "Bogota", "Medellin", ["es"]),
    ("Mexico", "Мексика", "Mexico City", "Guadalajara", ["es"]),
    ("Guatemala", "Гватемала", "Guatemala City", "Quetzaltenango", ["es"]),
    ("Indonesia", "Индонезия", "Jakarta", "Surabaya", ["id", "en"]),
    ("Viet Nam", "Вьетнам", "Hanoi", "Ho Chi Minh City", ["vi", "en"]),
    ("Cambodia", "Камбоджа", "Phnom Penh", "Siem Reap", ["km", "en"]),
    ("Philippines", "Филиппины", "Manila", "Cebu", ["en", "tl"]),
    ("Serbia", "Сербия", "Belgrade", "Novi Sad", ["sr", "en"]),
    ("Albania", "Албания", "Tirana", "Durres", ["sq", "en"]),
    ("Poland", "Польша", "Warsaw", "Krakow", ["pl", "en"]),
    ("Romania", "Румыния", "Bucharest", "Cluj-Napoca", ["ro", "en"]),
]

# Top-level categories and the kinds of sub-category each has.
TOP_CATEGORIES = [
    ("media", "Media", "News outlets and other publishers of current information.",
     ["State media", "State-affiliated media", "Independent media", "Regional media",
      "Local media", "Social media", "Radio", "Television", "Investigative journalism"]),
    ("government", "Government", "Official bodies of the state and their publications.",
     ["National statistics", "City government", "Ministries", "Parliament", "Courts",
      "Legal information", "Presidential office"]),
    ("ingo", "INGOs", "International non-governmental organizations.",
     ["UN agencies", "Development banks", "Humanitarian organisations", "Rights monitors"]),
    ("local-ngo", "Local NGOs", "Non-governmental organisations working in one country.",
     ["Women's organisations", "LGBTQ organisations", "Environmental groups",
      "Disability organisations", "Youth organisations"]),
    ("academia", "Academia", "Universities, institutes and their repositories.",
     ["Universities", "Research institutes", "Think tanks", "Open repositories"]),
    ("culture", "Culture", "Libraries, museums and archives.",
     ["National libraries", "Museums", "Archives", "Heritage bodies"]),
    ("health", "Health", "Health authorities and medical organisations.",
     ["Public health institutes", "Hospitals", "Medical associations"]),
    ("economy", "Economy", "Business, finance and trade information.",
     ["Central banks", "Chambers of commerce", "Stock exchanges", "Trade statistics"]),
]

NAME_WORDS = ["Open", "Free", "Civic", "Public", "New", "Central", "Northern", "Southern",
              "Eastern", "Western", "Women's", "Youth", "Independent", "National", "Regional",
              "Digital", "Green", "Urban", "Rural", "Mountain", "Steppe", "River", "Silk Road"]
NAME_NOUNS = ["Voice", "Herald", "Observer", "Review", "Bulletin", "Monitor", "Initiative",
              "Foundation", "Network", "Alliance", "Agency", "Institute", "Centre", "Archive",
              "Library", "Forum", "Council", "Press", "Radio", "Post", "Times", "Courier"]
CYRILLIC = {"Open": "Открытый", "Free": "Свободный", "Civic": "Гражданский",
            "Public": "Общественный", "New": "Новый", "Central": "Центральный",
            "Northern": "Северный", "Southern": "Южный", "Eastern": "Восточный",
            "Western": "Западный", "Women's": "Женский", "Youth": "Молодёжный",
            "Independent": "Независимый", "National": "Национальный",
            "Regional": "Региональный", "Digital": "Цифровой", "Green": "Зелёный",
            "Urban": "Городской", "Rural": "Сельский", "Mountain": "Горный",
            "Steppe": "Степной", "River": "Речной", "Silk Road": "Шёлковый путь",
            "Voice": "голос", "Herald": "вестник", "Observer": "обозреватель",
            "Review": "обзор", "Bulletin": "бюллетень", "Monitor": "монитор",
            "Initiative": "инициатива", "Foundation": "фонд", "Network": "сеть",
            "Alliance": "альянс", "Agency": "агентство", "Institute": "институт",
            "Centre": "центр", "Archive": "архив", "Library": "библиотека", "Forum": "форум",
            "Council": "совет", "Press": "пресса", "Radio": "радио", "Post": "почта",
            "Times": "времена", "Courier": "курьер"}
TAGS = ["news", "law", "statistics", "gender", "human rights", "LGBTQ", "activism", "health",
        "education", "environment", "elections", "economy", "migration", "culture", "history",
        "official announcements", "investigative journalism", "data", "census", "open data",
        "youth", "disability", "religion", "labour", "agriculture", "water", "energy",
        "transport", "housing", "media freedom"]
NOTES = ["state-affiliated", "independent", "regional", "official", "in Russian only",
         "English summaries", "subscription needed for the archive", "monthly data",
         "women-oriented", "human rights focused", "covers the whole region", "new in 2024"]
FIRST_NAMES = ["Aigerim", "Dilnoza", "Ryan", "Madina", "Timur", "Nodira", "Bakyt", "Olga",
               "Farrukh", "Zarina", "Eldor", "Gulnara", "Ivan", "Saltanat", "Azamat", "Elena"]
LAST_NAMES = ["Womack", "Abdullaeva", "Nurlanov", "Karimova", "Sadykov", "Petrova",
              "Rakhimov", "Tulegenova", "Yusupov", "Ismailova", "Bekov", "Orlova"]
SECTIONS = [
    ("International non-governmental organizations (INGOs)", "ingo"),
    ("Local non-governmental organizations (Local NGOs)", "local-ngo"),
    ("Government", "government"),
    ("Media", "media"),
    ("Local information", "government"),
]
LOREM = ("work across the country and publish figures that can be set beside those of the "
         "neighbours. They are a dependable place to start, though they rarely go down to "
         "the level of a province or a city and seldom carry the voices of local people.")

SOURCES_PER_GUIDE = 20


def slugify(text):
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def quote(s):
    return json.dumps(s, ensure_ascii=False)


def front_matter(fields, style):
    """fields: list of (key, value) where value is str, int or list of str."""
    if style == "json":
        obj = {k: v for k, v in fields}
        return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    if style == "toml":
        lines = ["+++"]
        for k, v in fields:
            if isinstance(v, list):
                lines.append(f"{k} = [{', '.join(quote(x) for x in v)}]")
            elif isinstance(v, int):
                lines.append(f"{k} = {v}")
            elif k in ("created", "date"):
                lines.append(f"{k} = {v}")
            else:
                lines.append(f"{k} = {quote(v)}")
        lines.append("+++")
        return "\n".join(lines) + "\n"
    lines = ["---"]
    for k, v in fields:
        if isinstance(v, list):
            lines.append(f"{k}: [{', '.join(quote(x) for x in v)}]")
        elif isinstance(v, int) or k in ("created", "date"):
            lines.append(f"{k}: {v}")
        else:
            lines.append(f"{k}: {quote(v)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


class Writer:
    def __init__(self, out):
        self.out = out
        self.files = 0
        self.bytes = 0

    def write(self, rel, text):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)


def build_categories(rng, n_sources):
    """Returns [(slug, title, description, broader_slug or None)]."""
    cats = []
    for slug, title, desc, subs in TOP_CATEGORIES:
        cats.append((slug, title, desc, None))
    # Sub-categories grow with the site (about one per 100 sources), at least the named ones.
    wanted = max(sum(len(s) for *_, s in TOP_CATEGORIES), n_sources // 100)
    i = 0
    seen = set(c[0] for c in cats)
    while len(cats) - len(TOP_CATEGORIES) < wanted:
        top_slug, top_title, _, subs = TOP_CATEGORIES[i % len(TOP_CATEGORIES)]
        base = subs[(i // len(TOP_CATEGORIES)) % len(subs)]
        round_ = i // sum(len(s) for *_, s in TOP_CATEGORIES)
        title = base if round_ == 0 else f"{base} ({rng.choice(COUNTRIES)[0]} {round_})"
        slug = slugify(title)
        i += 1
        if slug in seen:
            continue
        seen.add(slug)
        cats.append((slug, title, f"{base}: a kind of {top_title.lower()} source.", top_slug))
    return cats


def generate(n_sources, seed, out, template):
    rng = random.Random(seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    shutil.copy(os.path.join(template, "hugo.toml"), os.path.join(out, "hugo.toml"))
    shutil.copytree(os.path.join(template, "layouts"), os.path.join(out, "layouts"))
    w = Writer(out)

    n_guides = max(1, (n_sources + SOURCES_PER_GUIDE - 1) // SOURCES_PER_GUIDE)
    n_countries = min(len(COUNTRIES), max(3, n_guides))
    countries = COUNTRIES[:n_countries]
    categories = build_categories(rng, n_sources)
    sub_categories = [c for c in categories if c[3] is not None]
    subs_by_top = {}
    for c in sub_categories:
        subs_by_top.setdefault(c[3], []).append(c)
    n_contributors = max(3, n_sources // 500)
    contributors = []
    seen_names = set()
    k = 0
    while len(contributors) < n_contributors:
        name = f"{FIRST_NAMES[k % len(FIRST_NAMES)]} {LAST_NAMES[(k // len(FIRST_NAMES)) % len(LAST_NAMES)]}"
        rounds = k // (len(FIRST_NAMES) * len(LAST_NAMES))
        if rounds:
            name += f" {rounds + 1}"
        k += 1
        if name not in seen_names:
            seen_names.add(name)
            contributors.append(name)

    # Section and home pages.
    w.write("content/_index.md", front_matter([
        ("title", "Generated Getting Started Guides"),
        ("description", f"A generated site of {n_guides} guides and {n_sources} sources.")],
        "yaml") + "\nGenerated for benchmarks.\n")
    w.write("content/guides/_index.md", front_matter([
        ("title", "Country guides"), ("description", "One getting started guide per country.")],
        "yaml"))
    w.write("content/sources/_index.md", front_matter([
        ("title", "Sources"),
        ("description", "Organisations and publications recommended by the guides.")], "yaml"))
    w.write("content/sources/sources/_index.md", front_matter([
        ("title", "Information sources"),
        ("description", "One page per organisation or publication that a guide recommends.")],
        "yaml"))
    w.write("content/category/_index.md", front_matter([
        ("title", "Categories"),
        ("description", "The kinds of organisation that the guides sort their sources into."),
        ("url", "/category/")], "yaml"))
    for slug, title, desc, broader in categories:
        fields = [("slug", slug), ("title", title), ("description", desc)]
        if broader:
            fields.append(("broader", broader))
        w.write(f"content/category/{slug}/_index.md", front_matter(fields, "yaml"))
    for name, ru, capital, _, _ in countries:
        w.write(f"content/countries/{slugify(name)}/_index.md", front_matter([
            ("title", name),
            ("description", f"{name} ({ru}); capital {capital}.")], "yaml"))
    for name in contributors:
        w.write(f"content/contributor/{slugify(name)}/_index.md", front_matter([
            ("title", name),
            ("description", "Librarian who compiles and maintains country guides.")], "yaml"))

    # Sources. Source i belongs to guide i // SOURCES_PER_GUIDE.
    sources = []  # (slug, title, country index, top category, bundle)
    websites = []
    n_duplicates = max(1, n_sources // 500)
    duplicate_at = set(rng.sample(range(1, n_sources), min(n_duplicates, n_sources - 1))) \
        if n_sources > 1 else set()
    for i in range(n_sources):
        guide = i // SOURCES_PER_GUIDE
        ci = guide % n_countries
        country, ru_country, capital, city, langs = countries[ci]
        section = (i % SOURCES_PER_GUIDE) % len(SECTIONS)
        top = SECTIONS[section][1]
        sub = rng.choice(subs_by_top[top])
        word = rng.choice(NAME_WORDS)
        noun = rng.choice(NAME_NOUNS)
        title = f"{word} {noun} of {country} {i + 1}"
        slug = slugify(f"{word} {noun} {country} {i + 1}").replace("-", "_")
        if i in duplicate_at:
            website = websites[rng.randrange(len(websites))]
        else:
            website = f"https://www.{slug.replace('_', '-')}.example.{slugify(country)[:2]}/"
        websites.append(website)
        languages = list(langs)
        if rng.random() < 0.4:
            languages.append("en")
        languages = list(dict.fromkeys(languages))
        fields = [
            ("title", title),
            ("website", website),
            ("countries", [country] + ([countries[(ci + 1) % n_countries][0]]
                                       if rng.random() < 0.1 else [])),
            ("categories", [sub[0]] + ([top] if rng.random() < 0.2 else [])),
            ("languages", languages),
            ("description", f"A {sub[1].lower()} source on {country}: the {noun.lower()} "
                            f"publishes reports, data and news about {capital} and {city}."),
            ("tags", rng.sample(TAGS, rng.randint(1, 4))),
            ("contributor", [contributors[rng.randrange(len(contributors))]]),
        ]
        if rng.random() < 0.5:
            cyr = f"{CYRILLIC[word]} {CYRILLIC[noun]} {ru_country}"
            fields.append(("alternateName", [f"{title} (short)", cyr]
                           if rng.random() < 0.3 else [cyr]))
        if rng.random() < 0.2:
            fields.append(("wikidata", f"Q{rng.randint(1000, 9999999)}"))
        r = rng.random()
        style = "yaml" if r < 0.75 else ("toml" if r < 0.9 else "json")
        bundle = rng.random() < 0.2
        body = ""
        if rng.random() < 0.3:
            body = (f"\n{title} {LOREM}\n\nSee also [the guide](/guides/"
                    f"{slugify(country)}-{guide + 1}/).\n")
        rel = (f"content/sources/sources/{slug}/index.md" if bundle
               else f"content/sources/sources/{slug}.md")
        w.write(rel, front_matter(fields, style) + body)
        sources.append((slug, title, ci, top, bundle))

    # Guides.
    n_broken = max(1, n_guides // 100)
    broken_in = set(rng.sample(range(n_guides), min(n_broken, n_guides)))
    base = "https://guides.example.org/"
    for g in range(n_guides):
        ci = g % n_countries
        country, ru_country, capital, city, _ = countries[ci]
        slug = f"{slugify(country)}-{g + 1}"
        mine = [s for s in sources[g * SOURCES_PER_GUIDE:(g + 1) * SOURCES_PER_GUIDE]]
        day = 1 + g % 28
        fields = [
            ("title", f"{country} Getting Started Guide {g + 1}"),
            ("linkTitle", f"{country} Guide {g + 1}"),
            ("countries", [country]),
            ("contributor", [contributors[g % len(contributors)]]),
            ("tags", ["guides"]),
            ("created", f"2023-{1 + g % 12:02d}-{day:02d}"),
            ("date", f"2024-{1 + g % 12:02d}-{day:02d}"),
            ("weight", g + 1),
            ("description", f"A first set of places to look for information on {country}, "
                            "sorted by the kind of organisation behind it."),
        ]
        style = "yaml" if g % 4 else "toml"
        lines = []
        for si, (heading, cat) in enumerate(SECTIONS):
            lines.append(f"## {heading}\n")
            lines.append(f"[{heading.split(' (')[0]}](/category/{cat}/) {LOREM}\n")
            lines.append("Good places to start:\n")
            for j, (sslug, stitle, _, _, bundle) in enumerate(mine):
                if j % len(SECTIONS) != si:
                    continue
                form = (g + j) % 6
                if form == 0:
                    dest = f"/sources/sources/{sslug}/"
                elif form == 1:
                    dest = f"../../sources/sources/{sslug}/"
                elif form == 2:
                    dest = f"{base}sources/sources/{sslug}/"
                elif form == 3:
                    target = f"sources/sources/{sslug}" + ("/index.md" if bundle else ".md")
                    dest = f'{{{{< ref "{target}" >}}}}'
                elif form == 4:
                    dest = f'{{{{< relref "/sources/sources/{sslug}" >}}}}'
                else:
                    dest = f"/sources/sources/{sslug}"
                item = f"- [{stitle}]({dest})"
                if si == len(SECTIONS) - 1:
                    place = capital if j % 2 else city
                    item += f" covers **{place}**, {'the capital' if j % 2 else 'a major city'}."
                elif rng.random() < 0.7:
                    item += f" ({rng.choice(NOTES)})"
                lines.append(item)
            if si == 0 and g in broken_in:
                lines.append(f"- [A page that was removed](/sources/sources/removed_{g + 1}/)"
                             " (broken on purpose)")
            lines.append("")
        rel = (f"content/guides/{slug}/index.md" if g % 3 == 0 else f"content/guides/{slug}.md")
        w.write(rel, front_matter(fields, style) + "\n" + "\n".join(lines))
    return w, n_guides, n_countries, len(categories), len(contributors)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=int, required=True, help="number of source pages")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--template",
                    default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                         "examples", "site"),
                    help="site whose hugo.toml and layouts/ are copied")
    ap.add_argument("out")
    args = ap.parse_args()
    if args.sources < 1:
        ap.error("--sources must be at least 1")
    w, guides, countries, categories, contributors = generate(
        args.sources, args.seed, args.out, args.template)
    print(f"{args.out}: {w.files} files, {w.bytes} bytes: {args.sources} sources, "
          f"{guides} guides, {countries} countries, {categories} categories, "
          f"{contributors} contributors", file=sys.stderr)


if __name__ == "__main__":
    main()
