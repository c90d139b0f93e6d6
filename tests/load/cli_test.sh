#!/usr/bin/env bash
# The load command's command line, without any server: bad option combinations are refused
# with exit 2 and a message that says what to do; --dry-run plans the load and sends nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
work=$(mktemp -d /tmp/guidegraph-load-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME="$work"
unset GUIDEGRAPH_PASSWORD
failures=0
expect() {  # EXIT PATTERN ARGS...: runs `guidegraph load ARGS`, checks exit code and stderr
  local want=$1 pattern=$2; shift 2
  local rc=0
  "$GUIDEGRAPH" load "$@" > "$work/out" 2> "$work/err" || rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -q -- "$pattern" "$work/err" "$work/out"; then
    echo "FAIL: load $* -> exit $rc (want $want), output:"; cat "$work/err" "$work/out"
    failures=$((failures + 1))
  else
    echo "ok   load $* -> $want, '$pattern'"
  fi
}
site="$src/examples/site"
gsp=http://127.0.0.1:9/sparql-graph-crud-auth
printf '<https://s> <https://p> "o" .\n' > "$work/one.nt"
printf 'not rdf <' > "$work/bad.nt"

expect 2 "give --endpoint URL" "$site"
expect 2 "give a site folder or an RDF file" --endpoint "$gsp"
expect 2 "either --graph IRI or --graph-per-page" "$site" --endpoint "$gsp" --graph https://g/ --graph-per-page
expect 2 "use it with --graph-per-page" "$site" --endpoint "$gsp" --graph https://g/ --changed-only
expect 2 "cannot be combined with --merge" "$site" --endpoint "$gsp" --changed-only --merge
expect 2 "passwords are not taken on the command line" "$site" --endpoint "$gsp" --password x
expect 2 "no password for user 'dba'" "$site" --endpoint "$gsp" --user dba
GUIDEGRAPH_PASSWORD=x expect 2 "give the --user it belongs to" "$site" --endpoint "$gsp"
expect 2 "needs an http:// or https:// URL" "$site" --endpoint ftp://x/
expect 2 "--timeout needs a number of seconds" "$site" --endpoint "$gsp" --timeout 0
expect 2 "--auth needs basic, digest or any" "$site" --endpoint "$gsp" --auth ntlm
expect 2 "--jobs needs a number of connections from 1 to 64" "$site" --endpoint "$gsp" --jobs 0
expect 2 "--upload needs update or graph-store" "$site" --endpoint "$gsp" --upload ftp
expect 2 "--upload update needs --update-endpoint URL" "$site" --endpoint "$gsp" --upload update
expect 2 "--upload graph-store needs --endpoint URL" "$site" --update-endpoint "$gsp" --upload graph-store
expect 2 "has no named graphs: give --graph IRI" "$work/one.nt" --endpoint "$gsp"
expect 2 "is not valid RDF; nothing was loaded" "$work/bad.nt" --endpoint "$gsp" --graph https://g/
expect 2 "no such site folder or RDF file" "$work/missing" --endpoint "$gsp"

# netrc: the login for the host is used; --dry-run sends nothing.
printf 'machine 127.0.0.1 login dba password from-netrc\n' > "$work/.netrc"
expect 0 "nothing was sent" "$site" --endpoint "$gsp" --dry-run --state "$work/state.json"
grep -q '^replace <https://guides.example.org/guides/kazakhstan/> ' "$work/out" || { echo "FAIL: dry run lists no guide"; failures=$((failures + 1)); }
grep -q '^replace <https://w3id.org/guidegraph/vocab> ' "$work/out" || { echo "FAIL: dry run lists no vocabulary graph"; failures=$((failures + 1)); }
! grep -rq "from-netrc" "$work/out" "$work/err" || { echo "FAIL: password printed"; failures=$((failures + 1)); }
[ ! -e "$work/state.json" ] || { echo "FAIL: --dry-run wrote the state file"; failures=$((failures + 1)); }
expect 0 "would send 1 triples in 1 graphs" "$work/one.nt" --endpoint "$gsp" --graph https://g/ --dry-run
# --timings: the stages on standard error, the plan on standard output unchanged.
"$GUIDEGRAPH" load "$site" --endpoint "$gsp" --dry-run --state "$work/state.json" > "$work/plain.out" 2> /dev/null
expect 0 "timings: scan [0-9.]* s, parse [0-9.]* s, merge [0-9.]* s, rdf view [0-9.]* s, group [0-9.]* s, hash [0-9.]* s, total" \
  "$site" --endpoint "$gsp" --dry-run --timings --state "$work/state.json"
cmp -s "$work/out" "$work/plain.out" || { echo "FAIL: --timings changed the dry run's output"; failures=$((failures + 1)); }
expect 0 "timings: read [0-9.]* s, group [0-9.]* s, hash [0-9.]* s, total" "$work/one.nt" --endpoint "$gsp" --graph https://g/ --dry-run --timings
echo "$failures failures"
[ "$failures" -eq 0 ]
