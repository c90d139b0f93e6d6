"""Helpers shared by the end-to-end tests: where things are, running the program, copies
of the example site in temporary folders. Every check uses tools other than guidegraph
(hugo, serdi, rdflib) to judge guidegraph's output."""

import os
import shutil
import subprocess
import sys
import tempfile

SOURCE_DIR = os.environ.get("GUIDEGRAPH_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
SHARED_DIR = os.environ.get("GUIDEGRAPH_SHARED_DIR", os.path.join(SOURCE_DIR, "..", "shared"))
PROGRAM = os.environ.get("GUIDEGRAPH", os.path.join(SOURCE_DIR, "build", "guidegraph"))
SITE = os.path.join(SOURCE_DIR, "examples", "site")
GG = "https://w3id.org/guidegraph/vocab#"


def run(args, check=None, **kwargs):
    """Runs guidegraph with args; returns the CompletedProcess (text mode)."""
    proc = subprocess.run([PROGRAM] + list(args), capture_output=True, text=True, **kwargs)
    if check is not None and proc.returncode != check:
        fail(f"guidegraph {' '.join(args)} exited {proc.returncode}, expected {check}\n"
             f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}")
    return proc


def export(site, out, *extra, check=0):
    return run(["export", site, "-o", out, "--quiet", *extra], check=check)


def temp_dir(prefix):
    return tempfile.mkdtemp(prefix=f"gg-{prefix}-")


def copy_site(prefix, source=SITE):
    """A copy of the example site (without build leftovers) in a new temporary folder."""
    dest = os.path.join(temp_dir(prefix), "site")
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("public", "resources", ".hugo_build.lock"))
    return dest


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def load_graph(path, fmt="turtle"):
    import rdflib
    rdflib.NORMALIZE_LITERALS = False
    g = rdflib.Graph()
    g.parse(path, format=fmt)
    return g


class Checks:
    """Counts checks and prints the closing line CTest logs show."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {message}", flush=True)

    def equal(self, actual, expected, message):
        self.check(actual == expected, f"{message}: expected {expected!r}, got {actual!r}")

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed or not self.passed else 0)


SKIP_CODE = 77  # CTest reports a test that exits with this code as skipped (SKIP_RETURN_CODE)


def skip(reason):
    """Ends the test as skipped, with its reason on the line that tests/run lists."""
    print(f"SKIPPED: {reason}", flush=True)
    sys.exit(SKIP_CODE)


def skip_unless_shared(relative, what):
    """Skips the test unless ../shared/<relative> (material CI has beside its clone) exists;
    returns its path."""
    path = os.path.join(SHARED_DIR, relative)
    if not os.path.exists(path):
        skip(f"needs ../shared/{relative}, {what}")
    return path


def node_major():
    """The major version of the `node` on PATH, or 0 when there is none."""
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        return 0
    proc = subprocess.run([node, "--version"], capture_output=True, text=True)
    try:
        return int(proc.stdout.strip().lstrip("v").split(".")[0])
    except ValueError:
        return 0


def skip_unless_npm_checkers(package):
    """Skips the test unless Node >= 20 with npm is present (the locked checkers need it);
    fails when Node is there but `npm ci --prefix tests/npm` was not run."""
    if node_major() < 20:
        skip(f"needs Node >= 20 with npm for the npm checker {package} "
             "(Debian 12's nodejs is 18; `.ci/setup --test` installs the checkers where Node 20 is present)")
    path = os.path.join(SOURCE_DIR, "tests", "npm", "node_modules", package)
    if not os.path.exists(path):
        fail(f"{package} is not installed in tests/npm: run `npm ci --prefix tests/npm`")


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)
