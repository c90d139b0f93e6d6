"""The CAMGDP site (../shared/sites/camgdp) prepared for Debian's hugo 0.111, as its NOTICE.md
says: the Docsy theme and module imports dropped, enableGitInfo off, and a stub template for
every shortcode its content uses. The prepared copy also gets a page-list output format
(pages.json at the root of each language) that lists every page Hugo builds, with its kind,
file, language and permalink, so that section, taxonomy and term pages can be compared too.

Used by the tests that compare guidegraph with Hugo on the real site:

    from camgdp_support import prepared_camgdp, hugo_list_all, hugo_page_list
    site = prepared_camgdp()            # skips the test (exit 77) without ../shared
    regular = hugo_list_all(site)       # {"content/en/about/_index.html": permalink, ...}
    every = hugo_page_list(site)        # [{"kind":…, "file":…, "lang":…, "permalink":…}, ...]
"""

import json
import os
import re
import shutil
import subprocess

from e2e_support import SHARED_DIR, temp_dir
from hugo_oracle import hugo_list_all  # noqa: F401 (part of this module's interface)

try:  # the shared skip helper, where the branch has it
    from e2e_support import skip_unless_shared
except ImportError:  # pragma: no cover - same behaviour, written out
    import sys

    def skip_unless_shared(relative, what):
        path = os.path.join(SHARED_DIR, relative)
        if not os.path.exists(path):
            print(f"SKIPPED: needs ../shared/{relative}, {what}", flush=True)
            sys.exit(77)
        return path


# Shortcodes the content uses, and whether it uses them with a closing tag.
SHORTCODES = {
    "blocks/cover": True,
    "blocks/feature": True,
    "blocks/lead": True,
    "blocks/section": True,
    "blocks/link-down": False,
    "pageinfo": True,
}

PAGE_LIST_TEMPLATE = """{{- $rows := slice -}}
{{- range site.AllPages -}}
{{- $file := "" -}}{{- with .File -}}{{- $file = .Filename -}}{{- end -}}
{{- $rows = $rows | append (dict "kind" .Kind "file" $file "lang" .Lang "permalink" .Permalink "draft" .Draft) -}}
{{- end -}}
{{- jsonify $rows -}}
"""

PAGE_LIST_CONFIG = """
[outputFormats.PageList]
mediaType = "application/json"
baseName = "pages"
isPlainText = true
notAlternative = true
"""


def prepare_config(text):
    """hugo.toml of CAMGDP with the theme and module imports dropped, enableGitInfo off,
    and the page list added to the home page's outputs."""
    out = []
    skipping_import = False
    for line in text.splitlines():
        stripped = line.strip()
        if skipping_import:
            # An [[module.imports]] table ends at the next table header.
            if stripped.startswith("["):
                skipping_import = False
            else:
                continue
        if stripped.startswith("[[module.imports]]"):
            skipping_import = True
            continue
        if re.match(r"^theme\s*=", stripped):
            continue
        if re.match(r"^enableGitInfo\s*=", stripped):
            line = "enableGitInfo = false"
        if re.match(r"^home\s*=", stripped):
            line = '\thome = [ "HTML", "RSS", "PageList"]'
        out.append(line)
    text = "\n".join(out) + "\n"
    if "PageList" not in text:
        raise RuntimeError("CAMGDP's hugo.toml has no [outputs] home line to add the page list to")
    # Top-level keys must come before the first table: put the output format at the end.
    return text + PAGE_LIST_CONFIG


def prepared_camgdp(prefix="camgdp"):
    """A prepared copy of ../shared/sites/camgdp in a new temporary folder (skips the test
    when ../shared is absent); returns the copy's path."""
    source = skip_unless_shared("sites/camgdp", "the CAMGDP site")
    dest = os.path.join(temp_dir(prefix), "camgdp")
    shutil.copytree(source, dest)
    config = os.path.join(dest, "hugo.toml")
    with open(config, encoding="utf-8") as f:
        text = f.read()
    with open(config, "w", encoding="utf-8") as f:
        f.write(prepare_config(text))
    shortcodes = os.path.join(dest, "layouts", "shortcodes")
    for name, paired in SHORTCODES.items():
        path = os.path.join(shortcodes, name + ".html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("{{ .Inner }}" if paired else "")
    with open(os.path.join(dest, "layouts", "index.pagelist.json"), "w", encoding="utf-8") as f:
        f.write(PAGE_LIST_TEMPLATE)
    return dest


def hugo_page_list(site, *extra):
    """Builds site with hugo into a temporary folder and returns the rows of its pages.json:
    every page Hugo builds (all languages), each {"kind", "file" (relative to the site, "" for
    a page without a file), "lang", "permalink", "draft"}."""
    out = temp_dir("hugo-public")
    proc = subprocess.run(["hugo", "--source", site, "-d", out, *extra], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"hugo failed on {site}:\n{proc.stdout}\n{proc.stderr}")
    with open(os.path.join(out, "pages.json"), encoding="utf-8") as f:
        rows = json.load(f)
    root = os.path.realpath(site)
    for row in rows:
        if row["file"]:
            row["file"] = os.path.relpath(os.path.realpath(row["file"]), root)
    return rows
