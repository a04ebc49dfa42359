"""Composing a stack: from the chosen framework and the answers to parts, each with its reason.

Pure functions on the payload's ``roles`` and ``stack_names`` (compiled from
``data/composition.yaml``; the rules are explained there). A part is a plain dict:

- ``role``, ``role_label``: the role's id and label;
- ``slug``, ``name``: the library; ``version``, ``package``, ``extras``: what to install, None
  (and no extras) for a ``builtin`` part, which comes with the framework or another part;
- ``dev``: whether it belongs to the dev dependency group;
- ``reason``: one line; ``because_of``: the answers that selected it, each ``question``,
  ``answer`` and ``label``, where ``question`` is ``framework`` when the framework did (for
  the framework's own part: the answers that gave it points).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FRAMEWORK = "framework"
PLACEHOLDER = "{framework}"

Condition = Mapping[str, list[str]]
Labels = Mapping[tuple[str, str], str]


def label_index(payload: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """``(question, value) -> label`` for every answer, and ``(framework, slug) -> name``."""
    labels = {(FRAMEWORK, c["slug"]): c["name"] for c in payload["candidates"]}
    for question in payload["questions"]:
        for answer in question["answers"]:
            labels[(question["id"], answer["value"])] = answer["label"]
    return labels


def holds(condition: Condition, framework: str, answers: Mapping[str, str]) -> bool:
    for key, values in condition.items():
        actual = framework if key == FRAMEWORK else answers.get(key)
        if actual not in values:
            return False
    return True


def selecting(
    item: Mapping[str, Any], framework: str, answers: Mapping[str, str]
) -> Condition | None:
    """The condition that selects ``item`` (empty when it needs none); None when not selected."""
    for condition in item["unless"]:
        if holds(condition, framework, answers):
            return None
    if not item["when"]:
        return {}
    for condition in item["when"]:
        if holds(condition, framework, answers):
            return condition
    return None


def _cited(
    conditions: list[Condition], framework: str, answers: Mapping[str, str], labels: Labels
) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for condition in conditions:
        for key in condition:
            if key in seen:
                continue
            seen.add(key)
            value = framework if key == FRAMEWORK else answers[key]
            out.append({"question": key, "answer": value, "label": labels[(key, value)]})
    return out


def _framework_backers(
    payload: Mapping[str, Any], framework: str, answers: Mapping[str, str], labels: Labels
) -> list[dict[str, str]]:
    """The answers that gave the framework points, in question order."""
    out = []
    for question in payload["questions"]:
        value = answers.get(question["id"])
        if value is None:
            continue
        answer = next(a for a in question["answers"] if a["value"] == value)
        if answer["weights"].get(framework, 0) > 0:
            out.append({"question": question["id"], "answer": value, "label": answer["label"]})
    return out


def _part(
    payload: Mapping[str, Any],
    role: Mapping[str, Any],
    candidate: Mapping[str, Any],
    because_of: list[dict[str, str]],
) -> dict[str, Any]:
    library = payload["libraries"][candidate["library"]]
    builtin = candidate["builtin"]
    return {
        "role": role["id"],
        "role_label": role["label"],
        "slug": library["slug"],
        "name": library["name"],
        "version": None if builtin else library["recommended_version"],
        "package": None if builtin else library["package"],
        "extras": [] if builtin else list(library["extras"]),
        "builtin": builtin,
        "dev": role["dev"],
        "reason": candidate["because"],
        "because_of": because_of,
    }


def _chosen(
    role: Mapping[str, Any], framework: str, answers: Mapping[str, str]
) -> list[tuple[Mapping[str, Any], Condition]]:
    chosen = []
    for candidate in role["candidates"]:
        condition = selecting(candidate, framework, answers)
        if condition is not None:
            chosen.append((candidate, condition))
            if role["pick"] == "first":
                break
    return chosen


Selected = tuple[Mapping[str, Any], Mapping[str, Any], list[Condition]]


def _selected(
    payload: Mapping[str, Any],
    framework: str,
    answers: Mapping[str, str],
    only: set[str] | None,
    filled: set[str] | None,
) -> list[Selected]:
    """``(role, candidate, conditions that selected it)`` for every part, in role order."""
    out: list[Selected] = []
    filled = set(filled or ())
    for role in payload["roles"]:
        if only is not None and role["id"] not in only:
            continue
        if any(needed not in filled for needed in role["requires"]):
            continue
        role_condition = selecting(role, framework, answers)
        if role_condition is None:
            continue
        for candidate, condition in _chosen(role, framework, answers):
            out.append((role, candidate, [role_condition, condition]))
            filled.add(role["id"])
    return out


def compose_parts(
    payload: Mapping[str, Any], framework: str, answers: Mapping[str, str], labels: Labels
) -> list[dict[str, Any]]:
    """Every part of the stack for ``framework`` and ``answers``, in role order."""
    parts = []
    itself = [{"question": FRAMEWORK, "answer": framework, "label": labels[(FRAMEWORK, framework)]}]
    for role, candidate, conditions in _selected(payload, framework, answers, None, None):
        if role["id"] == FRAMEWORK:
            because_of = _framework_backers(payload, framework, answers, labels)
        else:
            because_of = _cited(conditions, framework, answers, labels)
        parts.append(_part(payload, role, candidate, because_of or itself))
    return parts


def part_keys(
    payload: Mapping[str, Any],
    framework: str,
    answers: Mapping[str, str],
    only: set[str],
    filled: set[str],
) -> list[tuple[str, str]]:
    """``(role, library)`` of the parts in the roles ``only``, where ``filled`` names the other
    roles that have a part (for ``requires``): enough to see what one more answer changes."""
    found = _selected(payload, framework, answers, only, filled)
    return [(role["id"], candidate["library"]) for role, candidate, _ in found]


def condition_keys(role: Mapping[str, Any]) -> set[str]:
    """Every question (or ``framework``) the role's or its candidates' conditions name."""
    items = [role, *role["candidates"]]
    return {key for item in items for c in (*item["when"], *item["unless"]) for key in c}


def affected_roles(
    payload: Mapping[str, Any], keys: Mapping[str, set[str]], changed: set[str]
) -> set[str]:
    """The roles whose parts can change when the answers to ``changed`` do (with ``requires``)."""
    out: set[str] = set()
    for role in payload["roles"]:
        named = FRAMEWORK in changed or not keys[role["id"]].isdisjoint(changed)
        if named or not out.isdisjoint(role["requires"]):
            out.add(role["id"])
    return out


def stack_name(payload: Mapping[str, Any], framework: str, answers: Mapping[str, str]) -> str:
    """The first ``stack_names`` entry that holds; the data ends with one that always does."""
    entries: list[dict[str, Any]] = payload["stack_names"]
    entry = next(
        (
            e
            for e in entries
            if not e["when"] or any(holds(c, framework, answers) for c in e["when"])
        ),
        entries[-1],
    )
    name = next(c["name"] for c in payload["candidates"] if c["slug"] == framework)
    return str(entry["name"]).replace(PLACEHOLDER, name)
