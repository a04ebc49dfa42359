"""The search index of the built guide: the generated pages give their summaries and headings,
not their tables, lists and code examples; hand-written pages are indexed whole."""

from __future__ import annotations

import json

from tests.conftest import Build


def _index(build: Build) -> list[dict[str, str]]:
    return json.loads((build.site / "search" / "search_index.json").read_text("utf-8"))["docs"]


def test_generated_pages_index_summary_and_headings(built_site: Build) -> None:
    docs = {entry["location"]: entry for entry in _index(built_site)}
    page = docs["libraries/fastapi/"]
    assert "FastAPI" in page["title"] and page["text"], page
    headings = [loc for loc in docs if loc.startswith("libraries/fastapi/#")]
    assert "libraries/fastapi/#pros" in headings and "libraries/fastapi/#sources" in headings
    library_text = " ".join(d["text"] for loc, d in docs.items() if loc.startswith("libraries/"))
    assert "from fastapi import" not in library_text, "code examples reached the search index"
    assert "<table" not in library_text and "<li>" not in library_text


def test_hand_written_pages_are_indexed_whole(built_site: Build) -> None:
    docs = _index(built_site)
    contributing = " ".join(d["text"] for d in docs if d["location"].startswith("contributing/"))
    assert "<li>" in contributing or "<code>" in contributing


def test_search_index_stays_small(built_site: Build) -> None:
    size = (built_site.site / "search" / "search_index.json").stat().st_size
    libraries = len(list((built_site.site / "libraries").glob("*/index.html")))
    # About 2 KB a library; the whole-page index was 4.5 KB a library.
    assert size < 2_500 * libraries, size
