# Sourced by the load tests: starts a private Virtuoso on 127.0.0.1 in a temporary folder
# (non-default ports, no VAD) and stops it by its PID. Needs virtuoso-opensource (Debian).
#   virtuoso_start DIR   -> sets VIRTUOSO_PID, VIRTUOSO_HTTP (http://127.0.0.1:PORT) and
#                           VIRTUOSO_SQL_PORT (for isql-vt); folders listed (comma-separated)
#                           in VIRTUOSO_DIRS_ALLOWED are added to DirsAllowed
#   virtuoso_stop        -> SIGTERM to that PID, waits for the clean shutdown
virtuoso_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

virtuoso_start() {
  local dir=$1
  local template=/etc/virtuoso-opensource-7/virtuoso.ini
  local sqlport httpport
  sqlport=$(virtuoso_free_port)
  httpport=$(virtuoso_free_port)
  mkdir -p "$dir/db"
  # Every path into the temp dir, both ports on loopback, no VAD installation at start.
  sed -e "s|/var/lib/virtuoso-opensource-7/db|$dir/db|g" \
      -e "s|/var/lib/virtuoso-opensource-7/vsp|$dir/vsp|g" \
      -e "/^\[Parameters\]/,/^\[/ s|^ServerPort *=.*|ServerPort = 127.0.0.1:$sqlport|" \
      -e "/^\[HTTPServer\]/,/^\[/ s|^ServerPort *=.*|ServerPort = 127.0.0.1:$httpport|" \
      -e '/^VADInstallDir/d' \
      -e "s|^DirsAllowed *=\(.*\)|DirsAllowed = \1${VIRTUOSO_DIRS_ALLOWED:+, $VIRTUOSO_DIRS_ALLOWED}|" \
      "$template" > "$dir/virtuoso.ini"
  mkdir -p "$dir/vsp"
  (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" > "$dir/virtuoso.out" 2>&1) &
  VIRTUOSO_PID=$!
  VIRTUOSO_HTTP="http://127.0.0.1:$httpport"
  VIRTUOSO_SQL_PORT=$sqlport
  local i
  for i in $(seq 1 150); do
    if curl -sf -o /dev/null "$VIRTUOSO_HTTP/sparql?query=ASK%7B%7D"; then return 0; fi
    if ! kill -0 "$VIRTUOSO_PID" 2>/dev/null; then
      echo "virtuoso exited during start; its log:" >&2
      tail -20 "$dir/virtuoso.out" "$dir/db/virtuoso.log" >&2 || true
      VIRTUOSO_PID=
      return 1
    fi
    sleep 0.2
  done
  echo "virtuoso did not answer on $VIRTUOSO_HTTP within 30 s" >&2
  return 1
}

virtuoso_stop() {
  if [ -n "${VIRTUOSO_PID:-}" ] && kill -0 "$VIRTUOSO_PID" 2>/dev/null; then
    kill -TERM "$VIRTUOSO_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
      kill -0 "$VIRTUOSO_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$VIRTUOSO_PID" 2>/dev/null || true
    wait "$VIRTUOSO_PID" 2>/dev/null || true
  fi
  VIRTUOSO_PID=
}
