"""Whether a dependency set was checked to install together, in the words pages and results use.

``make check-stacks`` resolves every dependency set the guide shows and records the outcome in
``data/install_check.yaml``; ``macros.selector_data`` compiles that into the payload's
``install_checks``: ``checked`` (ISO date or None), ``pythons`` (the versions every set must
resolve on), ``platform`` and ``sets`` (set key -> list of runs with ``python``, ``mode``,
``ok``, ``message``), and ``guide_python`` with ``python_gaps`` (the packages that do not
claim the guide's Python; see ``python_warnings``). Pure
and standard library only, so a stack page (rendered under CPython)
and the selector's result (under Pyodide) say the same thing about the same set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_ARRAY_ITEM = re.compile(r'^[ \t]+"([^"\n]+)",?[ \t]*$', re.M)
_NAME_END = re.compile(r"[\[<>=!~;@ ]")
_SEPARATORS = re.compile(r"[-_.]+")
MODE_WORDS = {"newest": "", "exact": " at the recommended versions"}


def canonical(lines: Iterable[str]) -> list[str]:
    """The requirement lines as a set: order and repeats do not change what resolves."""
    return sorted(set(lines), key=lambda line: (line.lower(), line))


def set_key(lines: Iterable[str]) -> str:
    return "\n".join(canonical(lines))


def requirement_set(pyproject: str) -> list[str]:
    """Every requirement of a pyproject block: its dependencies and all dependency groups.

    The block is the one ``selector.stack.pyproject_block`` writes, one quoted requirement per
    line of each array; reading those lines takes a twentieth of the time of a TOML parse,
    which counts in a sweep over every combination of answers.
    """
    return canonical(_ARRAY_ITEM.findall(pyproject))


def _versions(pythons: Iterable[str]) -> str:
    return ", ".join(pythons)


def _unchecked(checks: Mapping[str, Any] | None) -> dict[str, Any]:
    if not checks or not checks.get("checked"):
        text = "Not checked yet to install together"
    else:
        text = (
            "Not checked to install together as it stands: its packages changed after the "
            f"last check ({checks['checked']})"
        )
    return {"state": "unchecked", "checked": None, "pythons": [], "failures": [], "text": text}


def status(checks: Mapping[str, Any] | None, lines: Iterable[str]) -> dict[str, Any]:
    """The check's outcome for one requirement set.

    ``state`` is ``ok`` (every Python resolved in every mode), ``failed`` (a run failed) or
    ``unchecked`` (no run for this exact set, or not for every Python); ``text`` is one
    sentence for the reader (without a final full stop); ``failures`` lists the failed runs
    with the resolver's message.
    """
    runs = (checks or {}).get("sets", {}).get(set_key(lines))
    if not runs:
        return _unchecked(checks)
    assert checks is not None
    wanted = list(checks["pythons"])
    failures = [dict(run) for run in runs if not run["ok"]]
    passed = [v for v in wanted if any(r["python"] == v for r in runs) and not _failed(runs, v)]
    result = {"checked": checks["checked"], "pythons": passed, "failures": failures}
    if failures:
        broken = _versions(dict.fromkeys(run["python"] for run in failures))
        text = (
            f"Does not install together on Python {broken}{MODE_WORDS[failures[0]['mode']]}, "
            f"checked {checks['checked']}"
        )
        return {"state": "failed", **result, "text": text}
    missing = [v for v in wanted if v not in passed]
    if not passed:
        return _unchecked(checks)
    text = f"Resolves together on Python {_versions(passed)}, checked {checks['checked']}"
    if missing:
        text += f"; not checked on Python {_versions(missing)}"
        return {"state": "unchecked", **result, "text": text}
    return {"state": "ok", **result, "text": text}


def _failed(runs: Iterable[Mapping[str, Any]], python: str) -> bool:
    return any(run["python"] == python and not run["ok"] for run in runs)


def package_of(line: str) -> str:
    """The normalised distribution name of a requirement line (PEP 503)."""
    name = _NAME_END.split(line, maxsplit=1)[0]
    return _SEPARATORS.sub("-", name).lower()


def python_warnings(checks: Mapping[str, Any] | None, lines: Iterable[str]) -> list[dict[str, Any]]:
    """The packages in ``lines`` that do not claim the guide's Python.

    ``checks["python_gaps"]`` maps such packages to ``name``, ``state`` (``no``: Requires-Python
    excludes it; ``allowed``: the classifiers leave it out), ``requires_python`` and
    ``python_versions``;
    ``checks["guide_python"]`` is the version the guide tells readers to start on.
    """
    gaps = (checks or {}).get("python_gaps", {})
    guide = (checks or {}).get("guide_python")
    out = []
    for package in dict.fromkeys(package_of(line) for line in canonical(lines)):
        gap = gaps.get(package)
        if gap is not None:
            out.append({"package": package, **gap, "text": _gap_text(gap, guide)})
    return out


def _gap_text(gap: Mapping[str, Any], guide: str | None) -> str:
    if gap["state"] == "no":
        return (
            f"{gap['name']} does not support Python {guide}, which this guide recommends: "
            f"its package requires Python {gap['requires_python']}."
        )
    named = ", ".join(gap["python_versions"])
    return (
        f"{gap['name']} does not list Python {guide}, which this guide recommends, among the "
        f"versions it supports (its classifiers name {named})."
    )


def describe(checks: Mapping[str, Any] | None, lines: Iterable[str]) -> dict[str, Any]:
    """``status`` of the set, with its ``python_warnings``."""
    lines = list(lines)
    return {**status(checks, lines), "python_warnings": python_warnings(checks, lines)}


def install_check(payload: Mapping[str, Any], pyproject: str) -> dict[str, Any]:
    """The check of a selector result's pyproject block (``install_check`` in the result)."""
    return describe(payload.get("install_checks"), requirement_set(pyproject))
