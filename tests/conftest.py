"""Shared fixtures: the real MkDocs build of the guide, once per session, and disposable
copies of the project for tests that change data and build again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
COPIED = ("mkdocs.yml", "docs", "data", "CONTRIBUTING.md")
LINKED = ("macros", "selector", "node_modules")


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str


def copy_project(destination: Path) -> Path:
    """A copy of what a build reads; code and npm packages are linked, not copied."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("schema"))
        else:
            shutil.copy2(source, destination / name)
    for name in LINKED:
        (destination / name).symlink_to(PROJECT / name)
    return destination


def build_site(project: Path, site: Path | None = None) -> Build:
    site = site or project / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The guide as it is in the repository, built once with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("site")
    build = build_site(PROJECT, site)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")
