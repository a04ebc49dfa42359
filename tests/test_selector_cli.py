"""``python -m selector`` as a reader runs it: flags, presets, the questions, and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from macros.catalog import DATA_DIR, load_catalog
from macros.selector_data import selector_payload
from selector import apply_preset, recommend

PROJECT = Path(__file__).resolve().parent.parent
JSON_KEYS = {
    "framework",
    "runner_up",
    "stack",
    "sharpen_stack",
    "scores",
    "reasons",
    "errors",
    "pyproject",
}


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    return selector_payload(load_catalog())


@pytest.fixture(scope="module")
def payload_file(payload: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("selector") / "payload.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def selector(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "selector", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT,
    )


def as_json(result: dict[str, Any]) -> str:
    return json.dumps(result, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_answers_as_json_from_the_data_folder(payload: dict[str, Any]) -> None:
    run = selector("--answer", "app_type=api", "--answer", "realtime=yes", "--json")
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout)
    assert set(output) >= JSON_KEYS
    assert output["framework"] == "fastapi"
    parts = output["stack"]["parts"]
    assert parts and all(part["reason"] and part["because_of"] for part in parts)
    assert run.stdout == as_json(recommend(payload, {"app_type": "api", "realtime": "yes"}))


@pytest.mark.parametrize("name", ["cms", "mvp_api", "saas", "legacy"])
def test_preset_as_json(payload: dict[str, Any], payload_file: Path, name: str) -> None:
    run = selector("--payload", str(payload_file), "--preset", name, "--json")
    assert run.returncode == 0, run.stderr
    assert run.stdout == as_json(recommend(payload, apply_preset(payload, name)))


def test_answers_override_the_preset(payload_file: Path) -> None:
    run = selector("--payload", str(payload_file), "-p", "cms", "-a", "admin=yes", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["framework"] == "django"


def test_query_flag(payload_file: Path) -> None:
    query = "app_type=web&web_features=yes&admin=yes&microservices=no"
    run = selector("--payload", str(payload_file), "--query", query, "--json")
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout)
    assert output["framework"] == "django"
    assert output["stack"]["closest"]["slug"] == "traditional-monolith"
    admin = [part["slug"] for part in output["stack"]["parts"] if part["role"] == "admin"]
    assert admin == ["django"]


def test_text_summary(payload_file: Path) -> None:
    run = selector("--payload", str(payload_file), "--preset", "cms")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("Framework: Flask (flask); runner-up: Django (django), 7 points")
    assert "Why:" in out and "admin: Do you need a built-in admin interface? (yes -> django)" in out
    assert "Stack: Flask stack for a web app\n" in out
    assert "Closest reference stack: Lightweight API stack (lightweight-api)." in out
    assert "Forms               Flask-WTF " in out and "[app_type=web, framework=flask]" in out
    assert "Sessions            Flask (built in)" in out
    assert "Open questions that would change the stack:" in out
    assert "yes: +Django (Web framework), +Django ORM (ORM)," in out
    assert '"flask>=' in out and "[project]" in out
    assert "--query 'app_type=web&" in out


def test_list(payload_file: Path) -> None:
    run = selector("--payload", str(payload_file), "--list")
    assert run.returncode == 0
    assert "app_type: api | web | hybrid" in run.stdout
    assert "(asked only when app_type is web or hybrid)" in run.stdout
    assert "mvp_web:" in run.stdout


def test_interactive_asks_follow_up_questions(payload_file: Path) -> None:
    # web; skip eight questions; then admin is asked because the app is a web app: yes.
    keys = "2\n" + "\n" * 8 + "1\n"
    run = selector("--payload", str(payload_file), "-i", "--json", stdin=keys)
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout)
    assert output["answers"] == {"app_type": "web", "admin": "yes"}
    assert output["framework"] == "django"
    assert "Do you need a built-in admin interface?" in run.stderr
    assert "Enter to skip" in run.stderr


def test_interactive_retries_bad_choices_and_stops_at_end_of_input(payload_file: Path) -> None:
    run = selector("--payload", str(payload_file), "-i", "--json", stdin="7\napi\n1\n")
    assert run.returncode == 0, run.stderr
    assert "Type a number from 1 to 3" in run.stderr
    assert json.loads(run.stdout)["answers"] == {"app_type": "api", "performance": "high"}


def test_interactive_skips_admin_for_an_api(payload_file: Path) -> None:
    run = selector("--payload", str(payload_file), "-i", stdin="1\n" + "\n" * 12)
    assert run.returncode == 0, run.stderr
    assert "built-in admin" not in run.stderr
    assert run.stdout.startswith("Framework: FastAPI (fastapi)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--answer", "colour=blue"], "unknown question 'colour'"),
        (["--answer", "app_type=desktop"], "'desktop' is not an answer to 'app_type'"),
        (["--answer", "app_type"], "expected ID=VALUE"),
        (["-a", "team=beginner", "-a", "team=advanced"], "given twice"),
        (["--preset", "blog"], "unknown preset 'blog'"),
        (["--query", "app_type=api&app_type=web"], "more than once"),
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["--payload", "/nonexistent/payload.json"], "cannot read the payload"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str, payload_file: Path) -> None:
    if "--payload" not in args:
        args = ["--payload", str(payload_file), *args]
    run = selector(*args, "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("python -m selector: error: ")
    assert message in lines[0]


def test_broken_data_exits_1_naming_the_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("schema"))
    rules = data / "composition.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("library: uvicorn", "library: nope"),
        encoding="utf-8",
    )
    run = selector("--data", str(data), "--json", "-a", "app_type=api")
    assert run.returncode == 1
    assert "composition.yaml" in run.stderr and "roles.server.candidates[0].library" in run.stderr
    assert run.stdout == ""
