"""Each recommended stack installs for real into its own virtual environment, and every
top-level package of its libraries imports with DeprecationWarning raised as an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from macros.catalog import load_catalog
from macros.stack_sets import recommended_sets
from tests.support.stack_install import find_python, import_all, install

CATALOG = load_catalog()
SETS = {s.id: s for s in recommended_sets(CATALOG)}


@pytest.fixture(scope="module")
def python() -> str:
    supported = CATALOG.versions.check_pythons
    found = find_python(supported)
    if found is None:
        pytest.fail(
            f"The stacks need Python {', '.join(supported)}; the tests run on "
            f"{sys.version.split()[0]} and no python{supported[0]} (or newer checked version) "
            "was found on PATH or in pyenv. Install one, or run make test with PYTHON=python3.12"
        )
    return found


@pytest.mark.parametrize("slug", list(SETS))
def test_stack_installs_and_imports(slug: str, python: str, tmp_path: Path) -> None:
    lines = SETS[slug].requirements
    venv_python = install(python, tmp_path / "venv", lines)
    distributions = [Requirement(line).name for line in lines]
    outcome = import_all(venv_python, distributions)
    empty = [dist for dist, modules in outcome["modules"].items() if not modules]
    assert not empty, f"{slug}: found no importable module in {empty}"
    assert not outcome["failed"], f"{slug} on {python}: " + "\n".join(
        f"import {name}: {error}" for name, error in outcome["failed"].items()
    )


def test_a_deprecation_warning_on_import_fails(python: str, tmp_path: Path) -> None:
    """A distribution whose package warns on import, written straight into a new environment
    (no index needed): the import run names the module and the warning."""
    venv_python = install(python, tmp_path / "venv", [])
    site = Path(
        subprocess.run(
            [venv_python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "noisy").mkdir()
    (site / "noisy" / "__init__.py").write_text(
        "import warnings\nwarnings.warn('noisy.old() is going away', DeprecationWarning)\n"
    )
    (site / "noisy" / "tests").mkdir()
    (site / "noisy" / "tests" / "__init__.py").write_text("")
    info = site / "noisy-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: noisy\nVersion: 1.0\n")
    (info / "RECORD").write_text(
        "noisy/__init__.py,,\nnoisy/tests/__init__.py,,\nnoisy-1.0.dist-info/METADATA,,\n"
        "noisy-1.0.dist-info/RECORD,,\n"
    )
    outcome = import_all(venv_python, ["noisy"])
    assert outcome["modules"] == {"noisy": ["noisy"]}
    assert "DeprecationWarning: noisy.old() is going away" in outcome["failed"]["noisy"]
