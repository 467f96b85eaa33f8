"""A misbehaving stand-in LRS on 127.0.0.1 for `lookout sync`'s hardening tests (issue 26). Every
request is logged to LOG_FILE as one JSON line (method, path, whether it had an Authorization header).
The server stops by itself after 120 s or 200 requests, whichever comes first.

Usage: python fake_lrs.py PORT MODE LOG_FILE

Modes (what every POST /xAPI/statements gets):
  redirect    301 to /moved/xAPI/statements on the same server (which would accept anything)
  portal      200 with a captive portal's HTML page (with an escape sequence in it)
  empty       200 with [] and the xAPI version header
  truncated   200 with '[{"id":' and the xAPI version header
  noversion   200 with the right ids but no X-Experience-API-Version header (as Ralph 5.1 answers)
  badversion  200 with the right ids and X-Experience-API-Version: 0.95
  nocontent   204 with no body (and a GET of any statement answers [])
  conflict    409 to everything
  huge        200 with a 256 MiB body
  drip        200 with Content-Length 1000000, then one byte a second
  ok          200 with the batch's ids and the version header (a well-behaved LRS)
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, mode, log_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
count = [0]
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def log(self):
        with lock:
            count[0] += 1
            with open(log_file, "a", encoding="utf-8") as f:
                f.write(json.dumps({"method": self.command, "path": self.path,
                                    "auth": "Authorization" in self.headers}) + "\n")
            if count[0] >= 200:
                threading.Thread(target=self.server.shutdown, daemon=True).start()

    def send(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.log()
        self.send(200, b"[]", [("X-Experience-API-Version", "1.0.3")])

    def do_POST(self):
        self.log()
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length) if length else b""
        try:
            ids = [s.get("id") for s in json.loads(raw or b"[]")]
        except ValueError:
            ids = []
        version = [("X-Experience-API-Version", "1.0.3"), ("Content-Type", "application/json")]
        if self.path.startswith("/moved") or mode == "ok":
            return self.send(200, json.dumps(ids).encode(), version)
        if mode == "redirect":
            return self.send(301, b"moved", [("Location", "http://127.0.0.1:%d/moved/xAPI/statements" % port)])
        if mode == "portal":
            page = b"<html><head><title>Hotel Wi-Fi</title></head><body>\x1b[31mPlease log in to continue</body></html>"
            return self.send(200, page, [("Content-Type", "text/html")])
        if mode == "empty":
            return self.send(200, b"[]", version)
        if mode == "truncated":
            return self.send(200, b'[{"id":', version)
        if mode == "noversion":
            return self.send(200, json.dumps(ids).encode(), [("Content-Type", "application/json")])
        if mode == "nocontent":
            self.send_response(204)
            self.end_headers()
            return
        if mode == "badversion":
            return self.send(200, json.dumps(ids).encode(), [("X-Experience-API-Version", "0.95")])
        if mode == "conflict":
            return self.send(409, b'{"detail": "conflict"}', version)
        if mode == "huge":
            size = 256 << 20
            self.send_response(200)
            for k, v in version:
                self.send_header(k, v)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b" " * (1 << 20)
            try:
                for _ in range(256):
                    self.wfile.write(chunk)
            except OSError:
                pass
            return
        if mode == "drip":
            self.send_response(200)
            for k, v in version:
                self.send_header(k, v)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                for _ in range(120):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return
        self.send(500, b"unknown mode")


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
threading.Timer(120, server.shutdown).start()
print("ready", flush=True)
server.serve_forever()
