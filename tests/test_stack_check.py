"""Every dependency set the site shows resolves together on every Python the guide checks.

The resolution is real: uv against the package index, wheels only (``macros.stack_check``).
A copy of the data with an impossible pair and a release without wheels proves the check
fails, and says which stack, which Python and why.
"""

from __future__ import annotations

import random
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from macros.catalog import DATA_DIR, INSTALL_CHECK_FILE, load_catalog
from macros.selector_data import selector_payload
from macros.stack_check import MODES, check_sets, failures, main, results_text
from macros.stack_sets import all_sets, answer_combinations, recommended_sets
from macros.tables import render_stacks
from selector import apply_preset, recommend
from selector.install_check import requirement_set, set_key


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog()


@pytest.fixture(scope="module")
def sets(catalog):  # type: ignore[no-untyped-def]
    return all_sets(catalog)


def test_sets_cover_the_stacks_and_every_selector_outcome(catalog, sets) -> None:  # type: ignore[no-untyped-def]
    assert [s.id for s in sets if s.kind == "stack"] == list(catalog.stacks)
    found = {set_key(s.requirements) for s in sets if s.kind == "selector"}
    payload = selector_payload(catalog)
    # Every preset, and a sample of random answers, gives a set the enumeration found.
    rng = random.Random(12)
    choices = answer_combinations(payload)
    samples = [apply_preset(payload, p["id"]) for p in payload["presets"]]
    for _ in range(300):
        combo = [rng.choice(options) for options in choices]
        questions = payload["questions"]
        samples.append({q["id"]: v for q, v in zip(questions, combo, strict=True) if v})
    for answers in samples:
        result = recommend(payload, answers)
        assert set_key(requirement_set(result["pyproject"])) in found, answers


def test_every_set_resolves_on_every_checked_python(catalog, sets) -> None:  # type: ignore[no-untyped-def]
    pythons = catalog.versions.check_pythons
    checked = check_sets(sets, pythons)
    problems = failures(checked)
    assert not problems, "\n".join(problems)
    for item in checked:
        runs = {(run.python, run.mode) for run in item.resolutions}
        assert runs == {(python, mode) for python in pythons for mode in MODES}, item.id


def broken_copy(tmp_path: Path) -> Path:
    """The guide's data with FastAPI at a release that needs Pydantic 1 (the guide recommends
    Pydantic 2), and Psycopg 3 swapped for a psycopg2 release without wheels for 3.13 and 3.14."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("schema", INSTALL_CHECK_FILE))
    edit(
        data / "libraries" / "fastapi.yaml",
        r'recommended_version: ".*"',
        'recommended_version: "0.99.1"',
    )
    psycopg = data / "libraries" / "psycopg.yaml"
    edit(psycopg, r"(?m)^package: psycopg$", "package: psycopg2-binary")
    edit(psycopg, r"(?m)^extras: \[binary\]$", "extras: []")
    edit(psycopg, r'recommended_version: ".*"', 'recommended_version: "2.9.9"')
    return data


def stack_sections(html: str) -> dict[str, str]:
    return dict(re.findall(r'<section class="sg-stack" id="([a-z-]+)">(.*?)</section>', html, re.S))


def edit(path: Path, pattern: str, replacement: str) -> None:
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1)
    assert count == 1, (path, pattern)
    path.write_text(text, encoding="utf-8")


def test_an_impossible_pair_and_a_missing_wheel_fail_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = broken_copy(tmp_path)
    assert main(["--data", str(data), "--stacks-only"]) == 1
    err = capsys.readouterr().err
    pair = [line for line in err.splitlines() if line.startswith("Modern microservices stack")]
    assert {re.search(r"Python (\S+),", line)[1] for line in pair} == {"3.12", "3.13", "3.14"}
    assert all("exact:" in line and "fastapi==0.99.1" in line for line in pair), pair
    assert all("pydantic" in line for line in pair), pair
    wheels = [line for line in err.splitlines() if line.startswith("Traditional monolith stack")]
    assert {re.search(r"Python (\S+),", line)[1] for line in wheels} == {"3.13", "3.14"}
    assert all("psycopg2-binary==2.9.9" in line and "wheels" in line for line in wheels), wheels
    # The written outcome validates, and the stacks page says what failed and where.
    catalog = load_catalog(data)
    assert catalog.install_check is not None
    html = render_stacks(catalog, "stacks/")
    sections = stack_sections(html)
    assert (
        "Does not install together on Python 3.12, 3.13, 3.14 at the recommended"
        in (sections["modern-microservices"])
    )
    assert "Does not install together on Python 3.13, 3.14" in sections["traditional-monolith"]


def test_a_stack_changed_since_its_check_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("schema", INSTALL_CHECK_FILE))
    catalog = load_catalog(data)
    checked = check_sets(recommended_sets(catalog), catalog.versions.check_pythons)
    (data / INSTALL_CHECK_FILE).write_text(results_text(checked, "uv", date.today()), "utf-8")
    httpx = data / "libraries" / "httpx.yaml"
    edit(httpx, r'recommended_version: ".*"', 'recommended_version: "0.28.0"')
    html = render_stacks(load_catalog(data), "stacks/")
    sections = stack_sections(html)
    assert "its packages changed after the last check" in sections["modern-microservices"]
    assert "Resolves together on Python 3.12, 3.13, 3.14" in sections["lightweight-api"]
