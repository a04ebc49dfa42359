"""The decision tree on the page: the selector's HTML form, the static decision table that
serves readers without JavaScript (or when the runtime cannot load), and the decision
questions summary. All rendered at build time from the selector payload, so the form, the
table and the in-browser selector read the same data.
"""

from __future__ import annotations

from typing import Any

from macros.render import attr, esc, link, relative, table

RESULT_ID = "selector-result"
STATUS_ID = "selector-status"
TABLE_ID = "decision-table"


def _points(answer: dict[str, Any], candidates: list[dict[str, Any]]) -> list[str]:
    return [
        esc(f"+{answer['weights'][c['slug']]}") if answer["weights"].get(c["slug"]) else "·"
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
        f'<div id="{TABLE_ID}">'
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
                f"{names[slug]} +{points}" for slug, points in answer["weights"].items() if points
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


def render_selector_form(payload: dict[str, Any], pyodide_url: str, base: str) -> str:
    """The questions as a real form; the browser script enhances it when Pyodide is ready."""
    fieldsets = []
    for question in payload["questions"]:
        qid = question["id"]
        options = [
            f'<label><input type="radio" name="{attr(qid)}" value="" checked> Not sure</label>'
        ]
        for answer in question["answers"]:
            options.append(
                f'<label><input type="radio" name="{attr(qid)}" value="{attr(answer["value"])}"> '
                f"{esc(answer['label'])}</label>"
            )
        fieldsets.append(
            f'<fieldset class="sg-q" data-question="{attr(qid)}">'
            f"<legend>{esc(question['text'])}</legend>"
            f'<p class="sg-help">{esc(question["help"])}</p>{"".join(options)}</fieldset>'
        )
    presets = "".join(
        f'<option value="{attr(p["id"])}">{esc(p["title"])}</option>' for p in payload["presets"]
    )
    assets = relative(base, "assets/")
    return (
        f'<div class="sg-selector" data-pyodide="{attr(pyodide_url)}" '
        f'data-assets="{attr(assets)}" data-api="{attr(relative(base, "api/v1/"))}">'
        f'<p id="{STATUS_ID}" class="sg-selector-status" role="status">'
        "The selector needs JavaScript; without it, use the "
        f'<a href="#{TABLE_ID}">decision table</a> below.</p>'
        '<p class="sg-notice" id="selector-notice" role="alert" hidden></p>'
        '<form id="selector-form" class="sg-selector-form" method="get" action="">'
        '<div class="sg-presets"><label for="selector-preset">Start from a use case</label> '
        '<select id="selector-preset" name="preset">'
        f'<option value="">Choose a use case…</option>{presets}</select></div>'
        f"{''.join(fieldsets)}"
        '<div class="sg-actions">'
        '<button type="button" id="selector-copy" class="md-button">Copy link</button> '
        '<button type="reset" id="selector-reset" class="md-button">Reset</button></div>'
        "</form>"
        f'<div id="{RESULT_ID}" class="sg-result" aria-live="polite" aria-atomic="true" '
        'tabindex="0" aria-label="Recommendation"></div>'
        "</div>"
    )
