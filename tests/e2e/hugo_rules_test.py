"""One small site per rule of how Hugo 0.111 reads a site — configuration discovery and
merging, languages, mounts, content formats, permalink tokens and encoding, what Hugo does
not build — each run through Debian's hugo and through `guidegraph pages`:

- every regular page `hugo list all` lists (with -D -F -E, as list all shows drafts, future
  and expired pages) has the same permalink in `guidegraph pages --drafts --build-future
  --build-expired`, and guidegraph lists no other regular page;
- every page a plain `hugo` build makes (home, sections, taxonomies, terms and regular pages,
  in every language) is listed by `guidegraph pages` with the same file, language and
  permalink, and nothing else is.

Run with a rule's name (e.g. `hugo_rules_test.py languages_content_dirs`) to check one."""

import csv
import io
import os
import sys

from e2e_support import Checks, run
from hugo_oracle import hugo_list_all, hugo_page_list, write_site

BASE = 'baseURL = "https://example.org/"\n'


def page(title="T", **fm):
    lines = [f"title: {title!r}"] + [f"{k}: {v}" for k, v in fm.items()]
    return "---\n" + "\n".join(lines) + "\n---\nText.\n"


SITES = {
    # Hugo reads the first of hugo.toml ... config.json (never two), then merges
    # config/_default/ (hugo.toml/config.toml for top-level keys, <key>.toml for one key)
    # and config/production/ over it.
    "config_discovery": {
        "hugo.toml": BASE + '[permalinks]\nposts = "/h/:slug/"\n',
        "config.toml": 'baseURL = "https://wrong.example/"\n[permalinks]\nposts = "/c/:filename/"\n',
        "config/_default/permalinks.toml": 'notes = "/n/:title/"\n',
        "config/_default/taxonomies.toml": 'tag = "tags"\nseries = "series"\n',
        "config/production/config.toml": 'baseURL = "https://prod.example.org/"\n',
        "config/development/config.toml": 'baseURL = "https://dev.example.org/"\n',
        "content/posts/x.md": page("Hello World", series="[Intro]"),
        "content/notes/y.md": page("A Note"),
    },
    "config_yaml": {
        "config.yml": 'baseURL: "https://example.org/docs/"\npermalinks:\n  posts: "/:year/:slug/"\n',
        "content/posts/x.md": page("Yaml Post", date="2021-05-06"),
        "content/about.md": page("About"),
    },
    "config_folder_only": {
        "config/_default/hugo.toml": BASE + 'defaultContentLanguage = "de"\n',
        "config/_default/languages.toml": '[de]\nweight = 1\n[en]\nweight = 2\n',
        "config/_default/params.toml": 'x = 1\n',
        "config/_default/menus.en.toml": '[[main]]\nname = "Home"\nurl = "/"\n',
        "content/a.md": page("A"),
        "content/a.en.md": page("A"),
    },
    # [languages] with a contentDir each (one outside content/), a translation by file name in
    # another language's folder, a folder of a language the site does not configure (not
    # read), a file in content/ outside every language folder (not read), `url` in another
    # language (no prefix).
    "languages_content_dirs": {
        "hugo.toml": BASE + 'defaultContentLanguage = "en"\n'
        '[languages.en]\nweight = 1\ncontentDir = "content/en"\n'
        '[languages.fr]\nweight = 2\ncontentDir = "content/fr"\nlanguageCode = "fr-FR"\n'
        '[languages.de]\nweight = 3\ncontentDir = "content.de"\n',
        "content/en/about.md": page("About", tags="[A b]"),
        "content/en/x.fr.md": page("X"),
        "content/en/posts/_index.md": page("Posts"),
        "content/en/posts/p.md": page("P", url="/u/v/"),
        "content/fr/about.md": page("A propos", tags="[Été]"),
        "content/fr/posts/p.md": page("P", url="/u/w/"),
        "content/it/about.md": page("Chi siamo"),
        "content.de/about.md": page("Über"),
        "content/top.md": page("Top"),
    },
    # One content folder, translations by file name (also index.en.md in a bundle), the
    # default language in its own subfolder, a file whose suffix is no language.
    "languages_file_names": {
        "hugo.toml": BASE + 'defaultContentLanguage = "fr"\ndefaultContentLanguageInSubdir = true\n'
        '[languages.en]\nweight = 2\n[languages.fr]\nweight = 1\n',
        "content/about.md": page("A propos"),
        "content/about.en.md": page("About"),
        "content/x.it.md": page("X"),
        "content/b/index.en.md": page("B"),
        "content/b/index.md": page("B"),
        "content/b/other.md": page("Resource, not a page"),
        "content/docs/_index.en.md": page("Docs"),
        "content/docs/guide.en.md": page("Guide"),
    },
    # [[module.mounts]]: language folders mounted at content with lang, a folder mounted
    # below content/ with excludeFiles, the site root with includeFiles (README.md is a page,
    # LICENSE.md is not), content/ itself no longer read.
    "mounts": {
        "hugo.toml": BASE + 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n'
        '[languages.fr]\nweight = 2\n'
        '[[module.mounts]]\nsource = "docs/en"\ntarget = "content"\nlang = "en"\n'
        '[[module.mounts]]\nsource = "docs/fr"\ntarget = "content"\nlang = "fr"\n'
        '[[module.mounts]]\nsource = "extra"\ntarget = "content/more"\nexcludeFiles = "skip/**"\n'
        '[[module.mounts]]\nsource = "."\ntarget = "content/root"\n'
        'includeFiles = ["README.md", "notes/**"]\n',
        "docs/en/a.md": page("A"),
        "docs/fr/a.md": page("A"),
        "docs/fr/b.en.md": page("B"),
        "extra/e.md": page("E"),
        "extra/skip/e.md": page("Skipped"),
        "README.md": "# Read me\n",
        "LICENSE.md": "# Licence\n",
        "notes/d.md": page("D"),
        "content/c.md": page("Not mounted"),
    },
    # Content formats: .md .markdown .mdown .html .htm are pages; .txt, hidden files, editor
    # leftovers are not; `_x.md` is a page.
    "content_formats": {
        "hugo.toml": BASE,
        "content/a.md": page("A"),
        "content/b.markdown": page("B"),
        "content/c.mdown": page("C"),
        "content/d.html": page("D"),
        "content/e.htm": page("E"),
        "content/_f.md": page("F"),
        "content/g.txt": page("G"),
        "content/.hidden.md": page("H"),
        "content/#autosave.md": page("I"),
        "content/backup.md~": page("J"),
        "content/sec/_index.html": page("Section in HTML"),
        "content/sec/h.md": page("H"),
    },
    # Permalink tokens: :slug falls back to the title (not the file name), :title,
    # :filename (a bundle's folder), :slugorfilename, :section, :sections (only folders that
    # are sections), :sections[1:], dates, :monthname, :weekday, :weekdayname, :yearday.
    "permalink_tokens": {
        "hugo.toml": BASE + '[permalinks]\na = "/:slug/"\nb = "/:title/"\nc = "/:filename/"\n'
        'd = "/:slugorfilename/"\n'
        'e = "/:sections/:year/:month/:day/:monthname/:weekday/:weekdayname/:yearday/"\n'
        'f = "/:section/:sections[1:]/:sections[last]/:slug"\n',
        "content/a/x.md": page("Hello World!"),
        "content/a/y.md": page("Hello", slug="My Slug"),
        "content/b/x.md": page("Hello, Other World"),
        "content/c/Xy Z.md": page("Hello World"),
        "content/c/bun/index.md": page("Bundle"),
        "content/d/x.md": page("Hello World"),
        "content/d/y.md": page("Hello World", slug="sl"),
        "content/e/s1/s2/x.md": page("T", date="2021-03-04T10:00:00Z"),
        "content/e/s3/_index.md": page("S3"),
        "content/e/s3/y.md": page("T", date="2020-12-31"),
        "content/f/s1/_index.md": page("S1"),
        "content/f/s1/s2/_index.md": page("S2"),
        "content/f/s1/s2/x.md": page("Deep Page"),
    },
    # Encoding and path rules: non-ASCII paths percent-encoded as .Permalink writes them, a
    # dot in the last segment keeps the trailing slash, '+' and '~' kept, punctuation dropped,
    # `url` kept as written (case, spaces as %20, a file name with a dot has no slash).
    "permalink_encoding": {
        "hugo.toml": BASE + '[taxonomies]\ncategory = "categories"\n',
        "content/Руководства/Казахстан/Руководство_по_началу.md": page("Руководство", categories="[Независимые СМИ]"),
        "content/sources/Kok.team.md": page("Kok"),
        "content/sources/Независимый Источник.md": page("Источник", website="https://example.kz/"),
        "content/sources/odd name (1) & co!.md": page("Odd"),
        "content/sources/C++ Notes ~draft.md": page("C"),
        "content/sources/dot.md": page("Dot", slug="a.b"),
        "content/u/file.md": page("File", url="/x/file.xml"),
        "content/u/case.md": page("Case", url='"/Mixed/Case Here/"'),
        "content/u/noslash.md": page("No slash", url="/no/slash"),
        "content/LGBTQIA+/_index.md": page("LGBTQIA+"),
        "content/LGBTQIA+/p.md": page("P"),
    },
    # uglyURLs for one section, disablePathToLower.
    "ugly_urls_and_case": {
        "config.yml": 'baseURL: "https://example.org/"\nuglyURLs:\n  ug: true\ndisablePathToLower: true\n',
        "content/ug/_index.md": page("Ugly"),
        "content/ug/X.md": page("X"),
        "content/Up/Case Name.md": page("Case", tags="[Foo Bar]"),
    },
    # What Hugo does not build: drafts, a publishDate or date in the future, an expiryDate or
    # unpublishdate in the past, headless bundles, `_build: render: never` (listed without a
    # permalink), and the same through `cascade` from a section.
    "not_built": {
        "hugo.toml": BASE,
        "content/ok.md": page("OK", date="2001-01-01"),
        "content/draft.md": page("Draft", draft="true"),
        "content/future.md": page("Future", date="2099-01-01"),
        "content/pub.md": page("Pub", publishDate="2099-01-01", date="2000-01-01"),
        "content/expired.md": page("Expired", expiryDate="2001-01-01"),
        "content/unpub.md": page("Unpub", unpublishdate="2001-01-01"),
        "content/hb/index.md": page("Headless", headless="true"),
        "content/rn.md": "---\ntitle: RN\n_build:\n  render: never\n---\n",
        "content/ln.md": "---\ntitle: LN\n_build:\n  list: never\n---\n",
        "content/casc/_index.md": "---\ntitle: C\ncascade:\n  _build:\n    render: never\n---\n",
        "content/casc/c.md": page("C"),
        "content/casd/_index.md": "---\ntitle: D\ncascade:\n  draft: true\n---\n",
        "content/casd/c.md": page("C"),
        "content/casf/_index.md": "---\ntitle: F\ncascade:\n  publishDate: 2099-01-01\n---\n",
        "content/casf/c.md": page("C"),
        "content/n1/n2/_index.md": page("N2"),
        "content/n1/n2/p.md": page("P"),
        "content/n1/n3/p.md": page("P"),
    },
    # Taxonomies per language, terms with files, disableKinds.
    "taxonomies": {
        "hugo.toml": BASE + 'disableKinds = ["taxonomyTerm"]\n[taxonomies]\ntag = "tags"\n'
        'country = "countries"\n[permalinks]\ncountries = "/land/:slug/"\n',
        "content/a.md": page("A", tags='["Big Tag", "big-tag", Other]', countries="Kazakhstan"),
        "content/tags/other/_index.md": page("Other things"),
        "content/b.md": page("B", Tags="[Case Key]"),
    },
}


def regular(path):
    return not os.path.basename(path).startswith("_index.")


def check_site(checks, name, files):
    site = write_site(files, prefix=f"rule-{name}")
    every = hugo_page_list(site)
    listed = hugo_list_all(site)
    proc = run(["pages", site, "--quiet"])
    proc_all = run(["pages", site, "--quiet", "--drafts", "--build-future", "--build-expired"])
    for p in (proc, proc_all):
        checks.check(p.returncode in (0, 1), f"{name}: pages exit code {p.returncode}: {p.stderr[-400:]}")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    rows_all = list(csv.DictReader(io.StringIO(proc_all.stdout)))
    ours_regular = {r["file"]: r["permalink"] for r in rows_all if r["file"] and regular(r["file"])}
    checks.equal(ours_regular, listed, f"{name}: regular pages and permalinks (hugo list all)")
    hugo_set = sorted((r["file"], r["lang"], r["permalink"]) for r in every)
    ours_set = sorted((r["file"], r["language"], r["permalink"]) for r in rows)
    checks.equal(sorted(set(ours_set) - set(hugo_set)), [], f"{name}: pages guidegraph lists that hugo does not build")
    checks.equal(sorted(set(hugo_set) - set(ours_set)), [], f"{name}: pages hugo builds that guidegraph does not list")
    if name == "permalink_encoding":
        check_iris(checks, site, listed)
    return len(listed), len(every)


def check_iris(checks, site, listed):
    """Every IRI guidegraph writes for a page is its permalink byte for byte as Hugo writes
    it (percent-encoded), in N-Triples, where IRIs are written out in full."""
    out = os.path.join(os.path.dirname(site), "site.nt")
    run(["export", site, "-f", "nt", "-o", out, "--quiet", "--force", "--no-validate"])
    with open(out, encoding="utf-8") as f:
        iris = set()
        for line in f:
            iris.update(part[1:-1] for part in line.split(" ") if part.startswith("<") and part.endswith(">"))
    sources = {path: permalink for path, permalink in listed.items() if path.startswith("content/sources/")}
    checks.check(any("%D0" in p for p in sources.values()), "a source with a Cyrillic permalink")
    for path, permalink in sorted(sources.items()):
        checks.check(permalink in iris and permalink + "#id" in iris,
                     f"the export names {path} by Hugo's permalink {permalink}")
    checks.equal(sorted(i for i in iris if "example.org" in i and any(ord(c) > 127 for c in i)), [],
                 "no page IRI with unencoded non-ASCII characters")


def check_warnings(checks):
    """Configuration that changes pages or URLs and that guidegraph does not follow is
    named with its file and line; keys that only change rendering are not reported."""
    site = write_site({
        "hugo.toml": BASE + 'timeZone = "Europe/Oslo"\n[blackfriday]\nhrefTargetBlank = true\n'
        '[imaging]\nquality = 75\n[privacy.youtube]\ndisable = true\n[[menus.main]]\nname = "A"\n'
        '[frontmatter]\ndate = ["myDate"]\n[permalinks]\nposts = "/:year/:slugorcontentbasename/"\n',
        "config/_default/languages.yaml": "en:\n  weight: 1\nno:\n  weight: 2\n",
        "content/a.md": page("A"),
    }, prefix="rule-warnings")
    proc = run(["pages", site])
    warnings = sorted(line for line in proc.stderr.splitlines() if ": warning: " in line)
    expected = [
        "config/_default/languages.yaml:3:1: warning: Hugo 0.111 reads the language key 'no' as a "
        "YAML 1.1 boolean and builds its pages under /false/; guidegraph uses /no/ as meant: quote "
        "the key ('no':) so that both agree [yaml-boolean-language]",
        "hugo.toml:11:2: warning: 'frontmatter' (custom front matter date keys) changes which pages "
        "Hugo builds or their URLs, and guidegraph does not follow it; its pages and IRIs may differ "
        "from Hugo's [unsupported-config]",
        "hugo.toml:14:9: warning: permalink token ':slugorcontentbasename' in "
        "'/:year/:slugorcontentbasename/' is unknown to Hugo 0.111, which stops with \"permalink "
        "ill-formed\"; use :year :month :monthname :day :weekday :weekdayname :yearday :section "
        ":sections :title :slug :filename or :slugorfilename [bad-permalink]",
        "hugo.toml:2:1: warning: 'timeZone' (the time zone of dates in URLs and of publishDate) "
        "changes which pages Hugo builds or their URLs, and guidegraph does not follow it; its pages "
        "and IRIs may differ from Hugo's [unsupported-config]",
    ]
    checks.equal(warnings, expected, "warnings for configuration guidegraph does not follow")


def main():
    checks = Checks("hugo_rules")
    names = sys.argv[1:] or list(SITES)
    if not sys.argv[1:]:
        check_warnings(checks)
    for name in names:
        n_list, n_all = check_site(checks, name, SITES[name])
        print(f"{name}: hugo list all {n_list} pages, hugo builds {n_all}")
    checks.finish()


main()
