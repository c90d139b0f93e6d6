"""The standing rule for options: every option that `guidegraph COMMAND --help` lists is
described in the man page (doc/guidegraph.1, in that command's section or in the site or
general options) and offered by the bash completion (completion/guidegraph.bash, run in a
real bash); the completion offers no option that --help does not list; and `man --warnings`
finds nothing wrong in the man page."""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from e2e_support import SOURCE_DIR, Checks, run  # noqa: E402

MAN = os.path.join(SOURCE_DIR, "doc", "guidegraph.1")
COMPLETION = os.path.join(SOURCE_DIR, "completion", "guidegraph.bash")
OPTION = re.compile(r"(?:^|(?<=[\s,/(`]))(--?[A-Za-z][\w-]*)(?=$|[\s,=/)`])")

checks = Checks("help_docs")


def commands():
    text = run(["--help"], check=0).stdout
    block = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def help_options(command):
    """The options a command's --help lists, leaving out its examples (commands of other
    programs, such as `dot -Tsvg`)."""
    text = run([command, "--help"], check=0).stdout
    found = set()
    in_examples = False
    for line in text.splitlines():
        if line.startswith("Examples:"):
            in_examples = True
            continue
        if in_examples:
            if not line.strip():
                in_examples = False
            continue
        found.update(OPTION.findall(line))
    return found - {"-"}


def man_sections():
    """The man page as text, split into its .SS sections (name -> text)."""
    env = dict(os.environ, MANWIDTH="200")
    text = subprocess.run(["man", "-l", MAN], capture_output=True, text=True, env=env).stdout
    text = re.sub(r".\x08", "", text)  # overstrike (bold/underline) if any
    sections, name = {}, ""
    for line in text.splitlines():
        if re.match(r"^   \S", line) and not line.startswith("    "):
            name = line.strip()
        sections[name] = sections.get(name, "") + line + "\n"
    return sections


def completion_options(command):
    script = (f"source {COMPLETION}\n"
              f"COMP_WORDS=(guidegraph {command} -); COMP_CWORD=2\n"
              "_guidegraph; printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    proc = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True)
    checks.equal(proc.returncode, 0, f"the completion runs for '{command}' ({proc.stderr.strip()})")
    return set(proc.stdout.split())


warnings = subprocess.run(["man", "--warnings", "-l", MAN], capture_output=True, text=True,
                          env=dict(os.environ, MANWIDTH="80"))
checks.equal(warnings.stderr.strip(), "", "man --warnings reports nothing for doc/guidegraph.1")

sections = man_sections()
common = sections.get("Site options", "") + sections.get("General options", "")
names = commands()
checks.check(len(names) >= 7, f"guidegraph --help lists the commands ({names})")
for command in names:
    options = help_options(command) | {"-h", "--help"}
    checks.check(len(options) > 2, f"'{command} --help' lists options ({sorted(options)})")
    man_text = sections.get(command, "") + common
    checks.check(sections.get(command), f"the man page has a section for '{command}'")
    for option in sorted(options):
        checks.check(re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", man_text),
                     f"the man page describes '{command} {option}'")
    offered = completion_options(command)
    checks.equal(sorted(options - offered), [], f"options of '{command}' the completion does not offer")
    checks.equal(sorted(offered - options), [], f"options the completion offers for '{command}' that --help does not list")

# The top level: commands and general options.
script = f"source {COMPLETION}\nCOMP_WORDS=(guidegraph ''); COMP_CWORD=1\n_guidegraph; printf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
top = set(subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True).stdout.split())
checks.equal(sorted(set(names) - top), [], "commands the completion does not offer")
checks.check("--version" in top and "--version" in sections.get("General options", ""),
             "--version is completed and described")
checks.finish()
