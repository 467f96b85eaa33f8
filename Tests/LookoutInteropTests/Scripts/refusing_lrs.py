"""A minimal stand-in LRS for one test: it answers POST /xAPI/statements like an LRS that finds some
statements invalid. A batch holding any statement whose id is listed in REJECT_FILE (one id a line)
gets 400 with a message naming it; any other batch gets 200 and is appended to DATA_FILE (one
statement a line). Ralph itself accepts every statement Lookout makes, so this is how the 400 path
is tested.

With a fourth argument N, the first N POSTs get 503 (a server in trouble), to test the back-off.

Usage: python refusing_lrs.py PORT REJECT_FILE DATA_FILE [N]
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, reject_file, data_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
failures_left = [int(sys.argv[4]) if len(sys.argv) > 4 else 0]
with open(reject_file, encoding="utf-8") as f:
    rejected = {line.strip() for line in f if line.strip()}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, code, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        if self.path.rstrip("/") != "/xAPI/statements":
            return self.answer(404, {"detail": "not found"})
        if failures_left[0] > 0:
            failures_left[0] -= 1
            self.rfile.read(int(self.headers["Content-Length"]))
            return self.answer(503, {"detail": "service unavailable, try later"})
        if self.headers.get("X-Experience-API-Version") != "1.0.3":
            return self.answer(400, {"detail": "missing X-Experience-API-Version 1.0.3"})
        statements = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        bad = [s["id"] for s in statements if s.get("id") in rejected]
        if bad:
            return self.answer(400, {"detail": f"invalid statement {bad[0]}: timestamp out of range"})
        with open(data_file, "a", encoding="utf-8") as f:
            for s in statements:
                f.write(json.dumps(s) + "\n")
        self.answer(200, [s["id"] for s in statements])


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
print("ready", flush=True)
server.serve_forever()
