"""The standard library the selector ships: only the modules Pyodide's start-up and the
selector import, compiled ahead by Pyodide's own Python (``macros/stdlib.mjs`` under Node).

The page passes it to ``loadPyodide`` as ``stdLibURL``, so a first visit downloads a fraction
of the npm package's ``python_stdlib.zip`` and start-up compiles no Python source. Making it
starts Pyodide twice (a few seconds), so the zip is kept in ``node_modules/.cache/`` under a
key of everything it is made from: the Pyodide version, the script and the selector's archive.
The same key names the file in the site, so a new standard library gets a new URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.assets import selector_archive
from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed

SCRIPT = Path(__file__).with_name("stdlib.mjs")
PROJECT = Path(__file__).resolve().parent.parent


def _key(project_dir: Path, archive: bytes) -> str:
    digest = hashlib.sha256()
    digest.update((project_dir / "node_modules" / "pyodide" / "package.json").read_bytes())
    digest.update(SCRIPT.read_bytes())
    digest.update(archive)
    return digest.hexdigest()[:16]


def stdlib_name(project_dir: Path, archive: bytes) -> str:
    """The zip's name in ``assets/pyodide/``, by the key of what it is made from."""
    return f"python_stdlib-{_key(project_dir, archive)}.zip"


@declares_outputs
def stdlib_outputs(catalog: Catalog) -> Iterable[Output]:
    name = stdlib_name(PROJECT, selector_archive(PROJECT))
    return fixed([f"assets/pyodide/{name}"], "macros/stdlib.py", "the standard library")


def _make(project_dir: Path, archive: bytes, payload: dict[str, Any], target: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is not on PATH: the build needs Node 20 or newer")
    with tempfile.TemporaryDirectory(prefix="guide-stdlib-") as folder:
        payload_file = Path(folder) / "payload.json"
        payload_file.write_text(json.dumps(payload), encoding="utf-8")
        made = Path(folder) / "stdlib.zip"
        pyodide = project_dir / "node_modules" / "pyodide"
        selector = Path(folder) / "selector.zip"
        selector.write_bytes(archive)
        run = subprocess.run(
            [node, str(SCRIPT), str(pyodide), str(selector), str(payload_file), str(made)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode != 0:
            raise PluginError(f"making the trimmed standard library failed:\n{run.stderr}")
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed, so a build running at the same time never
        # reads half a file.
        partial = target.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(made, partial)
        partial.replace(target)


def trimmed_stdlib(project_dir: Path, archive: bytes, payload: dict[str, Any]) -> bytes:
    """The trimmed, compiled standard library for the selector's ``archive`` (its zip)."""
    cache = project_dir / "node_modules" / ".cache" / "stack-guide"
    cached = cache / stdlib_name(project_dir, archive)
    if not cached.is_file():
        _make(project_dir, archive, payload, cached)
    return cached.read_bytes()
