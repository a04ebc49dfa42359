"""Python warnings raised during a build are build warnings, so ``--strict`` fails on them.

MkDocs prints a Python warning at info level with a few stack frames, and ``mkdocs build
--strict`` still exits 0: that is how a generated page silently replacing a hand-written one
(MkDocs warns "To replace an existing file, call `remove` before `append`") went unnoticed.
From ``on_config`` to the end of the build, every warning is logged on MkDocs' warning level
instead, with its category, message and the file and line that raised it.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import warnings
from pathlib import Path

# Under "mkdocs", so MkDocs counts these for --strict.
log = logging.getLogger("mkdocs.hooks.warnings")
_PROJECT = Path(__file__).resolve().parent.parent
_active: list[warnings.catch_warnings] = []


def _where(filename: str, lineno: int) -> str:
    path = Path(filename).resolve()
    for base in (Path.cwd().resolve(), _PROJECT):
        with contextlib.suppress(ValueError):
            return f"{path.relative_to(base).as_posix()}:{lineno}"
    return f"{filename}:{lineno}"


def _log_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    log.warning(
        f"Python {category.__name__} during the build: {message} ({_where(filename, lineno)})"
    )


def capture() -> None:
    """Start logging warnings as build warnings (the filters are restored by ``release``)."""
    release()
    catcher = warnings.catch_warnings()
    catcher.__enter__()
    _active.append(catcher)
    if not sys.warnoptions:
        # Python hides DeprecationWarning outside __main__; the build should hear of them,
        # once per place that raises one (entering catch_warnings resets what was shown).
        warnings.simplefilter("default", DeprecationWarning)
    warnings.showwarning = _log_warning


def release() -> None:
    while _active:
        _active.pop().__exit__(None, None, None)
