"""The selector's payload: the decision tree, the composition rules and the reference stacks
compiled to plain JSON.

This module owns the one translation from the validated models (``macros.catalog``) to the data
the ``selector`` package runs on, in the browser and on the command line. The payload holds
only lists, dicts, strings, ints, booleans and None, so it can be written as JSON and read by
Pyodide. Roles, candidates and reference stacks name libraries by slug; ``libraries`` holds the
details of each (name, package, extras, recommended_version), copied from the library files,
with extras overridden where ``data/versions.yaml`` pins them, so the selector's pyproject block
agrees with the guide's recommended pyproject. ``install_checks`` carries the outcome of
``make check-stacks`` (``data/install_check.yaml``) keyed by requirement set.
"""

from __future__ import annotations

from typing import Any

from macros.compatibility import support
from macros.composition import Candidate, Composition, Role
from macros.decision import Answer, DecisionTree, Question
from macros.models import Claim, InstallCheck, Library, Stack, UseCase, Versions
from selector.install_check import package_of, set_key

PAYLOAD_FORMAT = 2


def selector_payload(catalog: Any) -> dict[str, Any]:
    """Everything ``selector.recommend`` needs, from a loaded catalog."""
    tree: DecisionTree = catalog.decision_tree
    versions: Versions | None = catalog.versions
    extras = _pinned_extras(versions)

    def library(slug: str) -> dict[str, Any]:
        return _library(catalog.libraries[slug], extras)

    composition: Composition = catalog.composition
    return {
        "format": PAYLOAD_FORMAT,
        "python": versions.python if versions else None,
        "candidates": [library(slug) for slug in tree.candidates],
        "questions": [_question(qid, question) for qid, question in tree.questions.items()],
        "presets": [
            _preset(pid, preset.answers, catalog.use_cases[preset.use_case])
            for pid, preset in tree.presets.items()
        ],
        "roles": [_role(rid, role) for rid, role in composition.roles.items()],
        "stack_names": [
            {"when": _conditions(entry.when), "name": entry.name} for entry in composition.names
        ],
        "stacks": [_stack(stack) for stack in catalog.stacks.values()],
        "together_roles": list(composition.together_roles),
        "libraries": {slug: library(slug) for slug in _named_libraries(catalog)},
        "install_checks": install_checks(catalog),
    }


def install_checks(catalog: Any) -> dict[str, Any]:
    """The install check's outcome per requirement set, as ``selector.install_check`` reads it;
    ``pythons`` comes from the current data, so a check run for fewer versions shows as such."""
    check: InstallCheck | None = catalog.install_check
    common = {
        "pythons": list(catalog.versions.check_pythons),
        "guide_python": catalog.versions.python,
        "python_gaps": python_gaps(catalog),
    }
    if check is None:
        return {**common, "checked": None, "platform": None, "sets": {}}
    return {
        **common,
        "checked": check.checked.isoformat(),
        "platform": check.platform,
        "sets": {
            set_key(checked.requirements): [
                run.model_dump(mode="json") for run in checked.resolutions
            ]
            for checked in check.sets
        },
    }


def python_gaps(catalog: Any) -> dict[str, dict[str, Any]]:
    """Packages that do not claim the guide's Python: Requires-Python excludes it (``no``) or
    the classifiers leave it out (``allowed``), as ``macros.compatibility`` decides."""
    gaps = {}
    for library in catalog.libraries.values():
        state = support(library, catalog.versions.python) if library.package else "yes"
        if state in {"no", "allowed"}:
            facts = library.package_facts
            gaps[package_of(library.package)] = {
                "name": library.name,
                "state": state,
                "requires_python": facts.requires_python,
                "python_versions": list(facts.python_versions),
            }
    return gaps


def _named_libraries(catalog: Any) -> list[str]:
    """Every library a role or a reference stack names, in a stable order."""
    slugs = [
        candidate.library
        for role in catalog.composition.roles.values()
        for candidate in role.candidates
    ]
    slugs += [
        slug for stack in catalog.stacks.values() for part in stack.parts.values() for slug in part
    ]
    return sorted(set(slugs))


def _text(value: str | Claim) -> tuple[str, str | None]:
    if isinstance(value, Claim):
        return value.text, value.source
    return value, None


def _pinned_extras(versions: Versions | None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for group in versions.groups if versions else []:
        for pin in group.libraries:
            if pin.extras is not None:
                found.setdefault(pin.slug, list(pin.extras))
    return found


def _library(library: Library, extras: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "slug": library.slug,
        "name": library.name,
        "package": library.package,
        "extras": extras.get(library.slug, list(library.extras)),
        "recommended_version": library.recommended_version,
    }


def _answer(value: str, answer: Answer) -> dict[str, Any]:
    because, source = _text(answer.because)
    return {
        "value": value,
        "label": answer.label,
        "because": because,
        "source": source,
        "weights": dict(answer.weights),
    }


def _question(qid: str, question: Question) -> dict[str, Any]:
    return {
        "id": qid,
        "text": question.text,
        "help": question.help,
        "ask_if": {other: list(values) for other, values in question.ask_if.items()},
        "answers": [_answer(value, answer) for value, answer in question.answers.items()],
    }


def _preset(pid: str, answers: dict[str, str], use_case: UseCase) -> dict[str, Any]:
    return {
        "id": pid,
        "use_case": use_case.id,
        "title": use_case.title,
        "group": use_case.group,
        "choice": use_case.choice,
        "alternative": use_case.alternative,
        "answers": dict(answers),
    }


def _conditions(conditions: list[dict[str, list[str]]]) -> list[dict[str, list[str]]]:
    return [{key: list(values) for key, values in condition.items()} for condition in conditions]


def _candidate(candidate: Candidate) -> dict[str, Any]:
    return {
        "library": candidate.library,
        "builtin": candidate.builtin,
        "when": _conditions(candidate.when),
        "unless": _conditions(candidate.unless),
        "because": candidate.because,
    }


def _role(rid: str, role: Role) -> dict[str, Any]:
    return {
        "id": rid,
        "label": role.label,
        "pick": role.pick,
        "dev": role.dev,
        "detail": role.detail,
        "requires": list(role.requires),
        "when": _conditions(role.when),
        "unless": _conditions(role.unless),
        "candidates": [_candidate(candidate) for candidate in role.candidates],
    }


def _stack(stack: Stack) -> dict[str, Any]:
    return {
        "slug": stack.slug,
        "name": stack.name,
        "summary": stack.summary,
        "parts": {role: list(slugs) for role, slugs in stack.parts.items()},
    }
