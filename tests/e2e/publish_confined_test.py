"""`guidegraph publish` never writes outside the folder it publishes into.

A copy of examples/site gets two pages whose `url:` climbs out with "../" (plain and
percent-encoded); and the folder published into holds a symbolic link that leads out.
The plain "../" is resolved inside the site when the permalink is made; the encoded one
and the pages behind the symbolic link are reported as file: error: ...
[publish-path-outside] (exit 1), the rest published, and nothing written outside.
"""
import os
import shutil
import subprocess
import tempfile

from e2e_support import PROGRAM, SITE as SOURCE, Checks  # noqa: E402

checks = Checks("publish_confined")
check = checks.check


def files_under(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


with tempfile.TemporaryDirectory() as tmp:
    site = os.path.join(tmp, "site")
    shutil.copytree(SOURCE, site, ignore=shutil.ignore_patterns("public", "resources", "static"))
    sources = os.path.join(site, "content", "sources", "sources")
    with open(os.path.join(sources, "climb.md"), "w") as f:
        f.write('---\ntitle: "Climb"\nurl: "/../../outside/"\n---\nText.\n')
    with open(os.path.join(sources, "climb_encoded.md"), "w") as f:
        f.write('---\ntitle: "Climb encoded"\nurl: "/a/%2e%2e/%2E%2E/%2e%2e/outside2/"\n---\nText.\n')
    elsewhere = os.path.join(tmp, "elsewhere")
    os.makedirs(elsewhere)
    into = os.path.join(tmp, "deep", "er", "out")
    os.makedirs(into)
    os.symlink(elsewhere, os.path.join(into, "tags"))  # the site has pages under /tags/
    before = files_under(tmp)

    proc = subprocess.run([PROGRAM, "publish", site, "--into", into], capture_output=True, text=True)
    print(proc.stderr)
    check(proc.returncode == 1, f"exit code {proc.returncode}, expected 1 (input errors)")
    # A plain "../" in `url:` is resolved when the permalink is made (the page lands at
    # /outside/, inside the site); a percent-encoded one is refused when publishing.
    check(os.path.isfile(os.path.join(into, "outside", "index.ttl")), "climb.md was not published at /outside/")
    check("content/sources/sources/climb_encoded.md: error: " in proc.stderr and "[publish-path-outside]" in proc.stderr,
          "no publish-path-outside error for climb_encoded.md")
    check("a symbolic link leads out" in proc.stderr, "the symbolic link out of the folder was not reported")
    check(not os.listdir(elsewhere), f"files were written through the symbolic link: {os.listdir(elsewhere)}")
    outside = [f for f in files_under(tmp) if f not in before and not f.startswith(os.path.join("deep", "er", "out"))]
    check(not outside, f"files written outside the folder: {outside[:5]}")
    check(os.path.isfile(os.path.join(into, "guides", "kazakhstan", "index.jsonld")), "the rest was not published")
    check(os.path.isfile(os.path.join(into, "void.ttl")), "void.ttl was not written")

checks.finish()
print("nothing written outside the folder")
