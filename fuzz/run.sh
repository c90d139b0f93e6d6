#!/usr/bin/env bash
# Runs libFuzzer targets for a bounded time each; fails if any target crashes, leaks, hangs
# or trips a sanitizer.
# Usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]   (default: every target)
# New inputs go to BUILD_DIR/fuzz-corpus/TARGET (the seeds in fuzz/corpus/TARGET are only
# read); a crashing input is written to BUILD_DIR/fuzz-artifacts/TARGET/.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$1"
seconds="$2"
shift 2
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(fuzz_front_matter fuzz_body fuzz_page fuzz_shacl fuzz_marc)
fi
status=0
for t in "${targets[@]}"; do
  exe="$build/fuzz/$t"
  if [ ! -x "$exe" ]; then
    echo "fuzz: $exe is missing; build the target guidegraph_fuzzers" >&2
    status=1
    continue
  fi
  mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-artifacts/$t"
  echo "== $t: ${seconds}s =="
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$exe" -max_total_time="$seconds" -seed="${GUIDEGRAPH_FUZZ_SEED:-0}" \
       -runs="${GUIDEGRAPH_FUZZ_RUNS:--1}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
       -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t/" \
       "$build/fuzz-corpus/$t" "$here/corpus/$t" > "$build/fuzz-artifacts/$t.log" 2>&1; then
    echo "fuzz: $t failed; the input is in $build/fuzz-artifacts/$t/, the log follows" >&2
    tail -n 60 "$build/fuzz-artifacts/$t.log" >&2
    status=1
  else
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|DONE|cov:" \
      "$build/fuzz-artifacts/$t.log" | tail -n 3
  fi
done
exit $status
