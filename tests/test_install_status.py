"""What the stack pages and the selector's result say about the install check.

The words come from one pure function (``selector.install_check.status``); these tests feed it
outcomes of each kind and check that the built page and the selector agree on the real data.
"""

from __future__ import annotations

import random
import re
import tomllib
from typing import Any

from macros.catalog import load_catalog
from macros.install_status import stack_status
from macros.selector_data import selector_payload
from macros.stack_sets import answer_combinations, stack_requirements
from selector import apply_preset, recommend
from selector.install_check import canonical, describe, requirement_set, set_key, status
from tests.conftest import Build

LINES = ["fastapi[standard]>=0.165.0", "pydantic>=2.14.4"]


def checks(*runs: tuple[str, str, bool], pythons: tuple[str, ...] = ("3.12", "3.13")) -> dict:
    return {
        "checked": "2026-12-01",
        "pythons": list(pythons),
        "platform": "x86_64-manylinux_2_28",
        "sets": {
            set_key(LINES): [
                {"python": p, "mode": m, "ok": ok, "message": None if ok else "no wheels"}
                for p, m, ok in runs
            ]
        },
    }


ALL_OK = [(p, m, True) for p in ("3.12", "3.13") for m in ("newest", "exact")]


def test_every_python_in_every_mode_resolves() -> None:
    found = status(checks(*ALL_OK), reversed(LINES))
    assert found["state"] == "ok"
    assert found["text"] == "Resolves together on Python 3.12, 3.13, checked 2026-12-01"


def test_a_failed_run_names_the_python_and_keeps_the_message() -> None:
    runs = [*ALL_OK[:3], ("3.13", "exact", False)]
    found = status(checks(*runs), LINES)
    assert found["state"] == "failed"
    assert found["text"] == (
        "Does not install together on Python 3.13 at the recommended versions, checked 2026-12-01"
    )
    assert found["failures"] == [
        {"python": "3.13", "mode": "exact", "ok": False, "message": "no wheels"}
    ]


def test_a_python_added_after_the_check_is_not_claimed() -> None:
    found = status(checks(*ALL_OK, pythons=("3.12", "3.13", "3.14")), LINES)
    assert found["state"] == "unchecked"
    assert found["text"].endswith("; not checked on Python 3.14")


def test_changed_or_missing_sets_say_so() -> None:
    changed = status(checks(*ALL_OK), ["fastapi>=0.166.0", "pydantic>=2.14.4"])
    assert changed["state"] == "unchecked"
    assert "changed after the last check (2026-12-01)" in changed["text"]
    assert status(None, LINES)["text"] == "Not checked yet to install together"


def test_the_selector_reports_the_recorded_outcome_of_its_block() -> None:
    catalog = load_catalog()
    payload = selector_payload(catalog)
    recorded = {set_key(s.requirements): s for s in (catalog.install_check or []).sets}
    for preset in payload["presets"]:
        result = recommend(payload, apply_preset(payload, preset["id"]))
        entry = recorded.get(set_key(requirement_set(result["pyproject"])))
        found = result["install_check"]
        if entry is None:
            assert found["state"] == "unchecked", preset["id"]
            continue
        ran = {(run.python, run.mode) for run in entry.resolutions}
        everywhere = {(p, m) for p in catalog.versions.check_pythons for m in ("newest", "exact")}
        expected = "failed" if not all(r.ok for r in entry.resolutions) else "ok"
        if expected == "ok" and not everywhere <= ran:
            expected = "unchecked"
        assert found["state"] == expected, preset["id"]
        assert str(catalog.install_check.checked) in found["text"]


def test_stack_pages_and_the_selector_use_the_same_words() -> None:
    catalog = load_catalog()
    checks = selector_payload(catalog)["install_checks"]
    for stack in catalog.stacks.values():
        lines = stack_requirements(catalog, stack)
        assert stack_status(catalog, stack) == describe(checks, lines)


def test_the_built_stacks_page_shows_each_status(built_site: Build) -> None:
    catalog = load_catalog()
    html = (built_site.site / "stacks" / "index.html").read_text(encoding="utf-8")
    for stack in catalog.stacks.values():
        section = re.search(
            rf'<section class="sg-stack" id="{stack.slug}">(.*?)</section>', html, re.S
        )
        assert section, stack.slug
        found: dict[str, Any] = stack_status(catalog, stack)
        summary = re.search(
            r'<details class="sg-install [a-z]+"><summary>(.*?)</summary>', section[1]
        )
        assert summary and summary[1] == found["text"], stack.slug


def test_the_requirement_reader_agrees_with_a_toml_parser() -> None:
    """``requirement_set`` reads the block's lines instead of parsing TOML, for speed."""
    payload = selector_payload(load_catalog())
    rng = random.Random(7)
    choices = answer_combinations(payload)
    questions = payload["questions"]
    for _ in range(400):
        combo = [rng.choice(options) for options in choices]
        answers = {q["id"]: v for q, v in zip(questions, combo, strict=True) if v}
        block = recommend(payload, answers)["pyproject"]
        data = tomllib.loads(block)
        lines = list(data["project"]["dependencies"])
        for group in data.get("dependency-groups", {}).values():
            lines += group
        assert requirement_set(block) == canonical(lines), block
