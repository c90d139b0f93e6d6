#!/usr/bin/python3
"""A forwarding HTTP proxy on 127.0.0.1 that breaks requests on purpose, for the load tests.

  faulty_proxy.py UPSTREAM PORTFILE MODE

It forwards every request to UPSTREAM (http://127.0.0.1:PORT) and writes the port it
listens on into PORTFILE. MODE says which request it breaks. An upload is a Graph Store PUT
or a SPARQL Update POST holding INSERT DATA; the swap is an update marked
"# guidegraph load: swap".
  drop-upload:N      every upload from the N-th on (1-based): read half of its body, then
                     close the connection without an answer (a server that dies in the
                     middle of an upload)
  drop-upload-once:N only the N-th upload, as above; the ones after it are forwarded
  drop-swap          the first swap request: read it, close without forwarding
  fail-first:N       answer the first N requests with HTTP 503 and an HTML page, then forward
  cut-count:N        the first N triple-count queries: forwarded, but answered as Virtuoso
                     answers a query its time limit cut short: HTTP 200, the header
                     X-SQL-State: S1TAT, and (here) no rows
"""
import json
import http.client
import socket
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
PORTFILE = sys.argv[2]
MODE, _, ARG = sys.argv[3].partition(":")
lock = threading.Lock()
counters = {"upload": 0, "all": 0, "swap": 0, "count": 0}
UPLOAD_MARK = b"INSERT DATA"
SWAP_MARK = b"# guidegraph load: swap"

HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "expect"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("proxy: " + (fmt % args) + "\n")

    def abort(self):
        # Close the socket with a reset so the client sees the connection break.
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        except OSError:
            pass
        self.close_connection = True
        self.connection.close()

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        # The head of the body tells an upload from other requests; the rest is read later
        # (or, for a dropped upload, only half of it).
        head = self.rfile.read(min(length, 256)) if length else b""
        with lock:
            counters["all"] += 1
            n_all = counters["all"]
            upload = length > 0 and (self.command == "PUT" or (self.command == "POST" and UPLOAD_MARK in head))
            if upload:
                counters["upload"] += 1
            n_upload = counters["upload"]
            swap = SWAP_MARK in head
            if swap:
                counters["swap"] += 1
            n_swap = counters["swap"]
            count = self.command == "POST" and head.startswith(b"query=") and b"COUNT" in head
            if count:
                counters["count"] += 1
            n_count = counters["count"]
        if upload and ((MODE == "drop-upload" and n_upload >= int(ARG)) or
                       (MODE == "drop-upload-once" and n_upload == int(ARG))):
            rest = max(0, length // 2 - len(head))
            self.rfile.read(rest)
            self.log_message("dropping upload %d (%s %s) after %d of %d bytes", n_upload, self.command,
                             self.path, len(head) + rest, length)
            self.abort()
            return
        body = head + (self.rfile.read(length - len(head)) if length > len(head) else b"")
        if MODE == "drop-swap" and swap and n_swap == 1:
            self.log_message("dropping the swap request")
            self.abort()
            return
        if MODE == "fail-first" and n_all <= int(ARG):
            page = b"<html><head><title>Busy</title></head><body><h1>503</h1><p>try later</p></body></html>"
            self.send_response(503)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        conn = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        conn.request(self.command, self.path, body=body if (length or self.command in ("PUT", "POST")) else None,
                     headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        cut = MODE == "cut-count" and count and n_count <= int(ARG) and resp.status == 200
        if cut:
            self.log_message("cutting count answer %d", n_count)
            answer = json.loads(data)
            answer["results"]["bindings"] = []
            data = json.dumps(answer).encode()
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
        if cut:
            self.send_header("X-SQL-State", "S1TAT")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.replace(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
