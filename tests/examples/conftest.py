"""Shared fixtures for the tests of the guide's code examples (``data/examples/``).

Every test here runs with DeprecationWarning and PendingDeprecationWarning turned into
errors, so an example that uses a deprecated API fails its test.
"""

from __future__ import annotations

import importlib.util
import itertools
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
PROJECT_DIR = HERE.parent.parent
DATA_DIR = PROJECT_DIR / "data"
EXAMPLES_DIR = DATA_DIR / "examples"

STRICT_WARNINGS = ("error::DeprecationWarning", "error::PendingDeprecationWarning")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            # append=False: applied before the test's own filterwarnings marks, so a narrower
            # mark on a test (a documented upstream warning) can still override these.
            item.add_marker(pytest.mark.filterwarnings(*STRICT_WARNINGS), append=False)


# --- loading the examples ---------------------------------------------------------------

_counter = itertools.count()


@pytest.fixture
def load_example() -> Iterator[Callable[[str], ModuleType]]:
    """Import ``data/examples/<file>`` as a fresh module (it re-reads the environment).

    Each call gets its own module name, registered in ``sys.modules`` (libraries such as
    Tortoise ORM import the models module by name) and removed again after the test.
    """
    loaded: list[str] = []

    def load(filename: str) -> ModuleType:
        path = EXAMPLES_DIR / filename
        name = f"guide_example_{path.stem}_{next(_counter)}"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader, f"cannot import {path}"
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        loaded.append(name)
        spec.loader.exec_module(module)
        return module

    yield load
    for name in loaded:
        sys.modules.pop(name, None)


@pytest.fixture(scope="session")
def example_path() -> Callable[[str], Path]:
    """The path of ``data/examples/<file>``, checked to exist."""

    def path_of(filename: str) -> Path:
        path = EXAMPLES_DIR / filename
        assert path.is_file(), f"{path} is missing"
        return path

    return path_of


# --- the guide's data -------------------------------------------------------------------


@dataclass(frozen=True)
class GuideData:
    """The parts of ``data/`` the example tests compare against."""

    libraries: dict[str, dict[str, Any]]  # slug -> library record
    versions: dict[str, Any]  # data/versions.yaml
    examples: list[dict[str, Any]]  # data/examples.yaml entries
    source: str  # "catalog" or "yaml"

    def recommended(self, slug: str) -> str:
        version = self.libraries[slug].get("recommended_version")
        assert version, f"data/libraries/{slug}.yaml has no recommended_version"
        return str(version)


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="session")
def guide_data() -> GuideData:
    """Read through ``macros.catalog.load_catalog`` when the whole catalog validates;
    otherwise (other files still being written) read the YAML files directly."""
    try:
        from macros.catalog import load_catalog

        catalog = load_catalog()
    except Exception:  # any problem elsewhere in data/ falls back to reading the YAML
        pass
    else:
        return GuideData(
            libraries={
                slug: lib.model_dump(mode="json") for slug, lib in catalog.libraries.items()
            },
            versions=catalog.versions.model_dump(mode="json"),
            examples=[e.model_dump(mode="json") for e in catalog.examples.values()],
            source="catalog",
        )
    libraries = {}
    for path in sorted((DATA_DIR / "libraries").glob("*.yaml")):
        record = _load_yaml(path)
        if isinstance(record, dict) and "slug" in record:
            libraries[record["slug"]] = record
    return GuideData(
        libraries=libraries,
        versions=_load_yaml(DATA_DIR / "versions.yaml"),
        examples=_load_yaml(DATA_DIR / "examples.yaml")["examples"],
        source="yaml",
    )


# --- processes and ports ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen[Any], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"process exited early with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port} within {timeout} seconds")


@dataclass(frozen=True)
class RedisServer:
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A throwaway Redis server on a free port, without persistence, stopped afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server was not found on PATH; the Celery example is tested against a real "
            "Redis server. Install it with: apt-get install redis-server"
        )
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--daemonize", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process, timeout=15)
        yield RedisServer(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def run_tool(command: list[str], folder: Path | None = None) -> tuple[int, str]:
    """Run a command line tool: its exit code and all it printed."""
    completed = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, timeout=120, check=False
    )
    return completed.returncode, completed.stdout + completed.stderr


def run_pytest(folder: Path, *args: str) -> tuple[int, str]:
    """Run pytest in ``folder`` in a fresh interpreter: its exit code and all it printed."""
    return run_tool([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], folder)
