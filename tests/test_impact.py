"""The impact report on a real change: a temporary git repository holding a copy of the guide,
edits in its working tree (a library's recommended version, a decision-tree weight, a part of
the stacks the selector composes and a part of a reference stack), and ``python -m
macros.impact HEAD`` run there, building both sides.

The count of answer combinations whose outcome changed is checked against a brute force of
its own: every way to answer or skip every question, run through ``selector.recommend``.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from macros.catalog import load_catalog
from macros.impact import code, flatten
from macros.selector_data import selector_payload
from selector import recommend
from selector.engine import asked_answers
from tests.conftest import COPIED, PROJECT

CODE = ("macros", "selector", "overrides")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with the guide committed; code is copied so the base has its own."""
    repo = tmp_path_factory.mktemp("impact") / "guide"
    repo.mkdir()
    for name in (*COPIED, *CODE):
        source = PROJECT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", ".ruff_cache")
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    (repo / "node_modules").symlink_to(PROJECT / "node_modules")
    (repo / ".gitignore").write_text("node_modules\nsite\n__pycache__\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(
        repo, "-c", "user.name=Guide", "-c", "user.email=guide@example.org", "commit", "-qm", "base"
    )
    return repo


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _outcome(result: dict[str, Any]) -> tuple:
    """Framework, stack name, and the slugs of the stack's parts."""
    stack = result["stack"]
    return result["framework"], stack["name"], tuple(sorted(p["slug"] for p in stack["parts"]))


def brute_force(payload: dict[str, Any]) -> dict[tuple, tuple]:
    """Every combination of answered and open questions, keyed by the answers that count (an
    answer to a question that is not asked does not count, so it is run once)."""
    questions = payload["questions"]
    choices = [[None, *(a["value"] for a in q["answers"])] for q in questions]
    found: dict[tuple, tuple] = {}
    for combination in itertools.product(*choices):
        given = {q["id"]: v for q, v in zip(questions, combination, strict=True) if v}
        kept = tuple(asked_answers(payload, given).items())
        if kept not in found:
            result = recommend(payload, given)
            assert tuple(result["answers"].items()) == kept
            found[kept] = _outcome(result)
    return found


@pytest.fixture(scope="module")
def changed(repository: Path) -> tuple[str, int, int]:
    """The report for the three edits, and the brute-force count of changed outcomes."""
    data = repository / "data"
    before_payload = selector_payload(load_catalog(data))
    _edit(
        data / "libraries" / "flask.yaml",
        'recommended_version: "3.1.3"',
        'recommended_version: "3.2.0"',
    )
    _edit(
        data / "decision_tree.yaml",
        "weights: {flask: 2, django: 1}\n      advanced:",
        "weights: {flask: 2, django: 3}\n      advanced:",
    )
    # Gunicorn no longer serves Django: a part of the stacks the selector composes.
    _edit(
        data / "composition.yaml",
        "when: [{framework: [flask, django]}]",
        "when: [{framework: [flask]}]",
    )
    # And a part of a reference stack (the stacks page, and the stack a result is compared with).
    _edit(
        data / "stacks.yaml",
        "      observability: [logging]\n",
        "      observability: [logging, structlog]\n",
    )
    # The report runs in its own processes meanwhile.
    run = subprocess.Popen(
        [sys.executable, "-m", "macros.impact", "HEAD"],
        cwd=repository,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    before = brute_force(before_payload)
    after = brute_force(selector_payload(load_catalog(data)))
    stdout, stderr = run.communicate(timeout=900)
    assert run.returncode == 0, stderr[-3000:]
    assert before.keys() == after.keys()
    return stdout, sum(before[key] != after[key] for key in after), len(after)


def test_the_report_lists_the_changed_files_and_the_field(changed: tuple[str, int, int]) -> None:
    report, _, _ = changed
    edited = ("libraries/flask.yaml", "decision_tree.yaml", "composition.yaml", "stacks.yaml")
    for name in (f"data/{name}" for name in edited):
        assert f"| `{name}` | changed |" in report
    library = report.split("#### `flask`", 1)[1].split("###", 1)[0]
    assert "| `recommended_version` | `3.1.3` | `3.2.0` |" in library
    assert library.count("\n| `") == 1, f"only the version changed:\n{library}"


def test_the_report_lists_the_changed_pages(changed: tuple[str, int, int]) -> None:
    report, _, _ = changed
    listed = set(re.findall(r"^- `([^`]+)`", report, re.M))
    for page in (
        "libraries/flask/",  # its version
        "choosing/selector/",  # the selector form's data
        "choosing/decision-questions/",  # the weights table
        "stacks/",  # the reference stack's parts
        "api/v1/stacks.json",
        "api/v1/libraries/flask.json",
        "api/v1/selector.json",
    ):
        assert page in listed, f"{page} not in the report:\n{report}"
    assert "libraries/django/" not in listed and "api/v1/libraries/django.json" not in listed


def test_the_count_of_changed_outcomes_matches_a_brute_force(
    changed: tuple[str, int, int],
) -> None:
    report, differ, total = changed
    assert 0 < differ < total
    assert (
        f"**{differ:,} of {total:,}** answer combinations get a different framework or stack"
        in (report)
    )
    rows = report.split("answer combinations get a different", 1)[1].split("Presets", 1)[0]
    examples = re.findall(r"^\| `([^`]*)` \| `([^`]*)` \| `([^`]*)` \|$", rows, re.M)
    assert len(examples) == min(10, differ)
    assert all(before != after for _, before, after in examples)


def test_a_report_without_changes(repository: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repository), str(clean)], check=True)
    (clean / "node_modules").symlink_to(PROJECT / "node_modules")
    run = subprocess.run(
        [sys.executable, "-m", "macros.impact", "HEAD"], cwd=clean, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "No file under `data/` changes." in run.stdout
    assert "No library record changes." in run.stdout
    assert "No page or generated document changes." in run.stdout
    assert "The selector's data does not change." in run.stdout


def test_values_from_data_cannot_become_markup() -> None:
    assert code("a | b") == r"`a \| b`"
    assert code("`x`") == "`` `x` ``"
    assert code("<img src=x onerror=alert(1)>") == "`<img src=x onerror=alert(1)>`"
    assert code("line\nbreak") == "`line break`"
    assert flatten({"a": {"b": [1, 2]}, "c": [{"d": None}, {"d": "x"}]}) == {
        "a.b": [1, 2],
        "c[1].d": "x",
    }
