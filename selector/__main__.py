"""``python -m selector``: the framework selector in a terminal.

A thin shell around the pure ``selector`` functions: it gets the payload (from ``data/`` through
``macros.catalog``, or from a JSON file given with ``--payload``), gathers answers from flags or
by asking, and prints the result. Exit status: 0 done, 1 the guide's data is broken, 2 bad input
(one line on stderr), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from selector import apply_preset, parse_query, recommend
from selector.engine import is_asked
from selector.report import question_list, summary

PROG = "python -m selector"


class UsageError(Exception):
    """Bad input from the command line: reported in one line, exit status 2."""


class SetupError(Exception):
    """The guide's data or the Python environment is broken: exit status 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Choose between FastAPI, Flask and Django, and get a stack to go with it.",
        epilog="Without answers, in a terminal, it asks the questions one by one.",
    )
    parser.add_argument(
        "--answer",
        "-a",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help="answer a question, e.g. app_type=api (repeatable; see --list)",
    )
    parser.add_argument("--preset", "-p", metavar="NAME", help="start from a use-case preset")
    parser.add_argument("--query", "-q", metavar="QUERY", help="answers from a link, a=b&c=d")
    parser.add_argument("--interactive", "-i", action="store_true", help="ask the questions")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--list", action="store_true", help="list questions, values and presets")
    parser.add_argument("--payload", type=Path, metavar="FILE", help="compiled payload JSON")
    parser.add_argument("--data", type=Path, metavar="DIR", help="data folder (default: data/)")
    return parser


def _load_payload(args: argparse.Namespace) -> dict[str, Any]:
    if args.payload:
        try:
            payload = json.loads(args.payload.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read the payload {args.payload}: {exc}") from exc
        if not isinstance(payload, dict) or "questions" not in payload:
            raise UsageError(f"{args.payload} is not a selector payload")
        return payload
    try:
        from macros.catalog import DATA_DIR, DataError, load_catalog
        from macros.selector_data import selector_payload
    except ImportError as exc:
        raise SetupError(
            f"{PROG}: reading data/ needs the project's dependencies ({exc}); run it with "
            ".venv/bin/python, or pass --payload FILE with a compiled payload"
        ) from exc
    try:
        return selector_payload(load_catalog(args.data or DATA_DIR))
    except DataError as exc:
        raise SetupError(str(exc)) from exc


def _flag_answers(pairs: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--answer {pair!r}: expected ID=VALUE, e.g. app_type=api")
        if key in answers:
            raise UsageError(f"--answer {key} is given twice; give each question once")
        answers[key] = value
    return answers


def _gather(args: argparse.Namespace, payload: dict[str, Any]) -> dict[str, str]:
    answers: dict[str, str] = {}
    if args.preset:
        try:
            answers.update(apply_preset(payload, args.preset))
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    if args.query is not None:
        found, errors = parse_query(payload, args.query)
        if errors:
            raise UsageError(f"--query: {'; '.join(errors)}")
        answers.update(found)
    answers.update(_flag_answers(args.answer))
    return answers


def _choose(
    question: dict[str, Any], read: Callable[[], str | None], say: Callable[[str], None]
) -> str | None:
    """The chosen value, None to skip; raises EOFError when input ends."""
    options = question["answers"]
    say(f"\n{question['text']}\n  {question['help']}\n")
    for number, answer in enumerate(options, 1):
        say(f"  {number}) {answer['label']}\n")
    while True:
        say(f"Choice [1-{len(options)}, Enter to skip]: ")
        line = read()
        if line is None:
            raise EOFError
        text = line.strip().lower()
        if not text:
            return None
        if text.isdigit() and 1 <= int(text) <= len(options):
            chosen: str = options[int(text) - 1]["value"]
            return chosen
        if text in (answer["value"] for answer in options):
            return text
        say(f"Type a number from 1 to {len(options)}, or press Enter to skip.\n")


def ask(
    payload: dict[str, Any],
    answers: dict[str, str],
    read: Callable[[], str | None],
    say: Callable[[str], None],
) -> dict[str, str]:
    """Ask every open question that applies, in order; stops quietly when input ends."""
    answers = dict(answers)
    for question in payload["questions"]:
        if question["id"] in answers or not is_asked(question, answers):
            continue
        try:
            value = _choose(question, read, say)
        except EOFError:
            break
        if value is not None:
            answers[question["id"]] = value
    say("\n")
    return answers


def _read_line() -> str | None:
    line = sys.stdin.readline()
    return line if line else None


def _say(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        payload = _load_payload(args)
        if args.list:
            sys.stdout.write(question_list(payload))
            return 0
        answers = _gather(args, payload)
        flags_given = args.answer or args.preset or args.query is not None
        if args.interactive or (not flags_given and not args.json and sys.stdin.isatty()):
            answers = ask(payload, answers, _read_line, _say)
        result = recommend(payload, answers)
        if result["errors"]:
            raise UsageError("; ".join(result["errors"]))
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SetupError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if args.json:
        sys.stdout.write(json.dumps(result, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
