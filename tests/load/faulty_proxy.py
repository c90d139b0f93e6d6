#!/usr/bin/python3
"""A forwarding HTTP proxy on 127.0.0.1 that breaks requests on purpose, for the load tests.

  faulty_proxy.py UPSTREAM PORTFILE MODE

It forwards every request to UPSTREAM (http://127.0.0.1:PORT) and writes the port it
listens on into PORTFILE. MODE says which request it breaks:
  drop-put:N      every PUT from the N-th on (1-based): read half of its body, then close the
                  connection without an answer (a server that dies in the middle of an upload)
  drop-put-once:N only the N-th PUT, as above; the ones after it are forwarded
  drop-move       an update whose body contains MOVE: read it, close without forwarding
  fail-first:N    answer the first N requests with HTTP 503 and an HTML page, then forward
"""
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
counters = {"put": 0, "all": 0}

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
        with lock:
            counters["all"] += 1
            n_all = counters["all"]
            if self.command == "PUT":
                counters["put"] += 1
            n_put = counters["put"]
        if (self.command == "PUT" and length > 0 and
                ((MODE == "drop-put" and n_put >= int(ARG)) or (MODE == "drop-put-once" and n_put == int(ARG)))):
            self.rfile.read(max(1, length // 2))
            self.log_message("dropping PUT %s after %d of %d bytes", self.path, length // 2, length)
            self.abort()
            return
        body = self.rfile.read(length) if length else b""
        if MODE == "drop-move" and b"MOVE" in body:
            self.log_message("dropping the MOVE request")
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
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
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
