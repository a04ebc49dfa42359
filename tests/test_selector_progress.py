"""The selector's progress marks on the guide's real data, checked against brute force: a
question marked settled never moves the recommendation, whatever else is answered."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from macros.catalog import load_catalog
from macros.selector_data import selector_payload
from selector import apply_preset
from selector.engine import asked_answers, rank, score
from selector.progress import progress

SEED = 20261201
STATES = 120
COMPLETIONS = 300


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    return selector_payload(load_catalog())


def winner(payload: dict[str, Any], answers: dict[str, str]) -> str:
    return rank(score(payload, asked_answers(payload, answers)))[0]


def completions(
    payload: dict[str, Any], fixed: dict[str, str], free: list[str], rng: random.Random
) -> list[dict[str, str]]:
    """Answers to ``free`` on top of ``fixed`` (each also left open), sampled when many."""
    by_id = {q["id"]: q for q in payload["questions"]}
    choices = [[None, *(a["value"] for a in by_id[qid]["answers"])] for qid in free]
    combos = list(itertools.product(*choices))
    if len(combos) > COMPLETIONS:
        combos = rng.sample(combos, COMPLETIONS)
    return [
        {**fixed, **{qid: v for qid, v in zip(free, combo, strict=True) if v}} for combo in combos
    ]


def states(payload: dict[str, Any], rng: random.Random) -> list[dict[str, str]]:
    """Every preset, every single answer, and random partial answers."""
    questions = payload["questions"]
    singles = [{q["id"]: a["value"]} for q in questions for a in q["answers"]]
    partial = []
    for _ in range(STATES):
        chosen = rng.sample(questions, rng.randint(2, len(questions) - 1))
        partial.append({q["id"]: rng.choice(q["answers"])["value"] for q in chosen})
    presets = [apply_preset(payload, p["id"]) for p in payload["presets"]]
    return [{}, *presets, *singles, *partial]


def test_settled_questions_never_move_the_recommendation(payload: dict[str, Any]) -> None:
    rng = random.Random(SEED)
    by_id = {q["id"]: q for q in payload["questions"]}
    seen = {"settled": 0, "decided": 0}
    for answers in states(payload, rng):
        marks = progress(payload, answers)
        kept = asked_answers(payload, answers)
        current = winner(payload, kept)
        free = [qid for qid, state in marks["questions"].items() if state != "answered"]
        for qid in (q for q in free if marks["questions"][q] == "settled"):
            seen["settled"] += 1
            others = [q for q in free if q != qid]
            for done in completions(payload, kept, others, rng):
                if winner(payload, done) != current:
                    continue
                for answer in by_id[qid]["answers"]:
                    moved = winner(payload, {**done, qid: answer["value"]})
                    assert moved == current, (answers, qid, answer["value"], done)
        if marks["decided"]:
            seen["decided"] += 1
            for done in completions(payload, kept, free, rng):
                assert winner(payload, done) == current, (answers, done)
    assert seen["settled"] > 20 and seen["decided"] > 5, seen


def test_no_answers_decides_nothing(payload: dict[str, Any]) -> None:
    marks = progress(payload, {})
    assert marks["answered"] == 0
    assert marks["asked"] == len(payload["questions"])
    assert "answered" not in marks["questions"].values()
    assert marks["questions"]["app_type"] == "open"
    assert not marks["decided"]


def test_admin_for_a_web_monolith_decides_and_api_rules_admin_out(
    payload: dict[str, Any],
) -> None:
    monolith = {"app_type": "web", "admin": "yes", "web_features": "yes", "microservices": "no"}
    marks = progress(payload, monolith)
    assert marks["decided"] and marks["answered"] == 4
    assert "open" not in marks["questions"].values()
    api = progress(payload, {"app_type": "api", "admin": "yes"})
    assert api["questions"]["admin"] == "not_asked"
    assert api["answered"] == 1 and api["asked"] == len(payload["questions"]) - 1


def test_a_condition_stays_open_while_the_question_it_unlocks_could_change_the_outcome(
    payload: dict[str, Any],
) -> None:
    marks = progress(payload, {"microservices": "no", "web_features": "yes"})
    assert marks["questions"]["admin"] == "open"
    assert marks["questions"]["app_type"] == "open"


def test_bad_answers_count_as_unanswered(payload: dict[str, Any]) -> None:
    assert progress(payload, {"app_type": "nope", "x": "y"}) == progress(payload, {})
    assert progress(payload, None) == progress(payload, {})
