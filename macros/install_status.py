"""The install check on the recommended-stacks page: one status per stack.

The words come from ``selector.install_check.status``, the same function the selector's result
uses, on the outcome ``make check-stacks`` recorded (``data/install_check.yaml``, compiled by
``macros.selector_data.install_checks``). A stack whose requirement lines changed after the
check has no recorded outcome for its current lines, so it says it is not checked as it stands.
A part that does not claim the guide's Python gets a warning beside the status.
"""

from __future__ import annotations

from typing import Any

from macros.catalog import Catalog
from macros.models import Stack
from macros.render import esc
from macros.selector_data import install_checks
from macros.stack_sets import stack_requirements
from selector.install_check import describe

MODE_LABELS = {
    "newest": "as written (newest releases)",
    "exact": "each library at its recommended version",
}
ADMONITION = {"ok": "success", "failed": "failure", "unchecked": "warning"}


def stack_status(catalog: Catalog, stack: Stack) -> dict[str, Any]:
    return describe(install_checks(catalog), stack_requirements(catalog, stack))


def _failures(failures: list[dict[str, Any]]) -> str:
    """The resolver's words, once for every Python that got the same answer in a mode."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for run in failures:
        grouped.setdefault((run["mode"], run["message"] or ""), []).append(run["python"])
    items = "".join(
        f"<li>Python {esc(', '.join(pythons))}, {esc(MODE_LABELS.get(mode, mode))}:"
        f"<pre><code>{esc(message)}</code></pre></li>"
        for (mode, message), pythons in grouped.items()
    )
    return f"<p>What the resolver said:</p><ul>{items}</ul>" if items else ""


def render_stack_status(catalog: Catalog, stack: Stack) -> str:
    found = stack_status(catalog, stack)
    lines = "\n".join(stack_requirements(catalog, stack))
    platform = install_checks(catalog)["platform"] or "any platform"
    how = (
        f"<p>What is checked: these requirements (the default picks of each part), resolved "
        f"together from wheels for Linux on x86-64 (<code>{esc(platform)}</code>), as written "
        "(the newest releases) and with "
        "each library at its recommended version. <code>make check-stacks</code> runs the check."
        f"</p><pre><code>{esc(lines)}</code></pre>"
    )
    warnings = "".join(
        f'<div class="admonition warning sg-python-warning"><p>{esc(w["text"])}</p></div>'
        for w in found["python_warnings"]
    )
    return (
        f'<details class="sg-install {ADMONITION[found["state"]]}">'
        f"<summary>{esc(found['text'])}</summary>{how}{_failures(found['failures'])}</details>"
        f"{warnings}"
    )
