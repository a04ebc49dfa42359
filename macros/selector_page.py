"""The decision tree on the page: the selector's HTML form with the places its script fills in
(the summary bar and the full result), the static decision table that serves readers without
JavaScript (or when the runtime cannot load), and the decision questions summary. All
rendered at build time from the selector payload, so the form, the table and the in-browser
selector read the same data.
"""

from __future__ import annotations

import json
from typing import Any

from macros.render import admonition, attr, esc, link, relative, table

RESULT_ID = "selector-result"
STATUS_ID = "selector-status"
TABLE_ID = "decision-table"
SUMMARY_ID = "selector-summary"


def signed(points: int) -> str:
    """Points with their sign, a true minus for negatives: "+3", "−2"."""
    return f"+{points}" if points > 0 else f"\N{MINUS SIGN}{-points}"


def _points(answer: dict[str, Any], candidates: list[dict[str, Any]]) -> list[str]:
    return [
        esc(signed(answer["weights"][c["slug"]])) if answer["weights"].get(c["slug"]) else "·"
        for c in candidates
    ]


def render_decision_table(payload: dict[str, Any], base: str) -> str:
    """Every question and answer with the points it gives each candidate."""
    candidates = payload["candidates"]
    headers = ["Question", "Answer", *(c["name"] for c in candidates)]
    rows = []
    for question in payload["questions"]:
        for answer in question["answers"]:
            rows.append([esc(question["text"]), esc(answer["label"]), *_points(answer, candidates)])
    presets = []
    names = {c["slug"]: c["name"] for c in candidates}
    for preset in payload["presets"]:
        answers = ", ".join(f"{k}={v}" for k, v in preset["answers"].items())
        href = relative(base, f"choosing/use-cases/#{preset['use_case']}")
        presets.append(
            [
                link(href, preset["title"]),
                f"<code>{esc(answers)}</code>",
                esc(names[preset["choice"]]),
            ]
        )
    return (
        '<div class="sg-decision-table">'
        + table(headers, rows, caption="Points each answer gives; the most points wins")
        + table(["Use case", "Answers", "Guide's choice"], presets, caption="Use-case presets")
        + "</div>"
    )


def render_decision_questions(payload: dict[str, Any]) -> str:
    """The decision questions, each answer with why it matters and whom it favours."""
    names = {c["slug"]: c["name"] for c in payload["candidates"]}
    out = []
    for number, question in enumerate(payload["questions"], start=1):
        items = []
        for answer in question["answers"]:
            favours = ", ".join(
                f"{names[slug]} {signed(points)}"
                for slug, points in answer["weights"].items()
                if points
            )
            items.append(
                f"<li><strong>{esc(answer['label'])}</strong>"
                f"{' → ' + esc(favours) if favours else ''}: {esc(answer['because'])}</li>"
            )
        out.append(
            f'<section class="sg-question" id="q-{attr(question["id"])}">'
            f"<h2>{number}. {esc(question['text'])}</h2><p>{esc(question['help'])}</p>"
            f"<ul>{''.join(items)}</ul></section>"
        )
    return "".join(out)


def _option(qid: str, value: str, label: str) -> str:
    return (
        f'<label class="sg-option"><input type="radio" name="{attr(qid)}" value="{attr(value)}"'
        f"{' checked' if not value else ''}><span>{esc(label)}</span></label>"
    )


def _fieldset(number: int, question: dict[str, Any]) -> str:
    qid = question["id"]
    options = [_option(qid, "", "Not sure")]
    options += [_option(qid, a["value"], a["label"]) for a in question["answers"]]
    return (
        f'<fieldset class="sg-q" data-question="{attr(qid)}" id="q-{attr(qid)}">'
        f'<legend><span class="sg-q__number" aria-hidden="true">{number}</span>'
        f"{esc(question['text'])}</legend>"
        f'<p class="sg-help">{esc(question["help"])}</p>'
        f'<div class="sg-options">{"".join(options)}</div>'
        '<p class="sg-q__mark" hidden></p></fieldset>'
    )


def _intro(payload: dict[str, Any], base: str) -> str:
    names = [c["name"] for c in payload["candidates"]]
    weighed = f"{', '.join(names[:-1])} or {names[-1]}"
    stacks = relative(base, "stacks/")
    body = (
        "<p>Answer what you know about your project, in any order, and skip the rest: the "
        f"selector weighs {esc(weighed)}, says why, and composes a stack from your answers, "
        "each part with the reason it is there (and a note when it is one of the "
        f'<a href="{attr(stacks)}">recommended stacks</a>). Questions that can no longer '
        "change the framework are marked, so you know when you can stop. It runs in your "
        "browser; your answers stay in the page address, so <strong>Copy link</strong> shares "
        "them.</p>"
    )
    return admonition("info sg-intro", "What the selector does", body)


def _presets(payload: dict[str, Any]) -> str:
    options = "".join(
        f'<option value="{attr(p["id"])}">{esc(p["title"])}</option>' for p in payload["presets"]
    )
    return (
        '<div class="sg-presets"><label for="selector-preset">Start from a use case</label>'
        '<select id="selector-preset" name="preset">'
        f'<option value="">Choose a use case…</option>{options}</select></div>'
    )


def _panel(total: int) -> str:
    """The live summary (stays in view) and the full result the script fills in."""
    return (
        '<div class="sg-panel">'
        f'<div class="sg-bar" id="{SUMMARY_ID}">'
        '<div class="sg-bar__text" aria-live="polite" aria-atomic="true">'
        '<p id="selector-recommendation" class="sg-bar__pick">No recommendation yet</p>'
        f'<p class="sg-bar__detail" id="selector-progress">0 of {total} answered</p></div>'
        f'<a class="sg-bar__more" href="#{RESULT_ID}" hidden>Full result</a></div>'
        '<p class="sg-placeholder" id="selector-placeholder" hidden>After your first answer, '
        "the result appears here: the framework and why, what would change it, a stack "
        "composed from your answers with a reason for each part, and a pyproject.toml to "
        "paste.</p>"
        f'<section id="{RESULT_ID}" class="sg-result" tabindex="-1" '
        'aria-labelledby="selector-result-title" hidden></section>'
        "</div>"
    )


def _table_section(payload: dict[str, Any], base: str) -> str:
    """The decision table inside the selector, so the wide-screen panel stays beside it too."""
    questions = relative(base, "choosing/decision-questions/")
    return (
        f'<section class="sg-table" id="{TABLE_ID}"><h2>Decision table</h2>'
        "<p>The same decision without JavaScript: add up the points of your answers; the "
        "framework with the most points wins (on a tie, the one further left). The "
        f'<a href="{attr(questions)}">decision questions</a> explain each answer.</p>'
        f"{render_decision_table(payload, base)}</section>"
    )


def render_selector_form(payload: dict[str, Any], pyodide_url: str, base: str) -> str:
    """The questions as a real form; the browser script enhances it when Pyodide is ready."""
    fieldsets = "".join(
        _fieldset(number, question) for number, question in enumerate(payload["questions"], 1)
    )
    names = {c["slug"]: c["name"] for c in payload["candidates"]}
    return (
        f'<div class="sg-selector" data-pyodide="{attr(pyodide_url)}" '
        f'data-assets="{attr(relative(base, "assets/"))}" '
        f'data-api="{attr(relative(base, "api/v1/"))}" data-root="{attr(relative(base, ""))}" '
        f'data-names="{attr(json.dumps(names, ensure_ascii=False))}">'
        f'<p id="{STATUS_ID}" class="sg-selector-status" role="status">'
        "Without JavaScript, use the "
        f'<a href="#{TABLE_ID}">decision table</a> below.</p>'
        '<p class="sg-notice" id="selector-notice" role="alert" hidden></p>'
        f"{_intro(payload, base)}"
        '<form id="selector-form" class="sg-selector-form" method="get" action="">'
        f"{_presets(payload)}{fieldsets}"
        '<div class="sg-actions">'
        '<button type="button" id="selector-copy" class="md-button">Copy link</button> '
        '<button type="reset" id="selector-reset" class="md-button">Start again</button>'
        '<span class="sg-feedback" id="selector-copied" role="status"></span></div>'
        "</form>"
        f"{_panel(len(payload['questions']))}{_table_section(payload, base)}"
        "</div>"
    )
