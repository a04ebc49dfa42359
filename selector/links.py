"""Shareable links and presets: answers to and from a URL query string, preset answers.

A query string arrives from the address bar, so it is untrusted: it is capped in length and
number of fields, and every unknown id, invalid value or repeated key is dropped with an entry
in the returned errors. Nothing here raises on bad input except ``apply_preset``, whose names
come from the payload itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote_plus

from selector.engine import Answers, cap_errors, collect_answers, questions_by_id, shown

MAX_QUERY_LENGTH = 2000
MAX_FIELDS = 50


def parse_query(payload: Mapping[str, Any], query: object) -> tuple[Answers, list[str]]:
    """``"?app_type=api&realtime=yes"`` to answers in question order, and what was ignored.

    A repeated question keeps its first answer; a blank answer leaves the question open.
    """
    if not isinstance(query, str):
        return {}, [f"the link's query must be text, got {shown(query)}; ignored"]
    text = query.removeprefix("?")
    if len(text) > MAX_QUERY_LENGTH:
        return {}, [
            f"the link's query is {len(text)} characters, over the limit of "
            f"{MAX_QUERY_LENGTH}; ignored it"
        ]
    fields = [field for field in text.split("&") if field]
    errors: list[str] = []
    if len(fields) > MAX_FIELDS:
        errors.append(f"the link has {len(fields)} fields; read only the first {MAX_FIELDS}")
        fields = fields[:MAX_FIELDS]
    pairs = []
    for field in fields:
        key, sep, value = field.partition("=")
        key, value = unquote_plus(key), unquote_plus(value)
        if sep:
            pairs.append((key, value))
        else:
            errors.append(f"ignored {shown(key)}: expected question=answer")
    found = collect_answers(
        questions_by_id(payload),
        pairs,
        errors,
        lambda qid, kept: f"{qid!r} appears more than once; kept the first ({kept!r})",
    )
    return found, cap_errors(errors)


def to_query(answers: Mapping[str, str]) -> str:
    """Answers to ``app_type=api&realtime=yes``, keys sorted so equal answers give equal links."""
    pairs = [(k, v) for k, v in answers.items() if isinstance(k, str) and isinstance(v, str) and v]
    return "&".join(
        f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in sorted(pairs)
    )


def preset_names(payload: Mapping[str, Any]) -> list[str]:
    return [preset["id"] for preset in payload["presets"]]


def apply_preset(payload: Mapping[str, Any], name: str) -> Answers:
    """The answers of preset ``name``; ValueError names the presets when it does not exist."""
    for preset in payload["presets"]:
        if preset["id"] == name:
            return dict(preset["answers"])
    raise ValueError(
        f"unknown preset {shown(name)}; presets are: {', '.join(preset_names(payload))}"
    )
