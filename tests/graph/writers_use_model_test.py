"""Writers reach front matter only through the checked site model: no source file of the
writers (src/rdf, src/serialize, src/catalog, src/load) reads a page's parsed front matter
(Page::fragment, PageFragment, FmEntry lookups) or the raw front matter types of the
parser; the values they write come from the graph's vertices, whose fixed-form values are
checked types (include/guidegraph/checked.hpp). (They may read the site configuration's
`params`, which is not front matter.) Fails naming the file and line of each bypass."""

import os
import re
import sys

SOURCE_DIR = os.environ.get("GUIDEGRAPH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
WRITERS = ["src/rdf", "src/serialize", "src/catalog", "src/load"]
BYPASS = re.compile(r"\.fragment\b|\bPageFragment\b|\bfrontMatter\b|\bFmEntry\b|\bparsePage\b|"
                    r"guidegraph/(front_matter|body)\.hpp")

found, files = [], 0
for folder in WRITERS:
    for root, _, names in os.walk(os.path.join(SOURCE_DIR, folder)):
        for name in sorted(names):
            if not name.endswith((".cpp", ".hpp", ".in", ".inc")):
                continue
            files += 1
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if BYPASS.search(line.split("//")[0]):
                        found.append(f"{os.path.relpath(path, SOURCE_DIR)}:{number}: {line.strip()}")
for line in found:
    print(f"FAIL: a writer reads front matter around the checked model: {line}")
print(f"writers_use_model: {files} writer files read, {len(found)} bypasses")
sys.exit(1 if found or files < 10 else 0)
