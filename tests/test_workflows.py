"""The GitHub workflows: valid against GitHub's workflow schema (the check `make test` runs,
which must also catch a broken workflow), and doing what README and CONTRIBUTING promise: the
tests and the impact report on every pull request, and a scheduled refresh that proposes a pull
request and never pushes to main."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    if not CHECK_JSONSCHEMA.is_file():
        pytest.fail(f"{CHECK_JSONSCHEMA} is missing: run `make setup` (test dependency group)")
    command = [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows"]
    return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True)


def _workflow(name: str) -> dict[Any, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as True.
    return workflow.get("on", workflow.get(True))


def _runs(workflow: dict[Any, Any]) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]


def test_the_workflows_pass_the_linter() -> None:
    paths = sorted(WORKFLOWS.glob("*.yml"))
    assert {p.name for p in paths} >= {"pages.yml", "pull-request.yml", "refresh-versions.yml"}
    result = _lint(*paths)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"), "utf-8")
    result = _lint(broken)
    assert result.returncode != 0 and "runs_on" in result.stdout, result.stdout


def test_every_workflow_states_its_permissions() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert "permissions" in workflow, f"{path.name}: no top-level permissions"


def test_pull_requests_run_the_tests_and_post_the_impact_report() -> None:
    workflow = _workflow("pull-request.yml")
    assert set(_triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    runs = _runs(workflow)
    assert "make test" in runs
    impact = next(run for run in runs if "make impact" in run).strip()
    assert impact == 'make impact BASE="$BASE_SHA" OUT="$GITHUB_STEP_SUMMARY"', impact
    checkout = workflow["jobs"]["test"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0, "the report needs the base commit"


def test_the_schedule_proposes_a_pull_request_and_never_pushes_to_main() -> None:
    workflow = _workflow("refresh-versions.yml")
    triggers = _triggers(workflow)
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", triggers["schedule"][0]["cron"]), "weekly"
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    script = "\n".join(_runs(workflow))
    assert "make check-versions ARGS=--write" in script
    assert "make check-stacks" in script
    assert 'make impact BASE=origin/main OUT="$RUNNER_TEMP/impact.md"' in script
    assert "--body-file" in script
    assert workflow["env"]["BRANCH"] not in {"main", "master"}
    pushes = [line.strip() for line in script.splitlines() if "git push" in line]
    assert pushes == ['git push --force origin "HEAD:refs/heads/$BRANCH"'], pushes


def test_every_run_step_is_valid_shell() -> None:
    """The schema does not read the scripts: ``bash -n`` parses each one (GitHub's default
    shell on Linux runners is bash), with each ``${{ ... }}`` expression as a plain word."""
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for script in _runs(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = re.sub(r"\$\{\{.*?\}\}", "EXPRESSION", script)
            parsed = subprocess.run(["bash", "-n"], input=text, capture_output=True, text=True)
            assert parsed.returncode == 0, f"{path.name}:\n{script}\n{parsed.stderr}"
