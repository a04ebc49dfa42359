"""Plain-text renderings for the command line: a result summary and the list of questions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selector.engine import condition_text
from selector.links import to_query


def _effect(effect: Mapping[str, int]) -> str:
    return ", ".join(f"{slug} {points:+d}" for slug, points in effect.items()) or "no points"


def _part(libraries: list[Mapping[str, Any]]) -> str:
    picked = [lib for lib in libraries if lib["pick"]]
    others = [lib["name"] for lib in libraries if not lib["pick"]]
    text = ", ".join(
        f"{lib['name']} {lib['version']}" if lib["version"] else lib["name"] for lib in picked
    )
    return f"{text} (or {', '.join(others)})" if others else text


def _why(result: Mapping[str, Any]) -> list[str]:
    if not result["reasons"]:
        return ["", "No answers yet: every candidate has 0 points, so the first one is shown."]
    lines = ["", "Why:"]
    for reason in result["reasons"]:
        lines.append(
            f"  - {reason['question_text']} {reason['label']} ({_effect(reason['effect'])})"
        )
        lines.append(f"    {reason['text']}")
    return lines


def _sharpen(result: Mapping[str, Any]) -> list[str]:
    if not result["sharpen"]:
        return []
    lines = ["", "Open questions that could change this:"]
    for item in result["sharpen"]:
        flips = "; ".join(f"{flip['answer']} -> {flip['framework']}" for flip in item["flips"])
        lines.append(f"  - {item['question']}: {item['text']} ({flips})")
    return lines


def _stack(stack: Mapping[str, Any]) -> list[str]:
    lines = ["", f"Stack: {stack['name']} ({stack['slug']})", f"  {stack['because']}"]
    width = max((len(role) for role in stack["parts"]), default=0)
    lines += [f"  {role:<{width}}  {_part(libs)}" for role, libs in stack["parts"].items()]
    return lines


def _notes(result: Mapping[str, Any]) -> list[str]:
    lines = [
        f"Ignored {item['question']}={item['answer']}: {item['reason']}"
        for item in result["ignored"]
    ]
    lines += [f"Error: {error}" for error in result["errors"]]
    return ["", *lines] if lines else []


def summary(result: Mapping[str, Any]) -> str:
    """A readable account of ``recommend``'s result."""
    scores = ", ".join(f"{slug} {points}" for slug, points in result["scores"].items())
    lines = [
        f"Framework: {result['framework_name']} ({result['framework']}); "
        f"runner-up: {result['runner_up']}",
        f"Scores: {scores}",
        *_why(result),
        *_sharpen(result),
        *_stack(result["stack"]),
        "",
        "pyproject.toml:",
        *(f"  {line}" if line else "" for line in result["pyproject"].splitlines()),
        *_notes(result),
    ]
    query = to_query(result["answers"])
    if query:
        lines += ["", f"Same answers again: python -m selector --query '{query}'"]
    return "\n".join(lines) + "\n"


def question_list(payload: Mapping[str, Any]) -> str:
    """Every question id with its values, then the presets: what ``--answer`` accepts."""
    lines = ["Questions (--answer ID=VALUE):"]
    for question in payload["questions"]:
        values = " | ".join(answer["value"] for answer in question["answers"])
        lines.append(f"  {question['id']}: {values}    {question['text']}")
        if question["ask_if"]:
            lines.append(f"      (asked only when {condition_text(question)})")
    lines += ["", "Presets (--preset NAME):"]
    lines += [f"  {preset['id']}: {preset['title']}" for preset in payload["presets"]]
    return "\n".join(lines) + "\n"
