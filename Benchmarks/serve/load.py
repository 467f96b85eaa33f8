"""PHONES learners at once against `lookout serve` on loopback, each on its own connection, with plain forms.

usage: load.py PORT PHONES LESSON TRACK STORE_FILE SERVER_PID
Bounded: every request has a 15 s timeout, every phone at most 400 requests.
"""
import http.client
import os
import random
import re
import sqlite3
import sys
import threading
import time
import urllib.parse

port, phones, lesson, track, store, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
# THINK_MS: each phone waits a random 0..THINK_MS ms before each form it sends (a person reading); 0: none.
think = int(os.environ.get("THINK_MS", "0"))
times = []
submitted = [0]
errors = []
lock = threading.Lock()
start_gate = threading.Barrier(phones)


class Phone:
    def __init__(self, n):
        self.n = n
        self.cookie = None
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        self.page = ""
        self.requests = 0

    def request(self, method, path, fields=None):
        self.requests += 1
        if self.requests > 400:
            raise RuntimeError("more than 400 requests")
        headers = {}
        body = None
        if self.cookie:
            headers["Cookie"] = "lookout_session=" + self.cookie
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        t0 = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8")
        elapsed = (time.perf_counter() - t0) * 1000
        with lock:
            times.append(elapsed)
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("lookout_session="):
                self.cookie = value.split(";")[0].split("=", 1)[1] or None
        if response.status == 303:
            return self.request("GET", response.headers["Location"])
        self.status = response.status
        self.page = text
        return text

    def hidden(self, name, after=None):
        text = self.page
        if after and after in text:
            text = text[text.index(after):]
        m = re.search(r'name="%s" value="([^"]*)"' % name, text)
        return m.group(1).replace("&amp;", "&") if m else ""

    def post(self, action, fields=()):
        if think:
            time.sleep(random.uniform(0, think) / 1000.0)
        data = [("csrf", self.hidden("csrf")), ("rev", self.hidden("rev")), ("do", action)] + list(fields)
        return self.request("POST", "/act", data)

    def has(self, action):
        return 'name="do" value="%s"' % action in self.page

    def run(self):
        start_gate.wait()
        self.request("GET", "/")
        self.post("create", [("name", "Phone %02d" % self.n), ("pin", "")])
        self.request("GET", "/track/" + track)
        self.post("start", [("lesson", lesson), ("track", track)])
        for _ in range(300):
            if self.has("continue"):
                self.post("continue", [("scene", self.hidden("scene"))])
            elif self.has("submit"):
                opts = re.findall(r'<input type="(checkbox|radio)" name="opt" id="[^"]*" value="([^"]*)"', self.page)
                chosen = [opts[0]] if opts and opts[0][0] == "radio" else opts[::2]
                marker = 'value="submit"'
                self.post("submit", [("scene", self.hidden("scene", marker)), ("q", self.hidden("q", marker))] + [("opt", v) for _, v in chosen])
                if self.status == 200:
                    with lock:
                        submitted[0] += 1
                else:
                    raise RuntimeError("submit refused: %d" % self.status)
            elif self.has("next"):
                marker = 'value="next"'
                self.post("next", [("scene", self.hidden("scene", marker)), ("q", self.hidden("q", marker))])
            elif self.has("close"):
                self.post("close")
                return
            else:
                raise RuntimeError("unexpected page %d: %s" % (self.status, self.page[:200]))
        raise RuntimeError("lesson did not end")


def phone(n):
    try:
        Phone(n).run()
    except Exception as exc:
        with lock:
            errors.append("phone %d: %s" % (n, exc))


wall = time.perf_counter()
threads = [threading.Thread(target=phone, args=(n,)) for n in range(phones)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=600)
wall = time.perf_counter() - wall

hwm = "?"
with open("/proc/%d/status" % pid) as status:
    for line in status:
        if line.startswith("VmHWM:"):
            hwm = line.split(":", 1)[1].strip()
db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
stored = db.execute("SELECT COUNT(*) FROM answer_events").fetchone()[0]
learners = db.execute("SELECT COUNT(*) FROM learners").fetchone()[0]
times.sort()


def pct(p):
    return times[min(len(times) - 1, int(round(p / 100.0 * (len(times) - 1))))] if times else float("nan")


print("think time: 0..%d ms before each form" % think)
print("requests: %d in %.1f s (%.0f per s)" % (len(times), wall, len(times) / wall if wall else 0))
print("page time: p50 %.1f ms, p95 %.1f ms, max %.1f ms" % (pct(50), pct(95), pct(100)))
print("learners created: %d of %d" % (learners, phones))
print("answers submitted: %d, stored: %d%s" % (submitted[0], stored, "" if submitted[0] == stored else "  <-- MISMATCH"))
print("server peak RSS (VmHWM): %s" % hwm)
for e in errors[:10]:
    print("error: " + e)
sys.exit(1 if errors or submitted[0] != stored else 0)
