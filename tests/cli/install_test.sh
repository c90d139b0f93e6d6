#!/usr/bin/env bash
# `cmake --install BUILD --prefix STAGE` installs the program, the man page, the bash
# completion and the data files; the installed program, run from another folder with a
# bare environment, exports examples/site byte-identical to the built one; --version names
# the plain version and the git commit. (CI also deletes the build folder before running the
# installed program: .ci/run.)
set -euo pipefail
build=$1
source_dir=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d /tmp/gg-install-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}

cmake --install "$build" --prefix "$work/stage" > "$work/install.log"
for f in bin/guidegraph share/man/man1/guidegraph.1 share/bash-completion/completions/guidegraph \
  share/guidegraph/vocab/guidegraph.ttl share/guidegraph/vocab/countries.ttl \
  share/guidegraph/vocab/context.jsonld share/guidegraph/shapes/guidegraph.ttl \
  share/doc/guidegraph/copyright share/doc/guidegraph/README.md; do
  check "installed $f" test -s "$work/stage/$f"
done
check "the installed program is executable" test -x "$work/stage/bin/guidegraph"
check "the installed man page has no warnings" \
  test -z "$(MANWIDTH=80 man --warnings -l "$work/stage/share/man/man1/guidegraph.1" 2>&1 > /dev/null)"

"$GUIDEGRAPH" export "$source_dir/examples/site" -o "$work/built.ttl" --quiet
mkdir "$work/elsewhere"
cp -r "$source_dir/examples/site" "$work/site"
(cd "$work/elsewhere" && env -i PATH=/usr/bin:/bin "$work/stage/bin/guidegraph" export ../site -o installed.ttl --quiet)
check "the installed program exports examples/site byte-identical to the built one" \
  cmp "$work/built.ttl" "$work/elsewhere/installed.ttl"

version=$("$work/stage/bin/guidegraph" --version)
project_version=$(sed -n 's/^project(guidegraph VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
if git -C "$source_dir" rev-parse HEAD > /dev/null 2>&1; then
  commit=$(git -C "$source_dir" rev-parse --short=12 HEAD)
  check "--version names the version and the commit ($version)" \
    grep -Eq "^guidegraph $project_version \(git commit $commit(-modified)?\)$" <<< "$version"
else
  check "--version says it was built outside git ($version)" \
    grep -q "^guidegraph $project_version (built outside a git work tree)$" <<< "$version"
fi
# Reports keep the plain version, so that they do not change with every commit.
"$work/stage/bin/guidegraph" validate "$work/site" -f sarif -o "$work/report.sarif" --quiet || true
check "SARIF's semanticVersion is the plain version" \
  grep -q "\"semanticVersion\": *\"$project_version\"" "$work/report.sarif"

echo "cli_install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
