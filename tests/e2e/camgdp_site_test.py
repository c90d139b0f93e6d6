"""On the real CAMGDP site (../shared/sites/camgdp, prepared for Debian's hugo as its
NOTICE.md says), `guidegraph pages` gives every page `hugo list all` lists the same
permalink, lists no other regular page, and its home, section, taxonomy and term pages are
the ones Hugo renders (the prepared copy's pages.json output lists them)."""

import csv
import io
import os

from camgdp_support import hugo_list_all, hugo_page_list, prepared_camgdp
from e2e_support import Checks, run

checks = Checks("camgdp_site")
site = prepared_camgdp()

# The site's own content has errors guidegraph reports (a `description` written as a map, a
# duplicate key): exit code 1, with every page still listed.
proc = run(["pages", site, "--quiet"])
checks.check(proc.returncode in (0, 1), f"pages exit code {proc.returncode}: {proc.stderr[-500:]}")
rows = list(csv.DictReader(io.StringIO(proc.stdout)))
checks.equal(list(rows[0].keys()) if rows else [], ["file", "kind", "language", "draft", "permalink"],
             "pages columns")

# Regular pages: hugo list all against the rows of guidegraph that have a file and are not
# list pages (home, sections, taxonomy and term pages with a file).
listed = hugo_list_all(site)
checks.check(len(listed) >= 180, f"hugo list all lists the site's pages ({len(listed)})")
every = hugo_page_list(site)
# A regular page is any content file but a branch bundle's _index.
ours_regular = {r["file"]: r["permalink"] for r in rows
                if r["file"] and not os.path.basename(r["file"]).startswith("_index.")}
checks.equal(sorted(ours_regular), sorted(listed), "the regular pages guidegraph lists are the ones hugo lists")
matched = 0
for path, permalink in sorted(listed.items()):
    checks.equal(ours_regular.get(path), permalink, f"permalink of {path}")
    matched += ours_regular.get(path) == permalink
print(f"camgdp: hugo list all lists {len(listed)} pages, guidegraph gives {matched} the same permalink")

# Every page Hugo builds, of every kind, with its language: the same set of
# (file, language, permalink).
def triple(r):
    return (r["file"], r.get("lang", r.get("language")), r["permalink"])

hugo_all = sorted(triple(r) for r in every)
ours_all = sorted(triple(r) for r in rows)
missing = sorted(set(hugo_all) - set(ours_all))
extra = sorted(set(ours_all) - set(hugo_all))
checks.equal(missing, [], "pages Hugo builds that guidegraph does not list")
checks.equal(extra, [], "pages guidegraph lists that Hugo does not build")
kinds = {}
for r in every:
    kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
print(f"camgdp: hugo builds {len(every)} pages {dict(sorted(kinds.items()))}; "
      f"guidegraph lists {len(rows)}, {len(set(hugo_all) & set(ours_all))} the same")

# Languages: the language column is the page's language in Hugo, and folders of languages
# the site does not configure (content/ky, content/mn, content/tg, content/tk) are not read.
hugo_lang = {(r["file"], r["permalink"]): r["lang"] for r in every if r["file"]}
for r in rows:
    if r["file"] and (r["file"], r["permalink"]) in hugo_lang:
        checks.equal(r["language"], hugo_lang[(r["file"], r["permalink"])], f"language of {r['file']}")
for folder in ("content/ky/", "content/mn/", "content/tg/", "content/tk/", "content_to_be_processed/"):
    checks.equal([r["file"] for r in rows if r["file"].startswith(folder)], [], f"nothing read from {folder}")

checks.finish()
