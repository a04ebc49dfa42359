"""The selector gives byte-identical results under Pyodide (the browser page) and CPython.

``tests/pyodide/run_selector.mjs`` starts Pyodide once under Node, copies the ``selector``
package in, and runs every case; ``tests/pyodide/run_cases.py`` is the one piece of Python both
runtimes execute to turn a case into a JSON line. The cases include one answer set for every
distinct stack the selector can compose, so every composed stack is compared whole. It runs
twice: with the trimmed, compiled standard library the site ships (``macros.stdlib``) and with
the npm package's own.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from macros.assets import selector_archive
from macros.catalog import load_catalog
from macros.selector_data import selector_payload
from macros.stdlib import trimmed_stdlib
from selector.compose import compose_parts, label_index
from selector.engine import asked_answers, rank, score

PROJECT = Path(__file__).resolve().parent.parent
RUNNER = PROJECT / "tests" / "pyodide" / "run_selector.mjs"
PYODIDE = PROJECT / "node_modules" / "pyodide" / "pyodide.mjs"
SAMPLE = 400
SEED = 20261124

BAD_ANSWERS: list[Any] = [
    {"nope": "x", "app_type": " API ", "team": 5, "frontend": "mobile"},
    {"app_type": "api", "admin": "yes"},
    {"app_type": "é" * 300, "realtime": None, "async": ""},
    ["app_type", "api"],
    None,
]
# The cases readers met (data/composition.yaml was written for them).
READER_CASES: list[dict[str, str]] = [
    {"app_type": "web", "team": "beginner", "async": "no", "web_features": "yes", "admin": "no"},
    {"app_type": "api", "realtime": "yes", "async": "yes"},
    {"app_type": "api"},
]
QUERIES = [
    "?app_type=web&admin=yes&web_features=yes&microservices=no",
    "app_type=api&app_type=web&nope=1&team",
    "app%5Ftype=hybrid+&frontend=%E2%9C%93",
    "a" * 3000,
]


def _run_cases_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_cases", RUNNER.with_name("run_cases.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def one_per_stack(payload: dict[str, Any], combos: list[tuple[Any, ...]]) -> list[dict[str, str]]:
    """The first answer set (in enumeration order) for each distinct composed stack."""
    questions = payload["questions"]
    labels = label_index(payload)
    found: dict[str, dict[str, str]] = {}
    for combo in combos:
        answers = {q["id"]: v for q, v in zip(questions, combo, strict=True) if v}
        kept = asked_answers(payload, answers)
        parts = compose_parts(payload, rank(score(payload, kept))[0], kept, labels)
        found.setdefault(json.dumps([(p["role"], p["slug"]) for p in parts]), answers)
    return list(found.values())


def cases(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every preset, every single answer, one answer set per composed stack, the readers'
    cases, a fixed random sample of combinations, bad input, and the progress marks for the
    singles and the sample."""
    questions = payload["questions"]
    choices = [[None, *(a["value"] for a in q["answers"])] for q in questions]
    combos = list(itertools.product(*choices))
    sample = random.Random(SEED).sample(combos, SAMPLE)
    singles = [{q["id"]: a["value"]} for q in questions for a in q["answers"]]
    combined = [
        {q["id"]: v for q, v in zip(questions, combo, strict=True) if v} for combo in sample
    ]
    return [
        *({"preset": preset["id"]} for preset in payload["presets"]),
        *({"answers": answers} for answers in singles),
        *({"answers": answers} for answers in one_per_stack(payload, combos)),
        *({"answers": answers} for answers in READER_CASES),
        *({"answers": answers} for answers in combined),
        *({"answers": answers} for answers in BAD_ANSWERS),
        *({"query": query} for query in QUERIES),
        *({"progress": answers} for answers in [{}, *singles, *combined, *BAD_ANSWERS]),
    ]


@pytest.mark.pyodide
@pytest.mark.parametrize("stdlib", ["trimmed", "package"])
def test_pyodide_results_match_cpython_byte_for_byte(tmp_path: Path, stdlib: str) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not on PATH: install Node 20 or newer, then run `npm ci`")
    if not PYODIDE.is_file():
        pytest.fail(f"{PYODIDE.relative_to(PROJECT)} is missing: run `npm ci` in {PROJECT}")

    payload = selector_payload(load_catalog())
    all_cases = cases(payload)
    payload_file, cases_file = tmp_path / "payload.json", tmp_path / "cases.json"
    payload_file.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    cases_file.write_text(json.dumps(all_cases, ensure_ascii=False), encoding="utf-8")
    command = [node, str(RUNNER), str(payload_file), str(cases_file)]
    if stdlib == "trimmed":
        trimmed = tmp_path / "python_stdlib.zip"
        trimmed.write_bytes(trimmed_stdlib(PROJECT, selector_archive(PROJECT), payload))
        command.append(str(trimmed))

    run = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=PROJECT,
    )
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout)
    print(
        f"Pyodide {output['pyodide']} (Python {output['python']}): {output['cases']} cases, "
        f"timing {output['timing_ms']}"
    )

    # The trimmed zip holds the modules start-up imports (about 130), the package's 614 files.
    assert (output["stdlib_files"] < 300) == (stdlib == "trimmed"), output["stdlib_files"]

    run_case = _run_cases_module().run_case
    expected = [run_case(payload, case) for case in all_cases]
    assert output["cases"] == len(all_cases) > SAMPLE + len(payload["presets"]) + 100
    mismatched = [
        i for i, (a, b) in enumerate(zip(output["results"], expected, strict=True)) if a != b
    ]
    assert not mismatched, (
        f"{len(mismatched)} cases differ; first: {all_cases[mismatched[0]]}\n"
        f"pyodide: {output['results'][mismatched[0]]}\ncpython: {expected[mismatched[0]]}"
    )
