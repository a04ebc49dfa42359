"""``make check-stacks``: does every dependency set the guide shows install together?

Collects the sets (``macros.stack_sets``: the recommended stacks and every selector outcome)
and resolves each with uv against the package index, for every Python in ``check_pythons`` of
``data/versions.yaml``, from wheels only, for Linux on x86-64, in two modes: ``newest`` (the
lines as a reader pastes them, so the resolver takes the newest releases) and ``exact``
(each listed library at exactly the version the guide recommends). It writes the outcome to
``data/install_check.yaml``, which the build reads to say on each page whether the set was
checked and when. Exit status 1 when a set fails or the outcome cannot be written.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import yaml

from macros.catalog import DATA_DIR, INSTALL_CHECK_FILE, DataError, load_catalog
from macros.models import CheckedSet, InstallCheck, Resolution
from macros.stack_sets import DependencySet, all_sets, recommended_sets
from selector.install_check import set_key

PLATFORM = "x86_64-manylinux_2_28"
MODES = ("newest", "exact")
MAX_MESSAGE = 2000
WORKERS = 8
HEADER = (
    "# yaml-language-server: $schema=schema/install-check.schema.json\n"
    "# Written by `make check-stacks` (macros/stack_check.py): whether each dependency set the\n"
    "# guide shows resolves together. Re-run it rather than editing this file.\n"
)


class ToolError(Exception):
    """The resolver could not be run at all (as opposed to a set that does not resolve)."""


def uv_binary() -> str:
    try:
        from uv import find_uv_bin
    except ImportError as exc:
        raise ToolError(
            "uv is not installed in this environment; run `make setup` (it is in the test "
            "dependency group of pyproject.toml)"
        ) from exc
    return str(find_uv_bin())


def uv_version(uv: str) -> str:
    return subprocess.run([uv, "--version"], capture_output=True, text=True, check=True).stdout


def pinned(line: str) -> str:
    """``name[extras]>=1.2`` -> ``name[extras]==1.2``; a line without a version is kept."""
    return line.replace(">=", "==", 1)


def _message(stderr: str) -> str:
    """The resolver's explanation, without colour codes and uv's generic first line."""
    lines = [line.rstrip() for line in re.sub(r"\x1b\[[0-9;]*m", "", stderr).splitlines()]
    lines = [line for line in lines if line.strip()]
    if lines and lines[0].startswith("error: No solution found"):
        lines = lines[1:]
    text = "\n".join(lines).strip().removeprefix("error: ").removeprefix("cause: ")
    return text[:MAX_MESSAGE] or "the resolver failed without a message"


def _compile(uv: str, lines: Iterable[str], python: str, *, offline: bool) -> tuple[bool, str]:
    command = [
        uv, "pip", "compile", "-", "--quiet", "--no-header", "--color", "never",
        "--python-version", python, "--python-platform", PLATFORM, "--only-binary", ":all:",
        # The interpreter only runs uv's resolver: no download of the target Python is needed.
        "--python", sys.executable, "--no-python-downloads", *(["--offline"] if offline else []),
    ]  # fmt: skip
    try:
        run = subprocess.run(
            command, input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=300
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolError(f"could not run {uv}: {exc}") from exc
    return run.returncode == 0, run.stderr


def resolve(uv: str, lines: Iterable[str], python: str, mode: str) -> Resolution:
    """One resolution with uv; a conflict or a missing wheel is a failed Resolution.

    It resolves from uv's cache first (``refresh`` has just fetched the index pages, and a
    resolution from the cache costs a tenth of one over the network) and asks the index
    whenever that fails, so every failure reported is the index's answer.
    """
    wanted = [pinned(line) if mode == "exact" else line for line in lines]
    ok, _ = _compile(uv, wanted, python, offline=True)
    if not ok:
        ok, stderr = _compile(uv, wanted, python, offline=False)
        if not ok:
            return Resolution(python=python, mode=mode, ok=False, message=_message(stderr))
    return Resolution(python=python, mode=mode, ok=True)


def refresh(uv: str, requirement_sets: Iterable[list[str]], pythons: list[str]) -> None:
    """Fetch the index pages of everything the sets name, once per Python, into uv's cache.
    The union may well not resolve; only the fetching counts."""
    union = sorted({line for lines in requirement_sets for line in lines})
    with ThreadPoolExecutor(max_workers=len(pythons) or 1) as pool:
        list(pool.map(lambda python: _compile(uv, union, python, offline=False), pythons))


def check_sets(
    sets: list[DependencySet], pythons: list[str], uv: str | None = None
) -> list[CheckedSet]:
    """Resolve every distinct set once per Python and mode, concurrently."""
    uv = uv or uv_binary()
    distinct = {set_key(s.requirements): s.requirements for s in sets}
    refresh(uv, distinct.values(), pythons)
    jobs = [(key, python, mode) for key in distinct for python in pythons for mode in MODES]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        done = pool.map(lambda job: resolve(uv, distinct[job[0]], job[1], job[2]), jobs)
        outcome: dict[str, list[Resolution]] = {}
        for (key, _, _), resolution in zip(jobs, done, strict=True):
            outcome.setdefault(key, []).append(resolution)
    return [
        CheckedSet(
            id=s.id,
            name=s.name,
            kind=s.kind,
            answers=s.answers,
            requirements=s.requirements,
            resolutions=outcome[set_key(s.requirements)],
        )
        for s in sets
    ]


def failures(checked: list[CheckedSet]) -> list[str]:
    """One line per failed run: the set, the Python version, the mode and the resolver's words."""
    out = []
    for item in checked:
        where = f"{item.name} ({item.id}" + (f", answers {item.answers})" if item.answers else ")")
        for run in item.resolutions:
            if not run.ok:
                message = " ".join((run.message or "").split())
                out.append(f"{where} on Python {run.python}, {run.mode}: {message}")
    return out


class _Dumper(yaml.SafeDumper):
    """No aliases (the loader refuses them); a run that passed on one line."""

    def ignore_aliases(self, data: object) -> bool:
        return True

    def represent_dict(self, data: dict) -> yaml.Node:  # type: ignore[override]
        flow = "mode" in data and "message" not in data
        return self.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


_Dumper.add_representer(dict, _Dumper.represent_dict)


def results_text(checked: list[CheckedSet], resolver: str, today: date) -> str:
    document = InstallCheck(checked=today, resolver=resolver, platform=PLATFORM, sets=checked)
    data = document.model_dump(mode="python", exclude_none=True)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check-stacks", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder")
    parser.add_argument("--no-write", action="store_true", help="check only; write nothing")
    parser.add_argument(
        "--stacks-only", action="store_true", help="only the recommended stacks, not the selector"
    )
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(args.data)
        uv = uv_binary()
        sets = recommended_sets(catalog) if args.stacks_only else all_sets(catalog)
        checked = check_sets(sets, catalog.versions.check_pythons, uv)
    except (DataError, ToolError) as exc:
        print(exc, file=sys.stderr)
        return 1
    problems = failures(checked)
    runs = sum(len(item.resolutions) for item in checked)
    print(f"Checked {len(checked)} dependency sets ({runs} resolutions); {len(problems)} failed.")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not args.no_write:
        path = args.data / INSTALL_CHECK_FILE
        path.write_text(results_text(checked, uv_version(uv).strip(), date.today()), "utf-8")
        try:
            load_catalog(args.data)
        except DataError as exc:
            print(f"the written results do not validate:\n{exc}", file=sys.stderr)
            return 1
        print(f"Wrote {path}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
