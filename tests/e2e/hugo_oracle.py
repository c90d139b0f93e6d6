"""Debian's hugo 0.111 as the oracle of which pages a site has and what their permalinks are.

    site = write_site({"hugo.toml": "...", "content/a.md": "..."})
    regular = hugo_list_all(site)        # {"content/a.md": "https://example.org/a/"}
    every = hugo_page_list(site)         # every page Hugo builds: kind, file, lang, permalink

hugo_page_list merges an environment folder config/pagelist/ into the site's configuration
(Hugo merges `config/<environment>/` over the rest), which adds an output format listing
`site.AllPages` as pages.json; guidegraph reads the production environment and never sees it.
"""

import csv
import glob
import io
import json
import os
import shutil
import subprocess

from e2e_support import temp_dir

PAGE_LIST_TEMPLATE = """{{- $rows := slice -}}
{{- range site.AllPages -}}
{{- $file := "" -}}{{- with .File -}}{{- $file = .Filename -}}{{- end -}}
{{- $rows = $rows | append (dict "kind" .Kind "file" $file "lang" .Lang "permalink" .Permalink "draft" .Draft) -}}
{{- end -}}
{{- jsonify $rows -}}
"""

# One file per top-level key, as Hugo reads a configuration folder.
PAGE_LIST_CONFIG = {
    "outputFormats.toml": '[PageList]\nmediaType = "application/json"\nbaseName = "pages"\n'
                          'isPlainText = true\nnotAlternative = true\n',
    "outputs.toml": 'home = ["HTML", "PageList"]\n',
}


def write_site(files, prefix="mini"):
    """Writes {relative path: text} into a new temporary folder; returns its path."""
    root = os.path.join(temp_dir(prefix), "site")
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    os.makedirs(os.path.join(root, "content"), exist_ok=True)
    return root


def hugo_list_all(site, *extra):
    """`hugo list all`: {path as hugo prints it: permalink} of the regular pages it builds."""
    proc = subprocess.run(["hugo", "list", "all", "--source", site, *extra],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"hugo list all failed on {site}:\n{proc.stdout}\n{proc.stderr}")
    # Hugo prints its warnings on standard output too, before the CSV.
    lines = proc.stdout.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("path,")), len(lines))
    text = "".join(lines[start:])
    return {row["path"]: row["permalink"] for row in csv.DictReader(io.StringIO(text))}


def add_page_list(site):
    """Adds the pages.json output (layout and environment config) to site."""
    layouts = os.path.join(site, "layouts")
    os.makedirs(layouts, exist_ok=True)
    with open(os.path.join(layouts, "index.pagelist.json"), "w", encoding="utf-8") as f:
        f.write(PAGE_LIST_TEMPLATE)
    env = os.path.join(site, "config", "pagelist")
    # The page list is built in its own environment: what the site keeps for production
    # (which `hugo list all` and guidegraph read) goes into it too.
    production = os.path.join(site, "config", "production")
    if os.path.isdir(production):
        shutil.copytree(production, env, dirs_exist_ok=True)
    os.makedirs(env, exist_ok=True)
    for name, text in PAGE_LIST_CONFIG.items():
        with open(os.path.join(env, name), "w", encoding="utf-8") as f:
            f.write(text)


def hugo_page_list(site, *extra):
    """Every page Hugo builds (all languages), each {"kind", "file" (relative to the site, ""
    for a page without a file), "lang", "permalink", "draft"}."""
    add_page_list(site)
    out = temp_dir("hugo-public")
    proc = subprocess.run(["hugo", "--source", site, "-d", out, "--environment", "pagelist", *extra],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"hugo failed on {site}:\n{proc.stdout}\n{proc.stderr}")
    found = sorted(glob.glob(os.path.join(out, "**", "pages.json"), recursive=True), key=len)
    if not found:
        raise RuntimeError(f"hugo wrote no pages.json for {site}")
    with open(found[0], encoding="utf-8") as f:
        rows = json.load(f)
    root = os.path.realpath(site)
    for row in rows:
        if row["file"]:
            row["file"] = os.path.relpath(os.path.realpath(row["file"]), root)
    return rows
