"""From a chosen framework to a stack: which rule applies, which libraries, the pyproject block.

Pure functions on the payload. In a stack part the first library is the pick and the rest are
alternatives, except in the payload's ``together_roles``, whose libraries are all used. A rule's
``prefer`` and the chosen framework move libraries to the front of their part.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FRAMEWORK_ROLE = "framework"
DEV_GROUP = "dev"


def rule_matches(rule: Mapping[str, Any], framework: str, answers: Mapping[str, str]) -> bool:
    for key, values in rule["when"].items():
        actual = framework if key == FRAMEWORK_ROLE else answers.get(key)
        if actual not in values:
            return False
    return True


def pick_stack(
    payload: Mapping[str, Any], framework: str, answers: Mapping[str, str]
) -> dict[str, Any]:
    """The first matching stack rule; the data ends with a rule that always matches."""
    rules: list[dict[str, Any]] = payload["stack_rules"]
    return next((rule for rule in rules if rule_matches(rule, framework, answers)), rules[-1])


def _front(libraries: list[dict[str, Any]], preferred: list[str]) -> list[dict[str, Any]]:
    rank = {slug: index for index, slug in enumerate(preferred)}
    return sorted(libraries, key=lambda lib: rank.get(lib["slug"], len(rank)))


def _parts(
    payload: Mapping[str, Any], stack: Mapping[str, Any], rule: Mapping[str, Any], framework: str
) -> dict[str, list[dict[str, Any]]]:
    together = set(payload["together_roles"])
    chosen = next(c for c in payload["candidates"] if c["slug"] == framework)
    parts: dict[str, list[dict[str, Any]]] = {}
    for role, libraries in stack["parts"].items():
        preferred = rule["prefer"].get(role, [])
        if role == FRAMEWORK_ROLE:
            preferred = [framework]
            if all(lib["slug"] != framework for lib in libraries):
                libraries = [chosen, *libraries]
        ordered = _front(list(libraries), preferred)
        parts[role] = [
            {
                "slug": lib["slug"],
                "name": lib["name"],
                "version": lib["recommended_version"],
                "package": lib["package"],
                "extras": list(lib["extras"]),
                "pick": role in together or index == 0,
            }
            for index, lib in enumerate(ordered)
        ]
    return parts


def stack_result(
    payload: Mapping[str, Any], rule: Mapping[str, Any], framework: str
) -> dict[str, Any]:
    stack = payload["stacks"][rule["stack"]]
    return {
        "slug": stack["slug"],
        "name": stack["name"],
        "summary": stack["summary"],
        "because": rule["because"],
        "parts": _parts(payload, stack, rule, framework),
    }


def requirement(library: Mapping[str, Any]) -> str:
    """A PEP 508 line: ``name[extra,...]>=version``; no lower bound when the data has none."""
    extras = f"[{','.join(library['extras'])}]" if library["extras"] else ""
    version = f">={library['version']}" if library["version"] else ""
    return f"{library['package']}{extras}{version}"


def toml_array(name: str, lines: list[str]) -> list[str]:
    return [f"{name} = [", *(f'    "{line}",' for line in lines), "]"]


def pyproject_block(payload: Mapping[str, Any], parts: Mapping[str, list[dict[str, Any]]]) -> str:
    """``[project]`` dependencies (and a dev group for test tools) for the picked libraries."""
    dev_roles = set(payload["dev_roles"])
    runtime: dict[str, str] = {}
    dev: dict[str, str] = {}
    for role, libraries in parts.items():
        target = dev if role in dev_roles else runtime
        for library in libraries:
            if library["pick"] and library["package"]:
                target.setdefault(library["package"].lower(), requirement(library))
    dev = {package: line for package, line in dev.items() if package not in runtime}
    lines = ["[project]"]
    if payload.get("python"):
        lines.append(f'requires-python = ">={payload["python"]}"')
    lines += toml_array("dependencies", list(runtime.values()))
    if dev:
        lines += ["", "[dependency-groups]", *toml_array(DEV_GROUP, list(dev.values()))]
    return "\n".join(lines) + "\n"
