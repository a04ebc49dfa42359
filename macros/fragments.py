"""The raw HTML blocks of generated pages, kept out of Python-Markdown.

A generated page (``macros.pages``, ``macros.compare``) is Markdown headings, which make the table
of contents, around one-line raw HTML blocks. Python-Markdown writes such a block out unchanged,
but only after two HTML parsers have walked every tag of it (MkDocs' anchor scan and
``md_in_html``): at 1,000 libraries that was about half of the build's time. ``stash`` swaps each
such block for a marker paragraph before the page is converted and ``restore`` puts the blocks
back into the converted HTML, in the form Markdown writes them, so the page is the same
(``tests/test_build.py`` converts every generated page both ways and compares).

Only a block Markdown would pass through verbatim is swapped: one line between blank lines,
block-level elements side by side from the line's start to its end, no comment, no ``markdown``
attribute and none of the characters Markdown rewrites (tabs, carriage returns, its own
placeholder marks). From the first line that starts any other HTML on, the page stays Markdown
(that HTML may run on over the lines after it), so the worst case is a slower page, never a
different one. Text from data reaches these blocks escaped (``macros.render``),
so every ``<`` in them opens a tag the guide wrote.
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field

from markdown.util import BLOCK_LEVEL_ELEMENTS

# The block-level elements (for Python-Markdown) that a swapped block may be made of, and
# HTML's elements without a closing tag.
BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS) & {
    *("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset"),
    *("figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "main"),
    *("nav", "ol", "p", "pre", "section", "table", "ul"),
}
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_TAG = re.compile(r"<(/?[a-z][a-z0-9-]*)\b[^<>]*>")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line Markdown may start raw HTML at: a tag after at most three spaces.
_HTML_START = re.compile(r"^ {0,3}<")
# What Markdown would read differently, or ``_TAG`` not see: its placeholder marks, tabs,
# carriage returns, comments and processing instructions, elements whose content is not HTML
# (an empty <script src> is fine), Markdown-in-HTML, self-closing tags, capitals in tag names.
_UNSAFE = re.compile(
    r"[\t\r\x02\x03]|<[!?]|<(script|style|textarea)\b[^<>]*>(?!</\1>)| markdown=|/>"
    r"|</?[a-z0-9-]*[A-Z]",
)
_ID = re.compile(r'\sid="([^"]*)"')
_A_NAME = re.compile(r'<a\s[^<>]*?\bname="([^"]*)"')


@dataclass
class Stash:
    """The blocks taken out of one page, by marker."""

    marker: str
    blocks: list[str] = field(default_factory=list)

    def anchor_ids(self) -> set[str]:
        """The ``id``s (and ``<a name>``s) in the blocks, which MkDocs' anchor check needs."""
        found: set[str] = set()
        for block in self.blocks:
            found.update(html.unescape(v) for v in _ID.findall(block))
            found.update(html.unescape(v) for v in _A_NAME.findall(block))
        return found


def _elements(line: str) -> list[str] | None:
    """The block-level elements ``line`` is made of, one after the other with nothing between,
    if it is; Markdown keeps each of them as a raw block. None if it is anything else.

    An element ends where Python-Markdown's HTML parser ends it: a closing tag closes the
    innermost open element of its name and every element opened after it."""
    if _UNSAFE.search(line):
        return None
    parts: list[str] = []
    open_tags: list[str] = []
    start = 0
    for match in _TAG.finditer(line):
        name = match.group(1)
        if not open_tags:
            # A top-level element: block-level, right after the previous one.
            if name not in BLOCK_TAGS or match.start() != start:
                return None
            open_tags.append(name)
        elif name[0] != "/":
            if name not in VOID_TAGS:
                open_tags.append(name)
        elif name[1:] in open_tags:
            while open_tags.pop() != name[1:]:
                pass
            if not open_tags:
                parts.append(line[start : match.end()])
                start = match.end()
    return parts if parts and not open_tags and start == len(line) else None


def stash(markdown: str) -> tuple[str, Stash]:
    """``markdown`` with its verbatim one-line HTML blocks replaced by marker paragraphs."""
    found = Stash(f"sg{secrets.token_hex(6)}x")
    lines = markdown.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        if fence:
            closing = line.strip()
            if len(closing) >= len(fence) and closing == fence[0] * len(closing):
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        if not _HTML_START.match(line):
            continue
        before = lines[index - 1] if index else ""
        after = lines[index + 1] if index + 1 < len(lines) else ""
        elements = None if before.strip() or after.strip() else _elements(line)
        if elements is None:
            # Raw HTML that may run on over the next lines: leave the rest to Markdown.
            break
        lines[index] = f"{found.marker}{len(found.blocks)}"
        # Markdown writes elements that share a line one a line.
        found.blocks.append("\n".join(elements))
    return "\n".join(lines), found


def restore(converted: str, found: Stash) -> str:
    """The converted page with its blocks back, as Python-Markdown writes raw blocks."""
    if not found.blocks:
        return converted
    marker = re.compile(rf"<p>{found.marker}(\d+)</p>")
    return marker.sub(lambda m: found.blocks[int(m.group(1))] + "\n", converted).strip()
