"""The dependency sets the site shows a reader: what ``make check-stacks`` must check.

Two kinds: each recommended stack of ``data/stacks.yaml`` with its default picks (the first
library of each part, every library of the parts used together), and every distinct
``pyproject.toml`` block the selector can produce, found by running ``selector.recommend`` on
every combination of answers. Requirement lines are written the way the site writes them
(``selector.stack.requirement``), so a set here is exactly what a reader copies.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from macros.catalog import Catalog
from macros.models import Stack
from macros.selector_data import selector_payload
from selector import recommend, to_query
from selector.engine import is_asked
from selector.install_check import canonical, requirement_set, set_key
from selector.stack import requirement


@dataclass(frozen=True)
class DependencySet:
    id: str
    name: str
    kind: str
    requirements: list[str]
    answers: str | None = None


def stack_requirements(catalog: Catalog, stack: Stack) -> list[str]:
    """The requirement lines of a recommended stack's default picks."""
    together = set(catalog.composition.together_roles)
    pinned = _pinned_extras(catalog)
    lines = []
    for role, slugs in stack.parts.items():
        for slug in slugs if role in together else slugs[:1]:
            library = catalog.libraries[slug]
            if library.package:
                extras = pinned.get(slug, list(library.extras))
                version = library.recommended_version
                lines.append(
                    requirement({"package": library.package, "extras": extras, "version": version})
                )
    return canonical(lines)


def _pinned_extras(catalog: Catalog) -> dict[str, list[str]]:
    """Extras as data/versions.yaml pins them, as in the selector's payload."""
    found: dict[str, list[str]] = {}
    for group in catalog.versions.groups:
        for pin in group.libraries:
            if pin.extras is not None:
                found.setdefault(pin.slug, list(pin.extras))
    return found


def recommended_sets(catalog: Catalog) -> list[DependencySet]:
    return [
        DependencySet(stack.slug, stack.name, "stack", stack_requirements(catalog, stack))
        for stack in catalog.stacks.values()
    ]


def answer_combinations(payload: dict[str, Any]) -> list[list[str | None]]:
    """Per question: unanswered, then each answer; their product is every combination."""
    return [[None, *(a["value"] for a in q["answers"])] for q in payload["questions"]]


def _asked_combinations(payload: dict[str, Any], first: str | None) -> Iterator[dict[str, str]]:
    """Every combination of answers whose first answer is ``first``, leaving out answers to
    questions that are not asked given the others: the engine ignores those (they only appear
    in the result's ``ignored``), so they cannot change the pyproject block."""
    questions = payload["questions"]

    def walk(index: int, answers: dict[str, str]) -> Iterator[dict[str, str]]:
        if index == len(questions):
            yield dict(answers)
            return
        question = questions[index]
        yield from walk(index + 1, answers)
        if is_asked(question, answers):
            for answer in question["answers"]:
                yield from walk(index + 1, {**answers, question["id"]: answer["value"]})

    start = {questions[0]["id"]: first} if first is not None else {}
    yield from walk(1, start)


def _outcomes(payload: dict[str, Any], first: str | None) -> dict[str, tuple[str, str]]:
    """Set key -> (result name, answers) for the combinations starting with ``first``."""
    found: dict[str, tuple[str, str]] = {}
    for answers in _asked_combinations(payload, first):
        result = recommend(payload, answers)
        key = set_key(requirement_set(result["pyproject"]))
        if key not in found:
            name = f"Selector: {result['framework_name']}, {result['stack']['name']}"
            found[key] = (name, to_query(result["answers"]))
    return found


def selector_sets(payload: dict[str, Any]) -> list[DependencySet]:
    """Every distinct requirement set of the selector's pyproject block, over all answers."""
    firsts = answer_combinations(payload)[0]
    workers = min(len(firsts), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(_outcomes, itertools.repeat(payload), firsts))
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        for key, value in part.items():
            merged.setdefault(key, value)
    return [
        DependencySet(_selector_id(key), name, "selector", key.split("\n"), answers or None)
        for key, (name, answers) in sorted(merged.items())
    ]


def _selector_id(key: str) -> str:
    return "selector-" + hashlib.sha256(key.encode()).hexdigest()[:10]


def all_sets(catalog: Catalog) -> list[DependencySet]:
    return [*recommended_sets(catalog), *selector_sets(selector_payload(catalog))]
