"""Python compatibility across the guide: for every library with a package, which Python
versions it supports, from the package's Requires-Python and its classifiers.

Owns the table on the compatibility page (``docs/compatibility.md``, macro
``compatibility_table``) and ``api/v1/compatibility.json``. Both are built from
``compatibility_document``, whose ``requires_python`` and ``python_versions`` are the library
JSON's own (``macros.facts.library_facts``), so the page, the document and
``api/v1/libraries/<slug>.json`` cannot disagree.
"""

from __future__ import annotations

from typing import Any

from packaging.version import Version

from macros.catalog import Catalog
from macros.facts import library_facts, offered_python_versions, supports_python
from macros.models import Library
from macros.render import SORTABLE_TABLE_OPEN, TABLE_OPEN, esc, library_link, table

SUPPORT_LABELS = {
    "yes": "Supported",
    "allowed": "Installs; not in its classifiers",
    "no": "Not supported",
    "unknown": "Not declared",
}
SUPPORT_MEANINGS = {
    "yes": "the classifiers name this version, and Requires-Python (if declared) admits it",
    "allowed": "nothing stops it installing, but the classifiers name other versions and not it",
    "no": "the package's Requires-Python excludes this version",
    "unknown": "the package declares neither Requires-Python nor Python classifiers",
}
SYMBOLS = {"yes": "✓", "allowed": "~", "no": "✗", "unknown": "?"}
SHORT = {"yes": "yes", "allowed": "unlisted", "no": "no", "unknown": "not declared"}


def python_columns(catalog: Catalog) -> list[str]:
    """The versions readers filter by and every version the stacks are checked on."""
    versions = set(offered_python_versions(catalog)) | set(catalog.versions.check_pythons)
    return sorted(versions, key=Version)


def support(library: Library, version: str) -> str:
    """``yes``, ``allowed``, ``no`` or ``unknown``: see ``SUPPORT_MEANINGS``."""
    facts = library.package_facts
    if facts is None:
        return "unknown"
    if facts.requires_python and supports_python(library, version) is False:
        return "no"
    if version in facts.python_versions:
        return "yes"
    if facts.python_versions:
        return "allowed"
    return "yes" if facts.requires_python else "unknown"


def compatibility_document(catalog: Catalog) -> dict[str, Any]:
    """``api/v1/compatibility.json``: one record per library with a package."""
    columns = python_columns(catalog)
    records = []
    for library in catalog.libraries.values():
        if not library.package:
            continue
        facts = library_facts(library)
        records.append(
            {
                "slug": library.slug,
                "name": library.name,
                "package": library.package,
                "requires_python": facts.requires_python,
                "python_versions": facts.python_versions,
                "support": {version: support(library, version) for version in columns},
            }
        )
    return {
        "guide_python": catalog.versions.python,
        "checked_pythons": list(catalog.versions.check_pythons),
        "columns": columns,
        "labels": SUPPORT_LABELS,
        "libraries": records,
    }


def _cell(state: str, words: dict[str, str] = SHORT) -> str:
    return (
        f'<span class="sg-compat sg-compat--{state}" title="{esc(SUPPORT_MEANINGS[state])}">'
        f'<span aria-hidden="true">{SYMBOLS[state]}</span> {esc(words[state])}</span>'
    )


def _header(version: str, guide: str) -> str:
    return f"Python {version} (the guide's minimum)" if version == guide else f"Python {version}"


def render_compatibility(catalog: Catalog, base: str) -> str:
    document = compatibility_document(catalog)
    guide = document["guide_python"]
    headers = ["Library", "Requires-Python", *(_header(v, guide) for v in document["columns"])]
    rows = []
    for record in document["libraries"]:
        library = catalog.libraries[record["slug"]]
        cells = [_cell(record["support"][v]) for v in document["columns"]]
        requires = record["requires_python"] or "package not checked yet"
        rows.append([library_link(base, library), esc(requires), *cells])
    legend = "".join(
        f"<li>{_cell(state, SUPPORT_LABELS)}: {esc(SUPPORT_MEANINGS[state])}</li>"
        for state in SUPPORT_LABELS
    )
    body = table(headers, rows).replace(TABLE_OPEN, SORTABLE_TABLE_OPEN, 1)
    return f'<ul class="sg-legend">{legend}</ul>{body}'
