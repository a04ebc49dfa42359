"""The search index of the built guide: the generated pages give their summaries and headings,
not their tables, lists and code examples; hand-written pages are indexed whole."""

from __future__ import annotations

import json
import re

import pytest
from material.plugins.search.plugin import Parser

from macros.search import index_view
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


def _sections(html: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    kept = [s for s in parser.data if not s.is_excluded()]
    return [(s.id, "".join(s.title), "".join(s.text)) for s in kept]


def test_the_search_plugin_reads_the_same_sections_from_the_index_view(built_site: Build) -> None:
    # The plugin is handed the view of each generated page instead of the whole page.
    pages = sorted((built_site.site / "libraries").glob("*/index.html"))
    pages += sorted((built_site.site / "stack").glob("*/index.html"))
    assert len(pages) > 50
    for page in pages:
        article = re.search(r"<article\b[^>]*>(.*)</article>", page.read_text("utf-8"), re.S)
        assert article, page
        view = index_view(article.group(1))
        assert "data-search-exclude" not in view, page
        assert len(view) < len(article.group(1)), page
        assert _sections(view) == _sections(article.group(1)), page


def test_an_unclosed_block_is_named() -> None:
    with pytest.raises(ValueError, match="<table> at offset 8 is never closed"):
        index_view("<p>a</p><table data-search-exclude><tr><td>b</td></tr>")
