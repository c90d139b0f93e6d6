"""Every MARC language code in src/base/language_table.inc is a current code of the MARC Code
List for Languages, as MARC::Lint (libmarc-lint-perl) ships it; skipped without it."""
import os
import re
import sys

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LINT = "/usr/share/perl5/MARC/Lint/CodeData.pm"
if not os.path.exists(LINT):
    print(f"SKIPPED: needs {LINT}, MARC::Lint's code lists (libmarc-lint-perl)")
    sys.exit(77)
with open(LINT, encoding="utf-8") as f:
    lint = f.read()
codes = set(re.search(r'%LanguageCodes = map \{\(\$_, 1\)\} \(split "\\t", \("(.*?)"\)\);', lint, re.S)
            .group(1).split("\t"))
with open(os.path.join(SOURCE_DIR, "src", "base", "language_table.inc"), encoding="utf-8") as f:
    rows = re.findall(r'^    \{"([^"]*)", "([^"]*)", "([^"]*)", "([^"]*)"\},$', f.read(), re.M)
bad = [r for r in rows if r[1] and r[1] not in codes]
if len(rows) < 450 or bad:
    print(f"FAIL: {len(rows)} languages; MARC codes not in the MARC list: {bad}")
    sys.exit(1)
print(f"language_codes: {len(rows)} languages, {sum(1 for r in rows if r[1])} MARC codes all valid")
