"""data/examples/pre-commit-config.yaml: current hook revs, checked by pre-commit itself."""

import sys

import yaml

from tests.examples.conftest import run_tool

RUFF_REPO = "https://github.com/astral-sh/ruff-pre-commit"
MYPY_REPO = "https://github.com/pre-commit/mirrors-mypy"


def _repos(example_path):
    with example_path("pre-commit-config.yaml").open(encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    return {repo["repo"]: repo for repo in config["repos"]}


def test_revs_match_the_guides_recommended_versions(example_path, guide_data):
    repos = _repos(example_path)
    assert repos[RUFF_REPO]["rev"] == "v" + guide_data.recommended("ruff")
    assert repos[MYPY_REPO]["rev"] == "v" + guide_data.recommended("mypy")


def test_hook_ids(example_path):
    repos = _repos(example_path)
    ruff_hooks = [hook["id"] for hook in repos[RUFF_REPO]["hooks"]]
    # ruff-check is the current id of the lint hook; "ruff" is its legacy alias.
    assert ruff_hooks == ["ruff-check", "ruff-format"]
    assert repos[RUFF_REPO]["hooks"][0]["args"] == ["--fix"]
    assert [hook["id"] for hook in repos[MYPY_REPO]["hooks"]] == ["mypy"]


def test_pre_commit_accepts_the_config(example_path):
    config = str(example_path("pre-commit-config.yaml"))
    returncode, output = run_tool([sys.executable, "-m", "pre_commit", "validate-config", config])
    assert returncode == 0, output
