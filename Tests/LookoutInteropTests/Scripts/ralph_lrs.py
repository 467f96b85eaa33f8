"""Runs a Ralph LRS (ralph-malph 5.1.0) on loopback for Lookout's sync tests.

Usage: python ralph_lrs.py DATA_DIR PORT USER PASSWORD

File-system backend in DATA_DIR, HTTP basic auth with one user (all scopes). Ralph's fs backend
creates its statements file on the first write and then refuses later writes (500) unless its
default operation is "append", so this switches it before the app starts, then runs uvicorn.
Prints "ready" on stdout once /__heartbeat__ answers.
"""
import json
import os
import sys
import threading
import time
import urllib.request

data_dir, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
os.makedirs(data_dir, exist_ok=True)

import bcrypt  # noqa: E402  (installed with ralph-malph[lrs])

auth_file = os.path.join(data_dir, "auth.json")
with open(auth_file, "w", encoding="utf-8") as f:
    json.dump([{
        "username": user,
        "hash": bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=4)).decode("ascii"),
        "scopes": ["all"],
        "agent": {"objectType": "Agent", "account": {"name": "lookout-sync", "homePage": "http://127.0.0.1"}},
    }], f)

# Ralph rewrites a history of its reads and writes (a JSON file) at every request; by default one
# file in ~/.config/ralph shared by every server. Keep it in this server's folder, and start afresh if
# a server killed mid-write left it damaged (it holds no statements).
history_file = os.path.join(data_dir, "history.json")
try:
    with open(history_file, encoding="utf-8") as f:
        json.load(f)
except (OSError, ValueError):
    if os.path.exists(history_file):
        os.remove(history_file)

# A server killed in the middle of a write can leave a half-written last line in the statements
# file; that request was never answered, so its client sends it again. Drop the partial line, as an
# operator would, so the file reads again.
statements_file = os.path.join(data_dir, "fs_lrs.jsonl")
if os.path.exists(statements_file):
    with open(statements_file, "rb+") as f:
        content = f.read()
        if content and not content.endswith(b"\n"):
            f.truncate(content.rfind(b"\n") + 1)

os.environ["RALPH_AUTH_FILE"] = auth_file
os.environ["RALPH_HISTORY_FILE"] = history_file
os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = data_dir
os.environ["RALPH_RUNSERVER_AUTH_BACKENDS"] = "basic"

from ralph.backends.data.base import BaseOperationType  # noqa: E402
from ralph.backends.lrs.fs import FSLRSBackend  # noqa: E402

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

import uvicorn  # noqa: E402


def announce():
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1):
                print("ready", flush=True)
                return
        except Exception:
            time.sleep(0.05)


threading.Thread(target=announce, daemon=True).start()
uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, log_level="warning")
