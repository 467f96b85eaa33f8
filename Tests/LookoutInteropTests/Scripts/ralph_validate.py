"""Validates xAPI statements (NDJSON on stdin) with Ralph's strict pydantic model of an xAPI statement
(ralph.models.xapi.base.statements.BaseXapiStatement, ralph-malph 5.1.0), stricter than what Ralph's
LRS accepts on POST. Prints {"count": N, "invalid": M, "errors": [first few]} as JSON.
"""
import json
import os
import sys

os.environ.setdefault("RALPH_RUNSERVER_BACKEND", "fs")
from ralph.models.xapi.base.statements import BaseXapiStatement  # noqa: E402

count = invalid = 0
errors = []
for line in sys.stdin:
    if not line.strip():
        continue
    count += 1
    statement = json.loads(line)
    try:
        BaseXapiStatement.model_validate(statement)
    except Exception as error:  # pydantic.ValidationError
        invalid += 1
        if len(errors) < 5:
            errors.append({"id": statement.get("id"), "error": str(error)[:2000]})
json.dump({"count": count, "invalid": invalid, "errors": errors}, sys.stdout)
