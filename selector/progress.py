"""How far the reader has got: questions answered, and which open ones can still change the
framework, so the page can say when the reader may stop.

A pure function of the payload and the answers, standard library only, like the rest of the
package, so the browser (Pyodide) and the command line give the same marks.

A question is ``"settled"`` when no answer to it, together with any answers to the other open
questions, can make another candidate win. The test is an upper bound: each rival is given,
for every open question, the answer that helps it most against the current winner; a question
that helps no rival able to win that way cannot change the outcome. Answers are additive and
answering an open question never removes points already counted (``ask_if`` only names
earlier questions), so a question marked settled really is. A question the current answers
rule out (its ``ask_if`` names an answered question with another value) is ``"not_asked"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selector.engine import asked_answers, clean_answers, rank, score

ANSWERED = "answered"
OPEN = "open"
SETTLED = "settled"
NOT_ASKED = "not_asked"


def _askable(questions: list[dict[str, Any]], kept: Mapping[str, str]) -> dict[str, bool]:
    """Whether each question is asked now or could be once earlier open questions are answered."""
    askable: dict[str, bool] = {}
    for question in questions:
        askable[question["id"]] = all(
            kept[other] in values if other in kept else askable.get(other, False)
            for other, values in question["ask_if"].items()
        )
    return askable


def _gain(question: Mapping[str, Any], rival: str, winner: str) -> int:
    """The most one answer to ``question`` moves ``rival`` towards ``winner``; 0 when none does."""
    return max(
        [
            0,
            *(
                a["weights"].get(rival, 0) - a["weights"].get(winner, 0)
                for a in question["answers"]
            ),
        ]
    )


def _can_overtake(
    order: list[str], scores: Mapping[str, int], rival: str, winner: str, gain: int
) -> bool:
    margin = scores[rival] + gain - scores[winner]
    return margin > 0 or (margin == 0 and order.index(rival) < order.index(winner))


def progress(payload: Mapping[str, Any], answers: object) -> dict[str, Any]:
    """``answered`` and ``asked`` counts, ``decided``, and ``questions``: id -> state.

    The states are ``answered``, ``open`` (an answer could still change the framework),
    ``settled`` (no answer can) and ``not_asked`` (ruled out by the other answers).
    """
    given, _ = clean_answers(payload, answers)
    kept = asked_answers(payload, given)
    scores = score(payload, kept)
    winner = rank(scores)[0]
    order = [candidate["slug"] for candidate in payload["candidates"]]
    questions: list[dict[str, Any]] = payload["questions"]
    askable = _askable(questions, kept)
    remaining = [q for q in questions if q["id"] not in kept and askable[q["id"]]]
    gains = {q["id"]: {r: _gain(q, r, winner) for r in order if r != winner} for q in remaining}
    contenders = {
        rival
        for rival in order
        if rival != winner
        and _can_overtake(order, scores, rival, winner, sum(g[rival] for g in gains.values()))
    }
    states = {q["id"]: ANSWERED if q["id"] in kept else NOT_ASKED for q in questions}
    for question in reversed(remaining):
        qid = question["id"]
        helps = any(gains[qid][rival] > 0 for rival in contenders)
        unlocks = any(qid in later["ask_if"] and states[later["id"]] == OPEN for later in remaining)
        states[qid] = OPEN if helps or unlocks else SETTLED
    return {
        "answered": len(kept),
        "asked": sum(1 for q in questions if q["id"] in kept or askable[q["id"]]),
        "decided": OPEN not in states.values(),
        "questions": states,
    }
