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

os.environ["RALPH_AUTH_FILE"] = auth_file
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
