#!/usr/bin/env bash
# `cpack -G DEB` builds a Debian package of the program; checked without touching the system:
# its control fields (dpkg-deb -f), its files (dpkg-deb -x into a temporary folder: a stripped
# program, the compressed man page and changelog, the completion, the machine-readable
# copyright), the extracted program exporting examples/site byte-identical to the built one,
# and lintian reporting no error. (.ci/run also installs it with apt-get, runs it from PATH
# and removes it.)
set -euo pipefail
build=$1
source_dir=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d /tmp/gg-deb-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}

(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log") || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/guidegraph_*.deb)
echo "package: $(basename "$deb")"
field() { dpkg-deb -f "$deb" "$1"; }
version=$(sed -n 's/^project(guidegraph VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
check "Package is guidegraph" test "$(field Package)" = guidegraph
check "Version is $version ($(field Version))" test "$(field Version)" = "$version"
depends=$(field Depends)
echo "Depends: $depends"
for lib in libc6 libstdc++6 libserd-0-0 libsord-0-0 libyaml-cpp0.7 libcmark0.30.2 libcurl4 libmimalloc2.0; do
  check "Depends names $lib (from the shared libraries)" grep -q "$lib" <<< "$depends"
done
check "Recommends graphviz" test "$(field Recommends)" = graphviz
check "an extended description" test "$(field Description | wc -l)" -ge 5
check "a section" test -n "$(field Section)"

dpkg-deb -x "$deb" "$work/root"
bin="$work/root/usr/bin/guidegraph"
check "the program is in /usr/bin" test -x "$bin"
check "the program is stripped" test -z "$(readelf -S "$bin" | grep -E '\.(debug_info|symtab)')"
for f in usr/share/man/man1/guidegraph.1.gz usr/share/bash-completion/completions/guidegraph \
  usr/share/doc/guidegraph/copyright usr/share/doc/guidegraph/changelog.gz \
  usr/share/guidegraph/vocab/guidegraph.ttl usr/share/guidegraph/shapes/guidegraph.ttl; do
  check "the package holds /$f" test -s "$work/root/$f"
done
check "the copyright file is machine-readable (DEP-5)" \
  grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  "$work/root/usr/share/doc/guidegraph/copyright"
check "the copyright file names Apache-2.0" grep -q '^License: Apache-2.0' "$work/root/usr/share/doc/guidegraph/copyright"

"$GUIDEGRAPH" export "$source_dir/examples/site" -o "$work/built.ttl" --quiet
"$bin" export "$source_dir/examples/site" -o "$work/packaged.ttl" --quiet
check "the packaged program exports examples/site byte-identical to the built one" \
  cmp "$work/built.ttl" "$work/packaged.ttl"

lintian --tag-display-limit 0 "$deb" > "$work/lintian.txt" 2>&1 || true
cat "$work/lintian.txt"
check "lintian reports no error (E:)" test -z "$(grep '^E:' "$work/lintian.txt" || true)"

echo "cli_deb_package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
