"""What the search index holds of the generated library and category pages: their headings
and the prose of their paragraphs, not every table cell, list item and code example.

Material's search plugin skips any element carrying ``data-search-exclude``; the hook marks
the tables, lists, code blocks and collapsed blocks of generated pages with it. Hand-written
pages are indexed whole. The attribute changes nothing a reader sees.

The plugin still parses every tag of a page, skipped or not, and the marked blocks are most of
a library page; so it is handed ``index_view`` of a generated page, the page without them,
which gives it the same sections and text in a fraction of the tags.
"""

from __future__ import annotations

import re

# Opening tags of the blocks left out of the index.
_BLOCKS = re.compile(r'<(table|ul|ol|dl|details|pre)\b|<div class="(highlight|admonition)\b')


# The same blocks once marked.
_MARKED = re.compile(r"<(table|ul|ol|dl|details|pre|div) data-search-exclude\b")
_CLOSING: dict[str, re.Pattern[str]] = {
    tag: re.compile(rf"<(/?){tag}\b[^<>]*>")
    for tag in ("table", "ul", "ol", "dl", "details", "pre", "div")
}


def _exclude(match: re.Match[str]) -> str:
    if match.group(1):
        return f"<{match.group(1)} data-search-exclude"
    return f'<div data-search-exclude class="{match.group(2)}'


def indexed_content(html: str) -> str:
    """The page's HTML with its tables, lists and code blocks kept out of the search index."""
    return _BLOCKS.sub(_exclude, html)


def _block_end(html: str, start: re.Match[str]) -> int:
    """Where the element opened at ``start`` ends (after its closing tag)."""
    tags = _CLOSING[start.group(1)]
    depth = 0
    for tag in tags.finditer(html, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    raise ValueError(f"<{start.group(1)}> at offset {start.start()} is never closed")


def index_view(html: str) -> str:
    """The HTML of ``indexed_content`` without the blocks it marked."""
    parts, position = [], 0
    while start := _MARKED.search(html, position):
        parts.append(html[position : start.start()])
        position = _block_end(html, start)
    parts.append(html[position:])
    return "".join(parts)
