"""The selector's payload: the decision tree and stacks compiled to plain JSON.

This module owns the one translation from the validated models (``macros.catalog``) to the data
the ``selector`` package runs on, in the browser and on the command line. The payload holds
only lists, dicts, strings, ints and None, so it can be written as JSON and read by Pyodide.
Library details (name, package, extras, recommended_version) are copied from the library files,
with extras overridden where ``data/versions.yaml`` pins them, so the selector's pyproject block
agrees with the guide's recommended pyproject.
"""

from __future__ import annotations

from typing import Any

from macros.decision import Answer, DecisionTree, Question, StackRule
from macros.models import Claim, Library, Stack, UseCase, Versions

PAYLOAD_FORMAT = 1


def selector_payload(catalog: Any) -> dict[str, Any]:
    """Everything ``selector.recommend`` needs, from a loaded catalog."""
    tree: DecisionTree = catalog.decision_tree
    versions: Versions | None = catalog.versions
    extras = _pinned_extras(versions)

    def library(slug: str) -> dict[str, Any]:
        return _library(catalog.libraries[slug], extras)

    used_stacks = list(dict.fromkeys(rule.stack for rule in tree.stack_rules))
    return {
        "format": PAYLOAD_FORMAT,
        "python": versions.python if versions else None,
        "candidates": [library(slug) for slug in tree.candidates],
        "questions": [_question(qid, question) for qid, question in tree.questions.items()],
        "presets": [
            _preset(pid, preset.answers, catalog.use_cases[preset.use_case])
            for pid, preset in tree.presets.items()
        ],
        "stack_rules": [_rule(rule) for rule in tree.stack_rules],
        "stacks": {slug: _stack(catalog.stacks[slug], library) for slug in used_stacks},
        "together_roles": list(tree.together_roles),
        "dev_roles": list(tree.dev_roles),
    }


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


def _rule(rule: StackRule) -> dict[str, Any]:
    return {
        "stack": rule.stack,
        "when": {key: list(values) for key, values in rule.when.items()},
        "prefer": {role: list(slugs) for role, slugs in rule.prefer.items()},
        "because": rule.because,
    }


def _stack(stack: Stack, library: Any) -> dict[str, Any]:
    return {
        "slug": stack.slug,
        "name": stack.name,
        "summary": stack.summary,
        "parts": {role: [library(slug) for slug in slugs] for role, slugs in stack.parts.items()},
    }
