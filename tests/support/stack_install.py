"""Installing a dependency set into a fresh virtual environment and importing what it brings.

``find_python`` picks the interpreter: the one running the tests when the guide supports it,
otherwise an installed ``python3.X`` the guide supports (the stacks need the guide's minimum
Python, which may be newer than the one the tests run on). uv creates the environment and
installs from wheels; its cache is shared, so each wheel is downloaded once for all stacks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from macros.stack_check import uv_binary

# Distribution files that are not the library's own code: importing them says nothing.
NOT_CODE = {"tests", "test", "testing", "docs", "doc", "examples", "benchmarks", "__pycache__"}

# Run inside the new environment: the top-level modules of each named distribution (packages,
# or the first regular package below a namespace such as opentelemetry), each imported with
# DeprecationWarning raised as an error (the interpreter runs with -W error::DeprecationWarning).
IMPORT_ALL = """
import importlib, importlib.metadata as md, json, sys, traceback
skip = set(json.loads(sys.argv[1]))
def modules(dist):
    packages, singles = set(), set()
    for file in md.distribution(dist).files or []:
        parts = file.parts
        if parts[0] in skip or parts[0].endswith((".dist-info", ".data")) or parts[0] == "..":
            continue
        if parts[-1] == "__init__.py":
            packages.add(".".join(parts[:-1]))
        elif len(parts) == 1 and parts[0].endswith((".py", ".so", ".pyd")):
            singles.add(parts[0].split(".")[0])
    tops = {p for p in packages if not any(p.startswith(q + ".") for q in packages)}
    return sorted(tops | singles)
found, failed = {}, {}
for dist in sys.argv[2:]:
    found[dist] = modules(dist)
    for name in found[dist]:
        try:
            importlib.import_module(name)
        except BaseException as exc:
            failed[name] = "".join(traceback.format_exception_only(exc)).strip()
print(json.dumps({"modules": found, "failed": failed}))
"""


def _version_of(python: str) -> tuple[int, int] | None:
    try:
        run = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if run.returncode != 0:
        return None
    major, minor = run.stdout.split()
    return int(major), int(minor)


def find_python(supported: list[str]) -> str | None:
    """An interpreter whose version is one of ``supported`` ("3.12", ...), or None."""
    wanted = {tuple(int(p) for p in v.split(".")[:2]) for v in supported}
    if sys.version_info[:2] in wanted:
        return sys.executable
    candidates = [shutil.which(f"python{v}") for v in supported]
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip()
        candidates += [str(p) for p in sorted(Path(root).glob("versions/*/bin/python3"))]
    for candidate in filter(None, candidates):
        if _version_of(candidate) in wanted:
            return candidate
    return None


def _uv(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}
    return subprocess.run(
        [uv_binary(), *args], capture_output=True, text=True, timeout=900, env=env
    )


def install(python: str, folder: Path, requirements: list[str]) -> str:
    """A new environment in ``folder`` with ``requirements``; returns its interpreter.
    Raises AssertionError with uv's message when it cannot be created or installed."""
    made = _uv("venv", "--quiet", "--python", python, str(folder))
    assert made.returncode == 0, f"uv venv failed: {made.stderr}"
    venv_python = str(folder / "bin" / "python")
    if not requirements:
        return venv_python
    lines = folder / "requirements.txt"
    lines.write_text("\n".join(requirements) + "\n", encoding="utf-8")
    done = _uv(
        "pip", "install", "--quiet", "--python", venv_python, "--only-binary", ":all:",
        "--link-mode", "copy", "-r", str(lines),
    )  # fmt: skip
    assert done.returncode == 0, f"uv pip install failed:\n{done.stderr}"
    return venv_python


def import_all(venv_python: str, distributions: list[str]) -> dict[str, dict]:
    """``modules`` (distribution -> its top-level modules) and ``failed`` (module -> error)."""
    run = subprocess.run(
        [
            venv_python,
            "-W",
            "error::DeprecationWarning",
            "-c",
            IMPORT_ALL,
            json.dumps(sorted(NOT_CODE)),
            *distributions,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"the import run itself failed:\n{run.stderr}"
    return json.loads(run.stdout)
