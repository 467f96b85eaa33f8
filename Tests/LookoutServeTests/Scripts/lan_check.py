"""`lookout serve --lan` seen from another device: requests from 127.0.0.2 and 127.0.0.3 (not 127.0.0.1, which
counts as the laptop itself). Usage: lan_check.py PORT JOIN_CODE

Prints one line per fact: JOIN-FIRST, FACILITATOR-REFUSED, RATE-LIMITED, NO-LEARNER-LIST, SELECT-REFUSED,
LEARNER-CREATED, each followed by ok or the problem.
"""
import http.client
import re
import sys
import urllib.parse

port, code = int(sys.argv[1]), sys.argv[2]


class Device:
    def __init__(self, source):
        self.source = source
        self.cookie = None

    def request(self, method, path, fields=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(self.source, 0))
        headers = {}
        body = None
        if self.cookie:
            headers["Cookie"] = "lookout_session=" + self.cookie
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8")
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("lookout_session="):
                self.cookie = value.split(";")[0].split("=", 1)[1] or None
        conn.close()
        if response.status == 303:
            return self.request("GET", response.headers["Location"])
        return response.status, text

    def form(self, page):
        csrf = re.search(r'name="csrf" value="([^"]*)"', page)
        rev = re.search(r'name="rev" value="([^"]*)"', page)
        return {"csrf": csrf.group(1) if csrf else "", "rev": rev.group(1) if rev else ""}


def say(name, ok, detail=""):
    print("%s %s" % (name, "ok" if ok else "FAILED " + detail[:300]), flush=True)


phone = Device("127.0.0.2")
status, page = phone.request("GET", "/")
say("JOIN-FIRST", status == 200 and 'name="code"' in page and 'value="select"' not in page, page)
status, page2 = phone.request("GET", "/progress")
say("JOIN-FIRST-EVERYWHERE", 'name="code"' in page2, page2)
status, refused = phone.request("POST", "/facilitator", {"passphrase": "x"})
say("FACILITATOR-REFUSED", status == 403, "status %d" % status)

fields = phone.form(page)
fields.update({"do": "join", "code": "000000" if code != "000000" else "111111"})
status, wrong = phone.request("POST", "/join", fields)
fields = phone.form(wrong)
fields.update({"do": "join", "code": code})
status, limited = phone.request("POST", "/join", fields)
say("RATE-LIMITED", "Too many wrong codes" in limited and 'name="code"' in limited, limited)

other = Device("127.0.0.3")
status, page = other.request("GET", "/")
fields = other.form(page)
fields.update({"do": "join", "code": code})
status, start = other.request("POST", "/join", fields)
say("NO-LEARNER-LIST", 'name="name"' in start and 'value="select"' not in start and "Dara" not in start, start)
status, refused = other.request("GET", "/facilitator")
say("FACILITATOR-REFUSED-AFTER-JOIN", status == 403, "status %d" % status)
fields = other.form(start)
fields.update({"do": "select", "id": "anything"})
status, page = other.request("POST", "/act", fields)
say("SELECT-REFUSED", status == 400, "status %d" % status)
status, start = other.request("GET", "/")
fields = other.form(start)
fields.update({"do": "create", "name": "Phone learner", "pin": ""})
status, menu = other.request("POST", "/act", fields)
say("LEARNER-CREATED", "Phone learner" in menu and 'href="/track/' in menu, menu)
