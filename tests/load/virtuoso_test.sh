#!/usr/bin/env bash
# Loads examples/site into a private Virtuoso (started here on 127.0.0.1, stopped by its PID
# at the end, also on failure) and checks what the endpoint holds afterwards.
#   virtuoso_test.sh integration   full load, counts, queries, --replace twice, --changed-only,
#                                  SPARQL Update only, Graph Store only, --merge, --dry-run
#   virtuoso_test.sh faults        wrong password, endpoint down, server that never answers,
#                                  connection dropped during an upload and at the swap,
#                                  HTTP 5xx retried, HTTP 404 explained
# Needs: GUIDEGRAPH (the program), PYTHON (with rdflib), virtuoso-opensource (Debian).
set -euo pipefail
what=${1:?integration or faults}
here=$(cd "$(dirname "$0")" && pwd)
src=${GUIDEGRAPH_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
prog=${GUIDEGRAPH:?set GUIDEGRAPH to the guidegraph program}
py=${PYTHON:-/usr/bin/python3}
source "$here/virtuoso_env.sh"

work=$(mktemp -d /tmp/guidegraph-load-test.XXXXXX)
proxy_pid=
blackhole_pid=
cleanup() {
  local status=$?
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
  [ -n "$blackhole_pid" ] && kill "$blackhole_pid" 2>/dev/null && wait "$blackhole_pid" 2>/dev/null
  virtuoso_stop
  if [ "$status" -ne 0 ] && [ -f "$work/vt/db/virtuoso.log" ]; then
    echo "--- last lines of the Virtuoso log:"; tail -5 "$work/vt/db/virtuoso.log"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok   $*"; }
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }

command -v virtuoso-t >/dev/null || { echo "FAIL: virtuoso-t not found; install virtuoso-opensource (.ci/setup does)"; exit 1; }
virtuoso_start "$work/vt"
echo "virtuoso $VIRTUOSO_PID at $VIRTUOSO_HTTP"
gsp="$VIRTUOSO_HTTP/sparql-graph-crud-auth"
upd="$VIRTUOSO_HTTP/sparql-auth"
qry="$VIRTUOSO_HTTP/sparql"
export GUIDEGRAPH_PASSWORD=dba  # a fresh Virtuoso database: dba/dba
export HOME="$work"             # no ~/.netrc of the user's leaks into the test
auth=(--auth digest --user dba)
ours=(https://guides.example.org/ https://w3id.org/guidegraph/vocab)

dump() { "$py" "$here/endpoint_tool.py" dump "$qry" "${ours[@]}"; }
tmp_graphs() {
  "$py" "$here/endpoint_tool.py" dump "$qry" "urn:guidegraph:" | grep -c . || true
}
export_dump() {  # SITE -> the export's quads in dump format
  "$prog" export "$1" -q -f nq -o "$work/export.nq" || true
  "$py" "$here/endpoint_tool.py" export-dump "$work/export.nq" "${ours[@]}"
}

if [ "$what" = integration ]; then
  # 1. A full load: the endpoint then holds exactly the export, graph by graph.
  export_dump "$src/examples/site" > "$work/expected.dump"
  expected_count=$(grep -c . "$work/expected.dump")
  "$prog" load "$src/examples/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" \
    --state "$work/state.json" 2> "$work/load1.err" || { cat "$work/load1.err"; fail "first load exits 0"; }
  cat "$work/load1.err"
  dump > "$work/after1.dump"
  check "endpoint holds $expected_count triples, as many as the export ($(grep -c . "$work/after1.dump"))" \
    '[ "$(grep -c . "$work/after1.dump")" -eq "$expected_count" ]'
  check "endpoint quads equal the export's quads" 'cmp -s "$work/after1.dump" "$work/expected.dump"'
  check "no temporary graphs left" '[ "$(tmp_graphs)" -eq 0 ]'
  check "state file written" '[ -s "$work/state.json" ]'

  # 2. Every example query gives its expected results from the endpoint.
  if "$py" "$here/run_queries.py" --endpoint "$qry" "$src/examples/queries"; then pass "examples/queries on Virtuoso"
  else fail "examples/queries on Virtuoso"; fi

  # 3. A second --replace load changes nothing: same count, same quads.
  "$prog" load "$src/examples/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" --replace \
    --state "$work/state.json" -q || fail "second load exits 0"
  dump > "$work/after2.dump"
  check "second --replace load leaves the count at $expected_count" '[ "$(grep -c . "$work/after2.dump")" -eq "$expected_count" ]'
  check "second --replace load leaves the same quads" 'cmp -s "$work/after2.dump" "$work/after1.dump"'

  # 4. Incremental: in a copy of the site (the state is kept per endpoint and source
  #    folder, so the copy is loaded once in full), edit one page; only its graph is sent.
  cp -r "$src/examples/site" "$work/site"
  "$prog" load "$work/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" --graph-per-page \
    --state "$work/state.json" -q || fail "load of the copy exits 0"
  dump > "$work/after2.dump"
  sed 's/known for investigative reporting and data journalism/known for investigative reporting, data journalism and \\"fact checks\\"/' \
    "$src/examples/site/content/sources/sources/kloop.md" > "$work/kloop.edited"
  grep -q 'fact checks' "$work/kloop.edited" || fail "the test could not edit kloop.md"
  cp "$work/kloop.edited" "$work/site/content/sources/sources/kloop.md"
  "$prog" load "$work/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" --graph-per-page \
    --changed-only --timings --state "$work/state.json" 2> "$work/inc.err" || fail "incremental load exits 0"
  cat "$work/inc.err"
  check "incremental load sends one graph" 'grep -q "into 1 graphs" "$work/inc.err"'
  check "--timings names each stage of the load" \
    'grep -q "timings: scan .*, group [0-9.]* s, hash [0-9.]* s, upload [0-9.]* s, count [0-9.]* s, swap [0-9.]* s, check [0-9.]* s, total" "$work/inc.err"'
  dump > "$work/after3.dump"
  export_dump "$work/site" > "$work/expected3.dump"
  check "after the incremental load the endpoint equals the edited export" 'cmp -s "$work/after3.dump" "$work/expected3.dump"'
  kloop="<https://guides.example.org/sources/sources/kloop/>"
  check "kloop's graph changed" '! cmp -s <(grep -F "$kloop " "$work/after3.dump") <(grep -F "$kloop " "$work/after2.dump")'
  check "every other graph is unchanged" \
    'cmp -s <(grep -vF "$kloop " "$work/after3.dump") <(grep -vF "$kloop " "$work/after2.dump")'
  check "the edited literal with quotes arrived" 'grep -qF "\\\"fact checks\\\"" "$work/after3.dump"'

  # 5. A page that disappears: its graph is dropped; the guide that linked it is re-sent.
  rm "$work/site/content/sources/sources/labrys.md"
  set +e
  "$prog" load "$work/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" --graph-per-page -q \
    --changed-only --state "$work/state.json"; rc=$?
  set -e
  check "a site with errors (a broken link) is not loaded without --allow-errors (exit $rc)" '[ "$rc" -eq 1 ]'
  dump > "$work/after3b.dump"
  check "nothing changed" 'cmp -s "$work/after3b.dump" "$work/after3.dump"'
  "$prog" load "$work/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" --graph-per-page --allow-errors \
    --changed-only --state "$work/state.json" 2> "$work/drop.err" && rc=0 || rc=$?
  cat "$work/drop.err"
  check "load after removing a page exits 0 or 1 (broken link reported), was $rc" '[ "$rc" -le 1 ]'
  check "one graph dropped" 'grep -q "1 dropped" "$work/drop.err"'
  dump > "$work/after4.dump"
  export_dump "$work/site" > "$work/expected4.dump"
  check "after the drop the endpoint equals the export" 'cmp -s "$work/after4.dump" "$work/expected4.dump"'
  check "labrys graph is gone" '! grep -qF "<https://guides.example.org/sources/sources/labrys/> " "$work/after4.dump"'

  # 6. SPARQL Update only (INSERT DATA in small batches), then Graph Store only (PUT swap,
  #    counts by download): literals with quotes, backslashes, newlines, tabs, non-ASCII,
  #    language tags and datatypes arrive unchanged.
  cat > "$work/tricky.nt" <<'NT'
<https://test.example/s> <https://test.example/p> "quote \" backslash \\ newline \n tab \t end" .
<https://test.example/s> <https://test.example/p> "Клооп – Oʻzbekiston ☃" .
<https://test.example/s> <https://test.example/p> "\"\"\"triple\"\"\" and \\\"" .
<https://test.example/s> <https://test.example/p> "kk text"@kk .
<https://test.example/s> <https://test.example/p> "2024-01-15"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://test.example/s> <https://test.example/p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://test.example/s> <https://test.example/q> <https://test.example/o%20with%20space> .
<https://test.example/s> <https://test.example/q> "curly {braces} and # hash and <angle>" .
NT
  tricky_check() {  # GRAPH-IRI LABEL
    "$py" - "$qry" "$1" "$work/tricky.nt" <<'PY' && pass "$2" || fail "$2"
import sys, urllib.parse, urllib.request, rdflib
from rdflib.compare import isomorphic
url, graph, nt = sys.argv[1:]
q = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { ?s ?p ?o } }" % graph
req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": q}).encode(), headers={"Accept": "text/turtle"})
got = rdflib.Graph(); got.parse(data=urllib.request.urlopen(req).read().decode(), format="turtle")
want = rdflib.Graph(); want.parse(nt, format="nt")
if not isomorphic(got, want):
    print("got:", sorted(got.serialize(format="nt").splitlines())); sys.exit(1)
PY
  }
  "$prog" load "$work/tricky.nt" --graph https://test.example/update-only --update-endpoint "$upd" "${auth[@]}" \
    --batch-size 3 || fail "update-only load exits 0"
  tricky_check https://test.example/update-only "INSERT DATA batches keep every literal exactly"
  "$prog" load "$work/tricky.nt" --graph https://test.example/gsp-only --endpoint "$gsp" "${auth[@]}" --send-format ttl \
    || fail "graph-store-only load exits 0"
  tricky_check https://test.example/gsp-only "Graph Store PUT (Turtle) keeps every literal exactly"
  check "no temporary graphs left" '[ "$(tmp_graphs)" -eq 0 ]'

  # 7. --merge adds to a graph; --replace replaces it.
  head -3 "$work/tricky.nt" > "$work/a.nt"; tail -3 "$work/tricky.nt" > "$work/b.nt"
  count_graph() {
    curl -sf -H 'Accept: text/csv' --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$1> { ?s ?p ?o } }" "$qry" | tail -1
  }
  "$prog" load "$work/a.nt" --graph https://test.example/merge --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" -q
  "$prog" load "$work/b.nt" --graph https://test.example/merge --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" --merge -q
  check "--merge adds: 3 + 3 = $(count_graph https://test.example/merge)" '[ "$(count_graph https://test.example/merge)" -eq 6 ]'
  "$prog" load "$work/b.nt" --graph https://test.example/merge --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" --merge -q
  check "--merge of the same triples again adds nothing" '[ "$(count_graph https://test.example/merge)" -eq 6 ]'
  "$prog" load "$work/b.nt" --graph https://test.example/merge --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" -q
  check "--replace leaves only the new 3" '[ "$(count_graph https://test.example/merge)" -eq 3 ]'

  # 8. --dry-run contacts no server.
  "$prog" load "$work/site" --endpoint http://127.0.0.1:9/none "${auth[@]}" --dry-run --state "$work/state.json" \
    > "$work/dry.out" && rc=0 || rc=$?
  check "--dry-run lists graphs and sends nothing (exit $rc: the copy has a broken link)" \
    '[ "$rc" -eq 1 ] && grep -q "nothing was sent" "$work/dry.out" && grep -q "^replace <" "$work/dry.out"'
fi

if [ "$what" = faults ]; then
  "$prog" load "$src/examples/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" -q \
    --state "$work/state.json" || fail "baseline load exits 0"
  dump > "$work/base.dump"
  base_count=$(grep -c . "$work/base.dump")
  check "baseline holds triples ($base_count)" '[ "$base_count" -gt 1000 ]'
  cp -r "$src/examples/site" "$work/site"
  sed -i 's/^title = "Kloop"/title = "Kloop (edited)"/' "$work/site/content/sources/sources/kloop.md"
  unchanged() {  # LABEL
    dump > "$work/now.dump"
    check "$1: old graphs intact" 'cmp -s "$work/now.dump" "$work/base.dump"'
    check "$1: no temporary graphs left" '[ "$(tmp_graphs)" -eq 0 ]'
  }

  # Wrong password: clear message, non-zero exit, nothing changed, password never printed.
  set +e
  GUIDEGRAPH_PASSWORD=not-the-password-4711 "$prog" load "$work/site" --endpoint "$gsp" --update-endpoint "$upd" \
    "${auth[@]}" --state "$work/state.json" > "$work/pw.out" 2>&1; rc=$?
  set -e
  cat "$work/pw.out"
  check "wrong password exits 2 (was $rc)" '[ "$rc" -eq 2 ]'
  check "wrong password: message names HTTP 401 and the credentials" 'grep -q "HTTP 401 Unauthorized: the server did not accept the credentials" "$work/pw.out"'
  check "wrong password: message says nothing changed" 'grep -q "Nothing was changed" "$work/pw.out"'
  check "the password is never printed" '! grep -q "not-the-password-4711" "$work/pw.out"'
  unchanged "wrong password"

  # A password on the command line is refused.
  set +e; "$prog" load "$work/site" --endpoint "$gsp" --password dba > "$work/cl.out" 2>&1; rc=$?; set -e
  check "--password is refused (exit $rc)" '[ "$rc" -eq 2 ] && grep -q "GUIDEGRAPH_PASSWORD" "$work/cl.out"'

  # A netrc file: without GUIDEGRAPH_PASSWORD the password comes from the entry for the
  # host, with or without --user; a wrong one is an HTTP 401; a --user the file has no
  # entry for is refused before anything is sent (its password is not sent for another
  # login).
  printf '<https://test.example/s> <https://test.example/p> "netrc" .\n' > "$work/netrc-one.nt"
  printf 'machine other.example login x password nope\nmachine 127.0.0.1\n  login dba\n  password dba\n' > "$work/netrc"
  printf 'machine 127.0.0.1 login dba password wrong-4712\n' > "$work/netrc-wrong"
  netrc_load() {  # NETRC ARGS...
    local file=$1; shift
    env -u GUIDEGRAPH_PASSWORD "$prog" load "$work/netrc-one.nt" --graph https://test.example/netrc \
      --endpoint "$gsp" --update-endpoint "$upd" --auth digest --netrc-file "$file" "$@" > "$work/netrc.out" 2>&1
  }
  set +e; netrc_load "$work/netrc"; rc=$?; set -e
  check "netrc: loaded with the host's login (exit $rc)" '[ "$rc" -eq 0 ]'
  set +e; netrc_load "$work/netrc" --user dba; rc=$?; set -e
  check "netrc: loaded with --user dba (exit $rc)" '[ "$rc" -eq 0 ]'
  set +e; netrc_load "$work/netrc-wrong" --user dba; rc=$?; set -e
  check "netrc: a wrong password is refused (exit $rc)" '[ "$rc" -eq 2 ] && grep -q "HTTP 401" "$work/netrc.out"'
  check "netrc: the password is never printed" '! grep -q "wrong-4712" "$work/netrc.out"'
  set +e; netrc_load "$work/netrc" --user someone-else; rc=$?; set -e
  check "netrc: a login the file does not have is refused (exit $rc)" '[ "$rc" -eq 2 ] && grep -q "no password for user .someone-else." "$work/netrc.out"'
  curl -sf --digest -u dba:dba -H "Content-Type: application/sparql-update" \
    --data-binary "DROP SILENT GRAPH <https://test.example/netrc>" "$upd" > /dev/null

  # Endpoint down: nothing listens on the port; the error comes within --timeout (a one-triple
  # file, so that the time measured is the network's, not the reading of a site).
  printf '<https://test.example/s> <https://test.example/p> "o" .\n' > "$work/one.nt"
  down_port=$(virtuoso_free_port)
  start=$(date +%s%N)
  set +e
  "$prog" load "$work/one.nt" --graph https://test.example/one \
    --endpoint "http://127.0.0.1:$down_port/sparql-graph-crud-auth" "${auth[@]}" \
    --timeout 3 > "$work/down.out" 2>&1; rc=$?
  set -e
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  cat "$work/down.out"
  check "endpoint down exits 2 (was $rc)" '[ "$rc" -eq 2 ]'
  check "endpoint down: clear message" 'grep -q "Could not connect\|Failed to connect\|Couldn.t connect" "$work/down.out"'
  check "endpoint down: error within the 3 s timeout (took ${elapsed} ms)" '[ "$elapsed" -lt 3000 ]'
  start=$(date +%s%N)
  set +e
  "$prog" load "$work/one.nt" --graph https://test.example/one \
    --update-endpoint "http://127.0.0.1:$down_port/sparql-auth" "${auth[@]}" \
    --timeout 3 > "$work/down2.out" 2>&1; rc=$?
  set -e
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  cat "$work/down2.out"
  check "update endpoint down: exit 2 (was $rc), said at once, nothing changed, within 3 s (took ${elapsed} ms)" \
    '[ "$rc" -eq 2 ] && grep -q "the store cannot be reached" "$work/down2.out" && grep -q "Nothing was changed" "$work/down2.out" && [ "$elapsed" -lt 3000 ]'

  # A server that accepts connections but never answers: the timeout ends the wait.
  "$py" -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
time.sleep(120)' "$work/blackhole.port" &
  blackhole_pid=$!
  for _ in $(seq 50); do [ -s "$work/blackhole.port" ] && break; sleep 0.1; done
  start=$(date +%s%N)
  set +e
  "$prog" load "$work/one.nt" --graph https://test.example/one \
    --endpoint "http://127.0.0.1:$(cat "$work/blackhole.port")/gsp" "${auth[@]}" \
    --timeout 2 > "$work/hole.out" 2>&1; rc=$?
  set -e
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  cat "$work/hole.out"
  check "silent server: exit 2 (was $rc) within the 2 s timeout (took ${elapsed} ms)" \
    '[ "$rc" -eq 2 ] && [ "$elapsed" -lt 3000 ] && grep -qi "timed out\|timeout" "$work/hole.out"'
  kill "$blackhole_pid"; wait "$blackhole_pid" 2>/dev/null || true; blackhole_pid=

  # Through a proxy that breaks one request on purpose.
  with_proxy() {  # MODE LABEL EXPECTED-EXIT -- load through a faulty proxy
    rm -f "$work/proxy.port"
    "$py" "$here/faulty_proxy.py" "$VIRTUOSO_HTTP" "$work/proxy.port" "$1" 2> "$work/proxy.log" &
    proxy_pid=$!
    for _ in $(seq 50); do [ -s "$work/proxy.port" ] && break; sleep 0.1; done
    local p="http://127.0.0.1:$(cat "$work/proxy.port")"
    local q="$qry"
    if [ -n "${COUNTS_VIA_PROXY:-}" ]; then q="$p/sparql"; fi
    set +e
    # Small batches, so that the site (about 1,450 triples in 85 graphs) takes several uploads.
    "$prog" load "$work/site" --endpoint "$p/sparql-graph-crud-auth" --update-endpoint "$p/sparql-auth" \
      --query-endpoint "$q" "${auth[@]}" --timeout 10 --retries "${RETRIES:-0}" --state "$work/state.json" \
      --batch-size 100 --jobs "$jobs" ${UPLOAD:+--upload "$UPLOAD"} > "$work/proxy.out" 2>&1
    rc=$?
    set -e
    kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=
    cat "$work/proxy.out"; grep "dropping" "$work/proxy.log" || true
    want=$3
    check "$2 (--jobs $jobs${UPLOAD:+, --upload $UPLOAD}): exit $want (was $rc)" '[ "$rc" -eq "$want" ]'
  }
  for jobs in 1 2; do
  for UPLOAD in update graph-store; do
  with_proxy drop-upload:5 "connection dropped in the middle of an upload" 2
  check "dropped upload: message says the connection broke and nothing changed" \
    'grep -q "connection broke while sending\|Send failure\|Recv failure\|Empty reply" "$work/proxy.out" && grep -q "Nothing was changed" "$work/proxy.out"'
  check "dropped upload: the proxy did drop an upload" 'grep -q "dropping upload 5" "$work/proxy.log"'
  unchanged "dropped upload"
  RETRIES=3 with_proxy drop-upload-once:5 "dropped upload with retries: the upload is sent again and the load succeeds" 0
  # Back to the baseline for the next check.
  "$prog" load "$src/examples/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" -q --state "$work/state.json"
  unchanged "reloaded baseline"
  done
  UPLOAD=
  with_proxy drop-swap "connection dropped at the swap" 2
  check "dropped swap: message says the swap got no answer" 'grep -q "swap request got no answer" "$work/proxy.out"'
  check "dropped swap: the proxy did drop the swap" 'grep -q "dropping the swap request" "$work/proxy.log"'
  dump > "$work/now.dump"
  check "dropped swap: old graphs intact" 'cmp -s "$work/now.dump" "$work/base.dump"'
  # The temporary graphs of the unanswered request are kept (the server might still be
  # swapping them) and named; the ones after it are dropped.
  grep -o "drop them once the store is idle: .*" "$work/proxy.out" | grep -o "<urn:guidegraph:load:[^>]*>" \
    | tr -d '<>' | sort > "$work/named.tmp" || true
  "$py" "$here/endpoint_tool.py" dump "$qry" "urn:guidegraph:" | cut -d' ' -f1 | tr -d '<>' | sort -u > "$work/left.tmp"
  check "dropped swap: the temporary graphs left are exactly the ones named ($(grep -c . "$work/left.tmp"))" \
    '[ -s "$work/left.tmp" ] && cmp -s "$work/named.tmp" "$work/left.tmp"'
  while read -r g; do
    curl -sf --digest -u dba:dba -H "Content-Type: application/sparql-update" --data-binary "DROP SILENT GRAPH <$g>" "$upd" > /dev/null
  done < "$work/named.tmp"
  unchanged "dropped swap, after dropping the named graphs"
  done
  jobs=2
  RETRIES=3 with_proxy fail-first:2 "HTTP 503 twice, then retried with backoff" 0
  "$prog" load "$src/examples/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" -q --state "$work/state.json"

  # A count cut short by the store's time limit (Virtuoso: HTTP 200, part of the rows,
  # X-SQL-State: S1TAT) is asked again; cut short every time, the load stops before the swap.
  COUNTS_VIA_PROXY=1 RETRIES=3 with_proxy cut-count:1 "a count cut short is asked again" 0
  check "cut count: the proxy did cut a count answer" 'grep -q "cutting count answer 1" "$work/proxy.log"'
  "$prog" load "$src/examples/site" --endpoint "$gsp" --update-endpoint "$upd" "${auth[@]}" -q --state "$work/state.json"
  unchanged "reloaded baseline after the cut count"
  COUNTS_VIA_PROXY=1 RETRIES=1 with_proxy cut-count:1000 "counts cut short every time" 2
  check "cut counts: the message names the incomplete answer, and nothing changed" \
    'grep -q "incomplete results (X-SQL-State S1TAT" "$work/proxy.out" && grep -q "Nothing was changed" "$work/proxy.out"'
  unchanged "counts cut short"

  # Wrong endpoint path: explained (Virtuoso answers a PUT there with 501).
  set +e
  "$prog" load "$work/site" --endpoint "$VIRTUOSO_HTTP/no-such-service" "${auth[@]}" --state "$work/state.json" \
    > "$work/404.out" 2>&1; rc=$?
  set -e
  cat "$work/404.out"
  check "wrong path: exit 2 and the path is explained" '[ "$rc" -eq 2 ] && grep -q "HTTP 50\?[14].*check the endpoint path" "$work/404.out"'
  check "wrong path: not retried, no cleanup noise" '! grep -q "attempts\|drop them" "$work/404.out"'
  unchanged "wrong path"
fi

echo "$failures failures"
[ "$failures" -eq 0 ]
