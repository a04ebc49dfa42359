"""How the selector assembles a stack: the model of ``data/composition.yaml`` and its checks.

This module owns the *shape* of the composition rules (stack roles, their candidate libraries
and the conditions on answers that select or drop each, the names a composed stack can get)
and the checks that need more than one field: ``composition_problems`` reports what points
nowhere or can never apply, each as ``(field path, message)``; ``macros.catalog`` turns those
into data errors. Composing itself lives in ``selector.compose``, which runs on the payload
compiled by ``macros.selector_data``.

A condition maps ``framework`` (the selector's pick) or a question id to the values it
accepts; it holds when every key has one of its values (an unanswered question never does).
``when`` and ``unless`` are lists of conditions: a role or candidate is selected when any
``when`` holds (an empty list always does) and dropped when any ``unless`` holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from macros.decision import FRAMEWORK_KEY, DecisionTree, Problem, RuleValue
from macros.models import Ident, Model, PlainText, Slug, StackRole

Condition = Annotated[dict[Ident, list[RuleValue]], Field(min_length=1)]
Conditions = Annotated[
    list[Condition],
    Field(default_factory=list, description="Any one holding is enough; empty means always"),
]
NameTemplate = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, pattern=r"^[A-Za-z{][A-Za-z0-9 {}.+/()-]*$", max_length=80
    ),
]
FRAMEWORK_PLACEHOLDER = "{framework}"


class Candidate(Model):
    """One library that can fill a role, when its conditions hold."""

    library: Slug
    builtin: bool = Field(
        False, description="Comes with the framework or another part: shown, not installed"
    )
    when: Conditions
    unless: Conditions
    because: PlainText = Field(description="The one-line reason shown with the part")


class Role(Model):
    """A place in the stack (server, ORM, task queue, ...) and the libraries that can fill it."""

    label: PlainText
    pick: Literal["first", "all"] = Field(
        "first", description="first: the first selected candidate; all: every selected one"
    )
    dev: bool = Field(False, description="Written to [dependency-groups] dev, not [project]")
    detail: bool = Field(
        False, description="Left out when comparing with the reference stacks, which omit it"
    )
    requires: list[Ident] = Field(
        default_factory=list, description="Earlier roles that must have a part for this one"
    )
    when: Conditions
    unless: Conditions
    candidates: list[Candidate] = Field(min_length=1)


class StackName(Model):
    """The first entry whose conditions hold names the stack; ``{framework}`` is its name."""

    when: Conditions
    name: NameTemplate


class Composition(Model):
    """``data/composition.yaml``: how the selector composes a stack from the answers."""

    roles: dict[Ident, Role] = Field(min_length=1, description="In the order shown")
    names: list[StackName] = Field(min_length=1)
    together_roles: list[StackRole] = Field(
        default_factory=list,
        description="Roles of data/stacks.yaml whose libraries are all used (others: first)",
    )


def composition_problems(
    composition: Composition, tree: DecisionTree, library_slugs: set[str]
) -> list[Problem]:
    """Everything in the composition rules that names something missing or can never apply."""
    return [
        *_framework_role_problems(composition, tree),
        *_role_problems(composition, tree, library_slugs),
        *_name_problems(composition, tree),
    ]


def _known(values: Iterable[str]) -> str:
    return ", ".join(values) or "(none)"


def _framework_role_problems(composition: Composition, tree: DecisionTree) -> Iterator[Problem]:
    role = composition.roles.get(FRAMEWORK_KEY)
    if role is None or next(iter(composition.roles)) != FRAMEWORK_KEY:
        yield (
            "roles",
            f"must start with the {FRAMEWORK_KEY!r} role, which shows the selector's pick",
        )
        return
    offered = {candidate.library for candidate in role.candidates}
    for slug in tree.candidates:
        if slug not in offered:
            message = f"has no candidate for {slug!r}, a framework the selector can pick; add one"
            yield f"roles.{FRAMEWORK_KEY}.candidates", message


def _role_problems(
    composition: Composition, tree: DecisionTree, library_slugs: set[str]
) -> Iterator[Problem]:
    seen: list[str] = []
    for rid, role in composition.roles.items():
        base = f"roles.{rid}"
        for index, needed in enumerate(role.requires):
            if needed not in seen:
                message = (
                    f"requires {needed!r}, which is not a role listed before {rid!r} "
                    f"(earlier roles: {_known(seen)}); fix the id or move the role"
                )
                yield f"{base}.requires.{index}", message
        yield from _conditions_problems(tree, f"{base}.when", role.when)
        yield from _conditions_problems(tree, f"{base}.unless", role.unless)
        for index, candidate in enumerate(role.candidates):
            path = f"{base}.candidates.{index}"
            if candidate.library not in library_slugs:
                fix = f"add data/libraries/{candidate.library}.yaml or fix the slug"
                yield f"{path}.library", f"names library {candidate.library!r}: {fix}"
            yield from _conditions_problems(tree, f"{path}.when", candidate.when)
            yield from _conditions_problems(tree, f"{path}.unless", candidate.unless)
        seen.append(rid)


def _name_problems(composition: Composition, tree: DecisionTree) -> Iterator[Problem]:
    catch_all: int | None = None
    for index, entry in enumerate(composition.names):
        base = f"names.{index}"
        if catch_all is not None:
            message = (
                f"can never apply: entry {catch_all} has no conditions and matches first; "
                "move this entry above it or remove it"
            )
            yield base, message
        if FRAMEWORK_PLACEHOLDER not in entry.name:
            yield f"{base}.name", f"must contain {FRAMEWORK_PLACEHOLDER}, the framework's name"
        yield from _conditions_problems(tree, f"{base}.when", entry.when)
        if not entry.when and catch_all is None:
            catch_all = index
    if catch_all is None:
        message = "no entry without `when`: some stacks would get no name; end with one"
        yield "names", message


def _conditions_problems(
    tree: DecisionTree, path: str, conditions: list[dict[str, list[str]]]
) -> Iterator[Problem]:
    for index, condition in enumerate(conditions):
        for key, values in condition.items():
            yield from _condition_problems(tree, f"{path}.{index}.{key}", key, values)


def _condition_problems(
    tree: DecisionTree, path: str, key: str, values: list[str]
) -> Iterator[Problem]:
    if key == FRAMEWORK_KEY:
        allowed: list[str] = list(tree.candidates)
    elif key in tree.questions:
        allowed = list(tree.questions[key].answers)
    else:
        message = (
            f"{key!r} is neither {FRAMEWORK_KEY!r} nor a question "
            f"({_known(tree.questions)}); fix the key"
        )
        yield path, message
        return
    if not values:
        yield path, "lists no values, so the condition never holds; list at least one"
    for index, value in enumerate(values):
        if value not in allowed:
            message = f"{value!r} is not a possible {key} (allowed: {_known(allowed)}); fix it"
            yield f"{path}.{index}", message
