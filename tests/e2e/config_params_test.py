"""Site parameters of the wrong shape in hugo.toml: `params.license` for `publish`
(bad-license) and `params.guidegraph.*` for `catalog` (bad-config-param). Each is reported
as a warning at the value's line and column in hugo.toml, left out, and the command still
writes its whole output. void.ttl is read back with rdflib."""

import os
import re
import shutil
import subprocess
import sys

import rdflib

sys.path.insert(0, os.path.dirname(__file__))
from e2e_support import PROGRAM, copy_site, fail, run, temp_dir  # noqa: E402

LICENSE = 'license = "https://creativecommons.org/licenses/by/4.0/"'
DCT_LICENSE = rdflib.URIRef("http://purl.org/dc/terms/license")


def position(config, text):
    """line:column (1-based) of the value in the line of `config` that starts with `text`."""
    with open(config, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if line.startswith(text):
                return f"{number}:{line.index('=') + 3}"
    fail(f"no line starting with {text!r} in {config}")


def with_config(prefix, replace=None, append=""):
    site = copy_site(prefix)
    config = os.path.join(site, "hugo.toml")
    with open(config, encoding="utf-8") as f:
        text = f.read()
    if replace:
        if LICENSE not in text:
            fail("examples/site/hugo.toml no longer sets params.license as this test expects")
        text = text.replace(LICENSE, replace)
    with open(config, "w", encoding="utf-8") as f:
        f.write(text + append)
    return site, config


def check_license(value, label):
    site, config = with_config(f"license-{label}", replace=f"license = {value}")
    into = os.path.join(temp_dir(f"publish-{label}"), "out")
    p = run(["publish", site, "--into", into], check=0)
    expected = f"hugo.toml:{position(config, 'license =')}: warning: "
    found = [l for l in p.stderr.splitlines() if l.endswith("[bad-license]")]
    if len(found) != 1 or not found[0].startswith(expected):
        fail(f"{label}: expected one bad-license warning at {expected!r}:\n{p.stderr[-2000:]}")
    void = rdflib.Graph().parse(os.path.join(into, "void.ttl"), format="turtle")
    if len(void) == 0 or any(void.triples((None, DCT_LICENSE, None))):
        fail(f"{label}: void.ttl should describe the dataset without a licence")
    for page in ("guides/kazakhstan/index.ttl", "dataset.nq"):
        if not os.path.getsize(os.path.join(into, page)):
            fail(f"{label}: publish did not write {page}")


def main():
    # The unchanged site: a licence, no warning.
    into = os.path.join(temp_dir("publish-ok"), "out")
    p = run(["publish", copy_site("license-ok"), "--into", into], check=0)
    if "bad-license" in p.stderr:
        fail(f"a valid licence was reported:\n{p.stderr[-2000:]}")
    void = rdflib.Graph().parse(os.path.join(into, "void.ttl"), format="turtle")
    if not any(void.triples((None, DCT_LICENSE, None))):
        fail("void.ttl of the unchanged site states no licence")

    check_license('["https://creativecommons.org/licenses/by/4.0/", "https://example.org/x"]',
                  "list")
    check_license('"   "', "blank")

    work = temp_dir("catalog-params")
    plain = os.path.join(work, "plain.xml")
    run(["catalog", copy_site("catalog-plain"), "--format", "marcxml", "-o", plain], check=0)
    site, config = with_config(
        "catalog-bad", append='\n[params.guidegraph]\nmarcOrgCode = ["XX-1"]\n'
                              'adminEmail = { name = "x" }\n')
    bad = os.path.join(work, "bad.xml")
    p = run(["catalog", site, "--format", "marcxml", "-o", bad], check=0)
    for key in ("marcOrgCode", "adminEmail"):
        expected = f"hugo.toml:{position(config, key + ' =')}: warning: params.guidegraph.{key} "
        if not any(l.startswith(expected) and l.endswith("[bad-config-param]")
                   for l in p.stderr.splitlines()):
            fail(f"no bad-config-param warning for {key} at {expected!r}:\n{p.stderr[-2000:]}")
    with open(plain, encoding="utf-8") as a, open(bad, encoding="utf-8") as b:
        plain_text, bad_text = a.read(), b.read()
    records = len(re.findall(r"<record\b", plain_text))
    if records == 0 or len(re.findall(r"<record\b", bad_text)) != records:
        fail("catalog with ignored parameters did not write every record")
    if "XX-1" in bad_text:
        fail("the ignored marcOrgCode was written into the records")
    if shutil.which("xmllint"):
        lint = subprocess.run(["xmllint", "--noout", bad], capture_output=True, text=True)
        if lint.returncode != 0:
            fail(f"xmllint rejects the records: {lint.stderr[-1000:]}")
    print(f"config params: bad-license (list, blank) and bad-config-param reported at their "
          f"positions; {records} records still written (program {os.path.basename(PROGRAM)})")


if __name__ == "__main__":
    main()
