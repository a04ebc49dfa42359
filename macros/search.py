"""What the search index holds of the generated library and category pages: their headings
and the prose of their paragraphs, not every table cell, list item and code example.

Material's search plugin skips any element carrying ``data-search-exclude``; the hook marks
the tables, lists, code blocks and collapsed blocks of generated pages with it. Hand-written
pages are indexed whole. The attribute changes nothing a reader sees.
"""

from __future__ import annotations

import re

# Opening tags of the blocks left out of the index.
_BLOCKS = re.compile(r'<(table|ul|ol|dl|details|pre)\b|<div class="(highlight|admonition)\b')


def _exclude(match: re.Match[str]) -> str:
    if match.group(1):
        return f"<{match.group(1)} data-search-exclude"
    return f'<div data-search-exclude class="{match.group(2)}'


def indexed_content(html: str) -> str:
    """The page's HTML with its tables, lists and code blocks kept out of the search index."""
    return _BLOCKS.sub(_exclude, html)
