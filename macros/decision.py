"""The framework decision tree: the model of ``data/decision_tree.yaml`` and its sanity checks.

This module owns the *shape* of the decision data (questions, answers and their integer
weights, the presets for the source guide's use cases) and the checks that need more than one
field: ``tree_problems`` reports what points nowhere or can never happen, each as
``(field path, message)``. ``macros.catalog`` turns those into data errors.
Scoring itself lives in the ``selector`` package, which runs on the compiled payload from
``macros.selector_data``; the stack that goes with the pick is composed by the rules in
``data/composition.yaml`` (``macros.composition``).

A question with ``ask_if`` is asked only when every question it names was itself asked and
answered with one of the listed values; it may only name questions listed before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StrictInt, StringConstraints

from macros.models import IDENT_PATTERN, Ident, Model, PlainText, ShortText, Slug, Text

FRAMEWORK_KEY = "framework"
MAX_WEIGHT = 20


def _not_a_yaml_bool(value: Any) -> Any:
    # YAML 1.1 reads bare yes/no/on/off as booleans, which is the commonest mistake here.
    if isinstance(value, bool):
        word = "yes" if value else "no"
        raise ValueError(f'YAML read this as {value}: write "{word}" in quotes')
    return value


AnswerValue = Annotated[
    str,
    BeforeValidator(_not_a_yaml_bool),
    StringConstraints(pattern=IDENT_PATTERN, max_length=40),
]
RuleValue = Annotated[
    str,
    BeforeValidator(_not_a_yaml_bool),
    StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=60),
]
Weight = Annotated[StrictInt, Field(ge=-MAX_WEIGHT, le=MAX_WEIGHT)]


class Answer(Model):
    """One allowed answer: its label, why it matters, and the points it gives each candidate."""

    label: PlainText
    because: Text = Field(description="Shown as the reason when the reader picks this answer")
    weights: dict[Slug, Weight] = Field(
        default_factory=dict,
        description="Candidate slug -> integer points; missing candidates get 0",
    )


class Question(Model):
    text: PlainText
    help: PlainText = Field(description="One or two sentences under the question")
    seed_sections: list[ShortText] = Field(
        default_factory=list, description="Where the source guide asks this"
    )
    ask_if: dict[Ident, list[AnswerValue]] = Field(
        default_factory=dict,
        description="Ask only when each named earlier question has one of these answers",
    )
    answers: dict[AnswerValue, Answer] = Field(min_length=2)


class Preset(Model):
    """The answers that describe one of the source guide's use cases."""

    use_case: Ident = Field(description="Id in data/use_cases.yaml")
    answers: dict[Ident, AnswerValue] = Field(min_length=1)


class DecisionTree(Model):
    """``data/decision_tree.yaml``: how the selector weighs FastAPI, Flask and Django."""

    candidates: list[Slug] = Field(
        min_length=2, description="Library slugs; on equal scores the earlier one wins"
    )
    questions: dict[Ident, Question] = Field(min_length=1, description="In the order asked")
    presets: dict[Ident, Preset] = Field(default_factory=dict)


Problem = tuple[str, str]


def tree_problems(
    tree: DecisionTree, library_slugs: set[str], use_case_ids: set[str]
) -> list[Problem]:
    """Everything in the tree that names something missing or can never apply."""
    return [
        *_candidate_problems(tree, library_slugs),
        *_question_problems(tree),
        *_preset_problems(tree, use_case_ids),
    ]


def _known(values: Iterable[str]) -> str:
    return ", ".join(values) or "(none)"


def _candidate_problems(tree: DecisionTree, library_slugs: set[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, slug in enumerate(tree.candidates):
        path = f"candidates.{index}"
        if slug in seen:
            yield path, f"lists {slug!r} twice; keep one"
        seen.add(slug)
        if slug not in library_slugs:
            fix = f"add data/libraries/{slug}.yaml or remove it from candidates"
            yield path, f"candidate {slug!r} is not a library: {fix}"


def _question_problems(tree: DecisionTree) -> Iterator[Problem]:
    if FRAMEWORK_KEY in tree.questions:
        message = f"{FRAMEWORK_KEY!r} is reserved for the composition rules; rename the question"
        yield f"questions.{FRAMEWORK_KEY}", message
    candidates = _known(tree.candidates)
    for qid, question in tree.questions.items():
        for value, answer in question.answers.items():
            for slug in answer.weights:
                if slug not in tree.candidates:
                    message = (
                        f"gives points to {slug!r}, which is not a candidate ({candidates}); "
                        "add it to candidates or remove the weight"
                    )
                    yield f"questions.{qid}.answers.{value}.weights.{slug}", message
        found = list(_ask_if_problems(tree, qid))
        yield from found
        if not found and question.ask_if and not _reachable(tree, qid):
            message = (
                "can never hold, so the question is never asked: the questions it depends on "
                "exclude each other; loosen ask_if or remove the question"
            )
            yield f"questions.{qid}.ask_if", message


def _ask_if_problems(tree: DecisionTree, qid: str) -> Iterator[Problem]:
    order = list(tree.questions)
    for other, values in tree.questions[qid].ask_if.items():
        path = f"questions.{qid}.ask_if.{other}"
        if other not in tree.questions:
            message = (
                f"names question {other!r}, which does not exist (questions: {_known(order)}); "
                "fix the id or remove the condition"
            )
            yield path, message
            continue
        if order.index(other) >= order.index(qid):
            message = (
                f"depends on {other!r}, which is not asked before {qid!r}, so {qid!r} is "
                f"unreachable; move {qid!r} after {other!r} in questions"
            )
            yield path, message
        if not values:
            yield path, "lists no values, so the question is never asked; list at least one"
        allowed = tree.questions[other].answers
        for index, value in enumerate(values):
            if value not in allowed:
                message = (
                    f"{value!r} is not an answer of {other!r} (allowed: {_known(allowed)}); "
                    "fix the value"
                )
                yield f"{path}.{index}", message


def asked(ask_if: Mapping[str, list[str]], answers: Mapping[str, str]) -> bool:
    """Whether a question with these conditions is asked, given the answers so far."""
    return all(answers.get(other) in values for other, values in ask_if.items())


def _reachable(tree: DecisionTree, qid: str) -> bool:
    """Whether some set of answers asks ``qid``.

    Conditions are conjunctions, and whether a question is asked never depends on its own
    answer, so asking ``qid`` needs every question in its chain of conditions answered with a
    value that all conditions naming it accept: reachable exactly when each of those
    intersections is non-empty. Linear in the chain, where trying every combination of
    answers would be exponential.
    """
    allowed: dict[str, set[str]] = {}
    pending = [qid]
    visited: set[str] = set()
    while pending:
        current = pending.pop()
        if current in visited:
            continue
        visited.add(current)
        for other, values in tree.questions[current].ask_if.items():
            if other not in tree.questions:
                return False
            accepted = set(values) & set(tree.questions[other].answers)
            allowed[other] = allowed.get(other, accepted) & accepted
            pending.append(other)
    return qid not in allowed and all(allowed.values())


def _preset_problems(tree: DecisionTree, use_case_ids: set[str]) -> Iterator[Problem]:
    for pid, preset in tree.presets.items():
        base = f"presets.{pid}"
        if preset.use_case not in use_case_ids:
            message = (
                f"names use case {preset.use_case!r}, which is not in data/use_cases.yaml "
                f"(ids: {_known(sorted(use_case_ids))}); add it there or fix the id"
            )
            yield f"{base}.use_case", message
        for qid, value in preset.answers.items():
            problem = _preset_answer_problem(tree, preset, qid, value)
            if problem:
                yield f"{base}.answers.{qid}", problem


def _preset_answer_problem(tree: DecisionTree, preset: Preset, qid: str, value: str) -> str | None:
    question = tree.questions.get(qid)
    if question is None:
        return (
            f"answers question {qid!r}, which does not exist "
            f"(questions: {_known(tree.questions)}); fix the id or remove the answer"
        )
    if value not in question.answers:
        return (
            f"{value!r} is not an answer of {qid!r} (allowed: {_known(question.answers)}); fix it"
        )
    # A broken ask_if is reported on the question already; do not repeat it for every preset.
    if next(_ask_if_problems(tree, qid), None) is None and not asked(
        question.ask_if, preset.answers
    ):
        needs = "; ".join(
            f"{other} in [{', '.join(values)}]" for other, values in question.ask_if.items()
        )
        return (
            f"{qid!r} is only asked when {needs}, which this preset does not answer that way; "
            "remove the answer or change the one it depends on"
        )
    return None
