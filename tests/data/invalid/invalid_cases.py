"""The invalid site cases of tests/data/invalid (see README.md there): each case folder holds
the files it changes, copied over the base site, plus its expected diagnostics."""

import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "base")
# Files of a case folder that are not part of the site.
EXPECTED_STDOUT = "expected.stdout"
EXPECTED_STDERR = "expected.stderr"
NOT_SITE = {EXPECTED_STDOUT, EXPECTED_STDERR}


def names():
    """The case names, sorted (every folder here except base)."""
    return sorted(d for d in os.listdir(HERE)
                  if d != "base" and os.path.isdir(os.path.join(HERE, d)) and not d.startswith((".", "_")))


def assemble(name, dest):
    """Writes the site of case `name` to the new folder dest: the base site with the case's
    files copied over it. Returns dest."""
    shutil.copytree(BASE, dest)
    case = os.path.join(HERE, name)
    for root, _, files in os.walk(case):
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), case)
            if rel in NOT_SITE:
                continue
            target = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(root, f), target)
    return dest


def expected(name, stream):
    """The expected lines of `stream` ("stdout" or "stderr"); a missing file means none."""
    path = os.path.join(HERE, name, EXPECTED_STDOUT if stream == "stdout" else EXPECTED_STDERR)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()
