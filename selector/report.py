"""Plain-text renderings for the command line: a result summary and the list of questions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selector.engine import condition_text
from selector.links import to_query


def _effect(effect: Mapping[str, int]) -> str:
    return ", ".join(f"{slug} {points:+d}" for slug, points in effect.items()) or "no points"


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


def _part(part: Mapping[str, Any]) -> str:
    if part["builtin"]:
        return f"{part['name']} (built in)"
    return f"{part['name']} {part['version']}" if part["version"] else part["name"]


def _answers(part: Mapping[str, Any]) -> str:
    return ", ".join(f"{item['question']}={item['answer']}" for item in part["because_of"])


def _reference(stack: Mapping[str, Any]) -> str:
    closest = stack["closest"]
    if stack["equals"]:
        return f"  This is the reference {closest['name']} ({stack['equals']})."
    if closest:
        return f"  Closest reference stack: {closest['name']} ({closest['slug']})."
    return ""


def _stack(stack: Mapping[str, Any]) -> list[str]:
    lines = ["", f"Stack: {stack['name']}"]
    reference = _reference(stack)
    if reference:
        lines.append(reference)
    width = max((len(part["role_label"]) for part in stack["parts"]), default=0)
    for part in stack["parts"]:
        lines.append(f"  {part['role_label']:<{width}}  {_part(part)}  [{_answers(part)}]")
        lines.append(f"  {'':<{width}}  {part['reason']}")
    return lines


def _sharpen_stack(result: Mapping[str, Any]) -> list[str]:
    if not result["sharpen_stack"]:
        return []
    lines = ["", "Open questions that would change the stack:"]
    for item in result["sharpen_stack"]:
        lines.append(f"  - {item['question']}: {item['text']}")
        for change in item["changes"]:
            added = [f"+{part['name']} ({part['role_label']})" for part in change["adds"]]
            dropped = [f"-{part['name']} ({part['role_label']})" for part in change["drops"]]
            lines.append(f"      {change['answer']}: {', '.join(added + dropped)}")
    return lines


def _runner_up(result: Mapping[str, Any]) -> str:
    runner_up = result["runner_up"]
    if runner_up is None:
        return "no runner-up (no other framework has points)"
    names = " and ".join(
        f"{name} ({slug})"
        for name, slug in zip(runner_up["names"], runner_up["slugs"], strict=True)
    )
    if runner_up["tied_with_winner"]:
        return f"tied with {names} at {runner_up['points']} points; listed first"
    tie = " (tied)" if len(runner_up["slugs"]) > 1 else ""
    return f"runner-up: {names}{tie}, {runner_up['points']} points"


def _notes(result: Mapping[str, Any]) -> list[str]:
    lines = [
        f"Ignored {item['question']}={item['answer']}: {item['reason']}"
        for item in result["ignored"]
    ]
    lines += [f"Error: {error}" for error in result["errors"]]
    return ["", *lines] if lines else []


def _install_check(result: Mapping[str, Any]) -> list[str]:
    check = result.get("install_check")
    if not check:
        return []
    return [f"Install check: {check['text']}", *(w["text"] for w in check["python_warnings"])]


def summary(result: Mapping[str, Any]) -> str:
    """A readable account of ``recommend``'s result."""
    scores = ", ".join(f"{slug} {points}" for slug, points in result["scores"].items())
    lines = [
        f"Framework: {result['framework_name']} ({result['framework']}); {_runner_up(result)}",
        f"Scores: {scores}",
        *_why(result),
        *_sharpen(result),
        *_stack(result["stack"]),
        *_sharpen_stack(result),
        "",
        "pyproject.toml:",
        *(f"  {line}" if line else "" for line in result["pyproject"].splitlines()),
        *_install_check(result),
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
