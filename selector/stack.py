"""The composed stack as a result: its name, the reference stack it equals, the pyproject block.

Pure functions on the payload and on the parts from ``selector.compose``.

A composed stack *equals* a reference stack of ``data/stacks.yaml`` when it has, for each of
the reference's roles, every library of a ``together_roles`` role and at least one library of
any other role (the rest are alternatives), and every part outside a ``detail`` role is one
the reference lists. The *closest* reference stack is, among those offering the chosen
framework (all, if none does), the one sharing the largest fraction of libraries with the
composed stack (outside detail roles), counting an alternative the stack uses as the
reference's pick; on equal fractions the one listed first wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selector.compose import compose_parts, stack_name

DEV_GROUP = "dev"


def _detail_roles(payload: Mapping[str, Any]) -> set[str]:
    return {role["id"] for role in payload["roles"] if role["detail"]}


def _core(payload: Mapping[str, Any], parts: list[dict[str, Any]]) -> set[str]:
    detail = _detail_roles(payload)
    return {part["slug"] for part in parts if part["role"] not in detail}


def equals_reference(
    payload: Mapping[str, Any], reference: Mapping[str, Any], parts: list[dict[str, Any]]
) -> bool:
    together = set(payload["together_roles"])
    slugs = {part["slug"] for part in parts}
    listed: set[str] = set()
    for role, options in reference["parts"].items():
        listed.update(options)
        wanted = set(options) <= slugs if role in together else not slugs.isdisjoint(options)
        if not wanted:
            return False
    return _core(payload, parts) <= listed


def reference_picks(
    payload: Mapping[str, Any], reference: Mapping[str, Any], slugs: set[str]
) -> set[str]:
    """The reference's libraries as this stack would use them: an alternative in ``slugs``
    stands in for the first choice of its role."""
    together = set(payload["together_roles"])
    picks: set[str] = set()
    for role, options in reference["parts"].items():
        if role in together:
            picks.update(options)
        else:
            picks.add(next((slug for slug in options if slug in slugs), options[0]))
    return picks


def closest_reference(
    payload: Mapping[str, Any], framework: str, parts: list[dict[str, Any]]
) -> dict[str, Any] | None:
    core = _core(payload, parts)
    offering = [r for r in payload["stacks"] if framework in r["parts"].get("framework", [])]
    best: dict[str, Any] | None = None
    best_shared, best_total = 0, 1
    for reference in offering or payload["stacks"]:
        picks = reference_picks(payload, reference, core)
        shared, total = len(core & picks), len(core | picks) or 1
        # shared / total > best_shared / best_total, in integers so no float rounding decides.
        if best is None or shared * best_total > best_shared * total:
            best, best_shared, best_total = reference, shared, total
    return best


def _named(reference: Mapping[str, Any] | None) -> dict[str, str] | None:
    if reference is None:
        return None
    return {"slug": reference["slug"], "name": reference["name"], "summary": reference["summary"]}


def stack_result(
    payload: Mapping[str, Any],
    framework: str,
    answers: Mapping[str, str],
    labels: Mapping[tuple[str, str], str],
) -> dict[str, Any]:
    """``name``, ``parts``, ``equals`` (a reference stack's slug, or None) and ``closest``."""
    parts = compose_parts(payload, framework, answers, labels)
    same = next((r for r in payload["stacks"] if equals_reference(payload, r, parts)), None)
    closest = same or closest_reference(payload, framework, parts)
    return {
        "name": stack_name(payload, framework, answers),
        "parts": parts,
        "equals": same["slug"] if same else None,
        "closest": _named(closest),
    }


def requirement(part: Mapping[str, Any]) -> str:
    """A PEP 508 line: ``name[extra,...]>=version``; no lower bound when the data has none."""
    extras = f"[{','.join(part['extras'])}]" if part["extras"] else ""
    version = f">={part['version']}" if part["version"] else ""
    return f"{part['package']}{extras}{version}"


def toml_array(name: str, lines: list[str]) -> list[str]:
    return [f"{name} = [", *(f'    "{line}",' for line in lines), "]"]


def pyproject_block(payload: Mapping[str, Any], parts: list[dict[str, Any]]) -> str:
    """``[project]`` dependencies (and a dev group) for the parts that install a package.

    The one function that writes the block, for the result and for checks that resolve every
    block the selector can produce. Built-in parts and services add nothing.
    """
    runtime: dict[str, str] = {}
    dev: dict[str, str] = {}
    for part in parts:
        if part["package"]:
            target = dev if part["dev"] else runtime
            target.setdefault(part["package"].lower(), requirement(part))
    dev = {package: line for package, line in dev.items() if package not in runtime}
    lines = ["[project]"]
    if payload.get("python"):
        lines.append(f'requires-python = ">={payload["python"]}"')
    lines += toml_array("dependencies", list(runtime.values()))
    if dev:
        lines += ["", "[dependency-groups]", *toml_array(DEV_GROUP, list(dev.values()))]
    return "\n".join(lines) + "\n"
