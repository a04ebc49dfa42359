"""The machine-readable export: ``api/v1/*.json``, written by the build from the catalog.

Each document is the validated data as JSON (dates as ISO strings) plus the page URL of each
record, so readers of the API can link back to the site, and for libraries and categories the
path of their Atom feed (and a library's badge). A library's package and async facts are flat
keys (``license``, ``requires_python``, ...), shaped by ``macros.facts.LibraryFacts``.
``index.json`` lists the documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed, per_record
from macros.compatibility import compatibility_document
from macros.facts import library_facts
from macros.render import badge_path, category_feed, category_url, library_feed, library_url
from macros.tables import possibly_unmaintained

API_ROOT = "api/v1"
DOCUMENTS = (
    "libraries.json", "categories.json", "stacks.json", "use-cases.json", "comparisons.json",
    "versions.json", "selector.json", "compatibility.json",
)  # fmt: skip


@declares_outputs
def api_outputs(catalog: Catalog) -> Iterator[Output]:
    yield from fixed(
        [f"{API_ROOT}/{name}" for name in (*DOCUMENTS, "index.json")],
        "macros/export.py",
        "the API document",
    )
    libraries = [(s, catalog.source_of("library", s), "slug") for s in catalog.libraries]
    yield from per_record(
        f"{API_ROOT}/libraries/{{}}.json",
        "library slug",
        "the API document of library '{}'",
        libraries,
    )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _dump_list(items: list[str]) -> str:
    """``_dump`` of a list whose items are ``_dump``ed already: each item once, not twice (the
    indented encoder is pure Python, and every library is in two documents)."""
    if not items:
        return _dump([])
    # JSON text holds no raw newline but those of its indentation.
    return "[\n  " + ",\n  ".join(item[:-1].replace("\n", "\n  ") for item in items) + "\n]\n"


def appears_in(catalog: Catalog, slug: str) -> dict[str, list[dict[str, Any]]]:
    """The stacks (with the roles it plays) and use cases that name a library."""
    stacks = []
    for stack in catalog.stacks.values():
        roles = [role for role, slugs in stack.parts.items() if slug in slugs]
        if roles:
            stacks.append({"slug": stack.slug, "name": stack.name, "roles": roles})
    cases = [
        {"id": case.id, "title": case.title}
        for case in catalog.use_cases.values()
        if case.choice == slug
    ]
    return {"stacks": stacks, "use_cases": cases}


def library_record(catalog: Catalog, slug: str, today: date) -> dict[str, Any]:
    """One library as the API publishes it; the compare tables are built from it too. Made
    once per build (a library is in several comparisons); not to be modified."""
    return catalog.memo(("library_record", slug, today), lambda: _record(catalog, slug, today))


def _record(catalog: Catalog, slug: str, today: date) -> dict[str, Any]:
    library = catalog.libraries[slug]
    record = library.model_dump(mode="json", exclude={"package_facts", "async_support"})
    record.update(library_facts(library).model_dump(mode="json"))
    record["url"] = library_url(slug)
    record["feed"] = library_feed(slug)
    record["badge"] = badge_path(slug)
    record["possibly_unmaintained"] = possibly_unmaintained(library, today)
    record["appears_in"] = appears_in(catalog, slug)
    return record


def api_files(catalog: Catalog, payload: dict[str, Any], today: date) -> dict[str, str]:
    """Site path -> JSON text for every document of the export."""
    libraries = {slug: _dump(library_record(catalog, slug, today)) for slug in catalog.libraries}
    documents: dict[str, Any] = {
        "categories.json": [
            {
                **category.model_dump(mode="json"),
                "url": category_url(category.slug),
                "feed": category_feed(category.slug),
                "libraries": [lib.slug for lib in catalog.libraries_in(category.slug)],
            }
            for category in catalog.categories.values()
        ],
        "stacks.json": [stack.model_dump(mode="json") for stack in catalog.stacks.values()],
        "use-cases.json": [case.model_dump(mode="json") for case in catalog.use_cases.values()],
        "comparisons.json": [c.model_dump(mode="json") for c in catalog.comparisons.values()],
        "versions.json": catalog.versions.model_dump(mode="json"),
        "selector.json": payload,
        "compatibility.json": compatibility_document(catalog),
    }
    files = {f"{API_ROOT}/libraries.json": _dump_list(list(libraries.values()))}
    files.update({f"{API_ROOT}/{name}": _dump(value) for name, value in documents.items()})
    for slug, text in libraries.items():
        files[f"{API_ROOT}/libraries/{slug}.json"] = text
    files[f"{API_ROOT}/index.json"] = _dump(
        {
            "version": 1,
            "generated": today.isoformat(),
            "documents": sorted(["libraries.json", *documents]),
            "library_documents": f"{API_ROOT}/libraries/<slug>.json",
        }
    )
    return files
