#!/usr/bin/env bash
# tests/run, README's test command, on a small CTest project of its own: one test that passes
# and one that skips (exit 77, "SKIPPED: <reason>"). It lists the skipped test with its reason
# and exits 0; with --no-skips, or CI=true, the same run fails, as CI must.
set -uo pipefail
source_dir=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d /tmp/gg-run-XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}

mkdir -p "$work/project" "$work/repo/tests"
cp "$source_dir/tests/run" "$work/repo/tests/run"
cat > "$work/project/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(probe NONE)
enable_testing()
add_test(NAME passes COMMAND sh -c "exit 0")
add_test(NAME needs_material COMMAND sh -c "echo 'SKIPPED: needs ../shared/example, some material'; exit 77")
set_tests_properties(needs_material PROPERTIES SKIP_RETURN_CODE 77)
CMAKE
cmake -S "$work/project" -B "$work/repo/build" > /dev/null

out=$(cd "$work/repo" && env -u CI BUILD_DIR=build tests/run 2>&1)
status=$?
check "a run with a skipped test exits 0 for a user ($status)" test "$status" -eq 0
check "the skipped test is listed with its reason" \
  grep -Eq '^  needs_material +needs \.\./shared/example, some material$' <<< "$out"
check "the passing test is not listed as skipped" bash -c '! grep -Eq "^  passes " <<< "$1"' _ "$out"

out=$(cd "$work/repo" && env -u CI BUILD_DIR=build tests/run --no-skips 2>&1)
status=$?
check "--no-skips fails a run with a skipped test ($status)" test "$status" -eq 1
check "and says why" grep -q "skipped where every test must run" <<< "$out"

out=$(cd "$work/repo" && CI=true BUILD_DIR=build tests/run 2>&1)
status=$?
check "CI=true fails a run with a skipped test ($status)" test "$status" -eq 1

out=$(cd "$work/repo" && CI=true BUILD_DIR=build tests/run -R passes 2>&1)
status=$?
check "CI=true passes a run where nothing is skipped ($status)" test "$status" -eq 0

echo "cli_run_script: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
