"""data/examples/pyproject.toml: the versions equal the guide's data, and the tools accept it."""

import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.examples.conftest import run_pytest, run_tool

ASYNC_TEST = """\
import asyncio

import pytest


@pytest.mark.asyncio
async def test_sleep():
    await asyncio.sleep(0)
"""


@pytest.fixture
def pyproject(example_path):
    with example_path("pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def _expected_group(guide_data, group_name):
    """package name -> (extras, recommended version), from versions.yaml and the libraries."""
    (group,) = [g for g in guide_data.versions["groups"] if g["name"] == group_name]
    expected = {}
    for pin in group["libraries"]:
        library = guide_data.libraries[pin["slug"]]
        extras = pin.get("extras")
        if extras is None:
            extras = library.get("extras") or []
        expected[canonicalize_name(library["package"])] = (
            set(extras),
            guide_data.recommended(pin["slug"]),
        )
    return expected


def _actual_group(specs):
    actual = {}
    for spec in specs:
        requirement = Requirement(spec)
        (specifier,) = requirement.specifier  # exactly one: a lower bound
        assert specifier.operator == ">=", spec
        actual[canonicalize_name(requirement.name)] = (requirement.extras, specifier.version)
    return actual


def test_requires_python_matches_the_guide(pyproject, guide_data):
    assert pyproject["project"]["requires-python"] == ">=" + guide_data.versions["python"]


def test_dependency_lower_bounds_are_the_recommended_versions(pyproject, guide_data):
    assert _actual_group(pyproject["project"]["dependencies"]) == _expected_group(
        guide_data, "dependencies"
    )


def test_dev_group_lower_bounds_are_the_recommended_versions(pyproject, guide_data):
    assert _actual_group(pyproject["dependency-groups"]["dev"]) == _expected_group(
        guide_data, "dev"
    )


def test_no_outdated_packages(pyproject):
    names = {
        canonicalize_name(Requirement(spec).name)
        for specs in (
            pyproject["project"]["dependencies"],
            *pyproject["dependency-groups"].values(),
        )
        for spec in specs
    }
    assert not names & {"python-jose", "passlib", "aioredis"}
    assert "poetry" not in pyproject.get("tool", {})


def test_pytest_accepts_the_tool_pytest_table(example_path, tmp_path):
    shutil.copy(example_path("pyproject.toml"), tmp_path / "pyproject.toml")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_async.py").write_text(ASYNC_TEST, encoding="utf-8")
    returncode, output = run_pytest(tmp_path, "--strict-config")
    assert returncode == 0, output
    assert "1 passed" in output
    assert "asyncio_default_fixture_loop_scope=function" in output


def test_ruff_accepts_the_config_and_the_examples_pass_it(example_path):
    ruff = Path(sys.executable).with_name("ruff")
    examples = sorted(example_path("pyproject.toml").parent.glob("*.py"))
    config = str(example_path("pyproject.toml"))
    returncode, output = run_tool(
        [str(ruff), "check", "--no-cache", "--config", config, *map(str, examples)]
    )
    assert returncode == 0, output
