"""Scoring: from the reader's answers to a framework, the reasons, and what could change it.

Pure functions on the plain-JSON payload built by ``macros.selector_data`` and on a plain
``{question: answer}`` mapping. No I/O, no globals, standard library only, so the same code gives
byte-identical results under CPython and Pyodide. Bad input never raises: it becomes an entry in
``errors`` and the rest of the answers still count.

Ties: candidates are ranked by score, highest first; on equal scores the candidate listed
earlier in the payload's ``candidates`` (the order of ``data/decision_tree.yaml``) ranks higher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from selector.compose import FRAMEWORK, affected_roles, condition_keys, label_index, part_keys
from selector.install_check import install_check
from selector.stack import pyproject_block, stack_result

Answers = dict[str, str]
MAX_SHOWN = 40
MAX_ERRORS = 20


def shown(value: object) -> str:
    """A short rendering of untrusted input for error messages: quoted text or a type name."""
    if not isinstance(value, str):
        return f"a value of type {type(value).__name__}"
    if len(value) > MAX_SHOWN:
        value = value[: MAX_SHOWN - 1] + "…"
    return repr(value)


def questions_by_id(payload: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {question["id"]: question for question in payload["questions"]}


def answer_of(question: Mapping[str, Any], value: str) -> dict[str, Any] | None:
    answers: list[dict[str, Any]] = question["answers"]
    return next((answer for answer in answers if answer["value"] == value), None)


def allowed_values(question: Mapping[str, Any]) -> list[str]:
    return [answer["value"] for answer in question["answers"]]


def check_answer(
    questions: Mapping[str, Mapping[str, Any]], key: object, value: object
) -> tuple[str, str] | str | None:
    """``(question, value)`` when valid, an error message when not, None when unanswered."""
    if not isinstance(key, str):
        return f"ignored a question id that is not text ({shown(key)})"
    qid = key.strip().lower()
    if qid not in questions:
        return f"unknown question {shown(key)} ignored; questions are: {', '.join(questions)}"
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        example = allowed_values(questions[qid])[0]
        return f"answer to {qid!r} must be text such as {example!r}, not {shown(value)}; ignored"
    normal = value.strip().lower()
    allowed = allowed_values(questions[qid])
    if normal not in allowed:
        return (
            f"{shown(value)} is not an answer to {qid!r} and was ignored; "
            f"use one of: {', '.join(allowed)}"
        )
    return qid, normal


def clean_answers(payload: Mapping[str, Any], answers: object) -> tuple[Answers, list[str]]:
    """Valid answers in question order, and an error for everything else."""
    if answers is None:
        return {}, []
    if not isinstance(answers, Mapping):
        return {}, [f"answers must be a mapping of question to answer, got {shown(answers)}"]
    errors: list[str] = []
    found = collect_answers(
        questions_by_id(payload),
        answers.items(),
        errors,
        lambda qid, kept: f"{qid!r} was answered twice; kept {kept!r}",
    )
    return found, cap_errors(errors)


def collect_answers(
    questions: Mapping[str, dict[str, Any]],
    pairs: Iterable[tuple[object, object]],
    errors: list[str],
    repeated: Callable[[str, str], str],
) -> Answers:
    """The valid answers among ``pairs``, in question order; the rest go to ``errors``.

    A question answered twice keeps its first answer; ``repeated`` words the error.
    """
    found: Answers = {}
    for key, value in pairs:
        checked = check_answer(questions, key, value)
        if isinstance(checked, str):
            errors.append(checked)
        elif checked is not None:
            qid, normal = checked
            if qid in found:
                errors.append(repeated(qid, found[qid]))
            else:
                found[qid] = normal
    return {qid: found[qid] for qid in questions if qid in found}


def cap_errors(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS:
        return errors
    return [*errors[:MAX_ERRORS], f"… and {len(errors) - MAX_ERRORS} more problems"]


def is_asked(question: Mapping[str, Any], answers: Mapping[str, str]) -> bool:
    return all(answers.get(other) in values for other, values in question["ask_if"].items())


def asked_answers(payload: Mapping[str, Any], answers: Mapping[str, str]) -> Answers:
    """Drop answers to questions that are not asked; ``ask_if`` only names earlier questions."""
    kept: Answers = {}
    for question in payload["questions"]:
        qid = question["id"]
        if qid in answers and is_asked(question, kept):
            kept[qid] = answers[qid]
    return kept


def condition_text(question: Mapping[str, Any]) -> str:
    return " and ".join(
        f"{other} is {' or '.join(values)}" for other, values in question["ask_if"].items()
    )


def ignored_answers(
    payload: Mapping[str, Any], given: Mapping[str, str], kept: Mapping[str, str]
) -> list[dict[str, str]]:
    return [
        {
            "question": question["id"],
            "answer": given[question["id"]],
            "reason": f"only asked when {condition_text(question)}",
        }
        for question in payload["questions"]
        if question["id"] in given and question["id"] not in kept
    ]


def score(payload: Mapping[str, Any], answers: Mapping[str, str]) -> dict[str, int]:
    scores = {candidate["slug"]: 0 for candidate in payload["candidates"]}
    for question in payload["questions"]:
        value = answers.get(question["id"])
        answer = answer_of(question, value) if value is not None else None
        if answer is not None:
            for slug, points in answer["weights"].items():
                scores[slug] += points
    return scores


def rank(scores: Mapping[str, int]) -> list[str]:
    """Highest score first; ``scores`` is in candidate order, and sorted() is stable."""
    return sorted(scores, key=lambda slug: -scores[slug])


def reasons(payload: Mapping[str, Any], answers: Mapping[str, str]) -> list[dict[str, Any]]:
    out = []
    for question in payload["questions"]:
        value = answers.get(question["id"])
        answer = answer_of(question, value) if value is not None else None
        if answer is None:
            continue
        out.append(
            {
                "question": question["id"],
                "question_text": question["text"],
                "answer": value,
                "label": answer["label"],
                "text": answer["because"],
                "source": answer["source"],
                "effect": {slug: points for slug, points in answer["weights"].items() if points},
            }
        )
    return out


def trial_answers(
    payload: Mapping[str, Any],
    given: Mapping[str, str],
    kept: Mapping[str, str],
    scores: Mapping[str, int],
    qid: str,
    answer: Mapping[str, Any],
) -> tuple[Answers, str]:
    """The answers that count, and the winner, once ``qid`` is answered ``answer`` too."""
    if len(given) == len(kept):
        # Nothing was ignored, so one more answer cannot make another one count: add its points.
        weights = answer["weights"]
        trial = {slug: points + weights.get(slug, 0) for slug, points in scores.items()}
        return {**kept, qid: answer["value"]}, rank(trial)[0]
    answers = asked_answers(payload, {**given, qid: answer["value"]})
    return answers, rank(score(payload, answers))[0]


def open_questions(payload: Mapping[str, Any], kept: Mapping[str, str]) -> list[dict[str, Any]]:
    return [q for q in payload["questions"] if q["id"] not in kept and is_asked(q, kept)]


Trial = tuple[dict[str, Any], Answers, str]


def trials(
    payload: Mapping[str, Any],
    given: Mapping[str, str],
    kept: Mapping[str, str],
    scores: Mapping[str, int],
) -> list[tuple[dict[str, Any], list[Trial]]]:
    """Each open question with, per answer, the answers that would count and the winner.

    Each trial adds one answer to everything the reader gave (ignored answers included), so an
    answer that makes a conditional question count again is seen too.
    """
    return [
        (
            question,
            [
                (answer, *trial_answers(payload, given, kept, scores, question["id"], answer))
                for answer in question["answers"]
            ],
        )
        for question in open_questions(payload, kept)
    ]


def sharpen(tried: list[tuple[dict[str, Any], list[Trial]]], winner: str) -> list[dict[str, Any]]:
    """Open questions with at least one answer that would change the winner."""
    out = []
    for question, results in tried:
        flips = [
            {"answer": answer["value"], "label": answer["label"], "framework": other}
            for answer, _, other in results
            if other != winner
        ]
        if flips:
            out.append({"question": question["id"], "text": question["text"], "flips": flips})
    return out


def _brief(
    payload: Mapping[str, Any], role_labels: Mapping[str, str], key: tuple[str, str]
) -> dict[str, str]:
    role, slug = key
    name = payload["libraries"][slug]["name"]
    return {"role": role, "role_label": role_labels[role], "slug": slug, "name": name}


def sharpen_stack(
    payload: Mapping[str, Any],
    tried: list[tuple[dict[str, Any], list[Trial]]],
    kept: Mapping[str, str],
    winner: str,
    parts: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Open questions with an answer that would add or drop a part of the stack.

    Only the roles that name the question (or all, when the framework changes) are composed
    again: the others cannot change.
    """
    keys = {role["id"]: condition_keys(role) for role in payload["roles"]}
    role_labels = {role["id"]: role["label"] for role in payload["roles"]}
    filled = {part["role"] for part in parts}
    before = [(part["role"], part["slug"]) for part in parts]
    out = []
    for question, results in tried:
        changes = []
        for answer, trial, framework in results:
            changed = set(trial).symmetric_difference(kept) | {question["id"]}
            if framework != winner:
                changed.add(FRAMEWORK)
            only = affected_roles(payload, keys, changed)
            after = part_keys(payload, framework, trial, only, filled - only)
            old = [key for key in before if key[0] in only]
            old_keys, new_keys = set(old), set(after)
            adds = [_brief(payload, role_labels, key) for key in after if key not in old_keys]
            drops = [_brief(payload, role_labels, key) for key in old if key not in new_keys]
            if adds or drops:
                changes.append(
                    {
                        "answer": answer["value"],
                        "label": answer["label"],
                        "framework": framework,
                        "adds": adds,
                        "drops": drops,
                    }
                )
        if changes:
            out.append({"question": question["id"], "text": question["text"], "changes": changes})
    return out


def runner_up(payload: Mapping[str, Any], scores: Mapping[str, int]) -> dict[str, Any] | None:
    """The best of the others, if it has any points; candidates on equal points tie.

    ``tied_with_winner`` says the runner-up has as many points as the winner, which won only
    by being listed first.
    """
    ranking = rank(scores)
    winner = ranking[0]
    others = [slug for slug in ranking[1:] if scores[slug] > 0]
    if not others:
        return None
    points = scores[others[0]]
    slugs = [slug for slug in others if scores[slug] == points]
    names = {candidate["slug"]: candidate["name"] for candidate in payload["candidates"]}
    return {
        "slugs": slugs,
        "names": [names[slug] for slug in slugs],
        "points": points,
        "tied_with_winner": points == scores[winner],
    }


def recommend(payload: Mapping[str, Any], answers: object) -> dict[str, Any]:
    """The framework, stack and reasons for ``answers``; see the package docstring for keys."""
    given, errors = clean_answers(payload, answers)
    kept = asked_answers(payload, given)
    scores = score(payload, kept)
    framework = rank(scores)[0]
    labels = label_index(payload)
    stack = stack_result(payload, framework, kept, labels)
    tried = trials(payload, given, kept, scores)
    pyproject = pyproject_block(payload, stack["parts"])
    names = {candidate["slug"]: candidate["name"] for candidate in payload["candidates"]}
    return {
        "framework": framework,
        "framework_name": names[framework],
        "runner_up": runner_up(payload, scores),
        "scores": scores,
        "tied": [slug for slug in scores if scores[slug] == scores[framework]],
        "reasons": reasons(payload, kept),
        "sharpen": sharpen(tried, framework),
        "stack": stack,
        "sharpen_stack": sharpen_stack(payload, tried, kept, framework, stack["parts"]),
        "pyproject": pyproject,
        "install_check": install_check(payload, pyproject),
        "answers": kept,
        "ignored": ignored_answers(payload, given, kept),
        "errors": errors,
    }
