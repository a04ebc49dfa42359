"""Runs selector cases the same way under CPython and Pyodide: both import this file.

A case is ``{"answers": {...}}``, ``{"preset": "name"}``, ``{"query": "a=b&c=d"}`` or
``{"progress": {...}}`` (the page's progress marks for those answers); each gives
one line of JSON (``sort_keys``, ``ensure_ascii=False``), so the two runtimes can be compared
byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

from selector import apply_preset, parse_query, recommend, to_query
from selector.progress import progress


def run_case(payload: dict[str, Any], case: dict[str, Any]) -> str:
    if "preset" in case:
        output: Any = recommend(payload, apply_preset(payload, case["preset"]))
    elif "query" in case:
        answers, errors = parse_query(payload, case["query"])
        output = {"answers": answers, "errors": errors, "link": to_query(answers)}
    elif "progress" in case:
        output = progress(payload, case["progress"])
    else:
        output = recommend(payload, case["answers"])
    return json.dumps(output, sort_keys=True, ensure_ascii=False)


def run_all(payload_text: str, cases_text: str) -> str:
    """Every case's JSON line, as one JSON list: what the Node runner prints."""
    payload = json.loads(payload_text)
    return json.dumps([run_case(payload, case) for case in json.loads(cases_text)])
