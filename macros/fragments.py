"""The raw HTML blocks of the site's pages, kept out of Python-Markdown.

A generated page (``macros.pages``, ``macros.compare``) is Markdown headings, which make the table
of contents, around one-line raw HTML blocks; the tables the macros write into hand-written
pages (``macros.main``) are such blocks too. Python-Markdown writes such a block out unchanged,
but only after two HTML parsers have walked every tag of it (MkDocs' anchor scan and
``md_in_html``): at 1,000 libraries that was about half of the build's time. ``stash`` swaps each
such block for a marker paragraph before the page is converted and ``restore`` puts the blocks
back into the converted HTML, in the form Markdown writes them, so the page is the same
(``tests/test_fragments.py`` converts every generated and hand-written page both ways and
compares).

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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
# The HTML of a fenced block's code in a language, as the page's block of that number.
Highlight = Callable[[str, str, int], str | None]
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
# A fence pymdownx reads as a language and nothing else, and code it reads as written.
_PLAIN_FENCE = re.compile(r"^(`{3,}|~{3,})([a-z0-9][a-z0-9_+-]*)$")
_UNSAFE_CODE = re.compile(r"[\t\r\x02\x03]|^ {0,3}(`{3,}|~{3,})", re.M)
_ID = re.compile(r'\sid="([^"]*)"')
_A_NAME = re.compile(r'<a\s[^<>]*?\bname="([^"]*)"')


@dataclass
class Stash:
    """The blocks taken out of one page, by marker."""

    marker: str
    blocks: list[str] = field(default_factory=list)
    # The numbers of the blocks that are highlighted code, which Markdown writes without the
    # blank line it leaves after a raw block.
    code: set[int] = field(default_factory=set)

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


def stash(markdown: str, code: Highlight | None = None) -> tuple[str, Stash]:
    """``markdown`` with its verbatim one-line HTML blocks replaced by marker paragraphs, and
    with ``code`` its plain fenced code blocks too."""
    found = Stash(f"sg{secrets.token_hex(6)}x")
    lines = markdown.split("\n")
    fences: list[tuple[int, int, str]] = []
    opened: tuple[int, str, str] | None = None
    whole = True
    for index, line in enumerate(lines):
        if opened:
            closing = line.strip()
            fence = opened[1]
            if len(closing) >= len(fence) and closing == fence[0] * len(closing):
                if closing == line == fence:
                    fences.append((opened[0], index, opened[2]))
                else:
                    code = None
                opened = None
            continue
        opening = _FENCE.match(line)
        if opening:
            plain = _PLAIN_FENCE.match(line)
            before = lines[index - 1] if index else ""
            if plain is None or before.strip():
                code = None
            opened = (index, opening.group(1), plain.group(2) if plain else "")
            continue
        if line.startswith(("    ", "\t")):
            code = None  # an indented code block: pymdownx numbers it with the fences
        if not _HTML_START.match(line):
            continue
        before = lines[index - 1] if index else ""
        after = lines[index + 1] if index + 1 < len(lines) else ""
        elements = None if before.strip() or after.strip() else _elements(line)
        if elements is None:
            # Raw HTML that may run on over the next lines: leave the rest to Markdown.
            whole = False
            break
        lines[index] = f"{found.marker}{len(found.blocks)}"
        # Markdown writes elements that share a line one a line.
        found.blocks.append("\n".join(elements))
    if code is not None and whole and opened is None and fences:
        _stash_fences(lines, fences, found, code)
    return "\n".join(line for line in lines if line is not None), found


def _stash_fences(
    lines: list[Any], fences: list[tuple[int, int, str]], found: Stash, code: Highlight
) -> None:
    """Every fence of the page or none: pymdownx numbers a page's code blocks in turn."""
    blocks = []
    for number, (start, end, language) in enumerate(fences):
        after = lines[end + 1] if end + 1 < len(lines) else ""
        source = "\n".join(lines[start + 1 : end])
        if after.strip() or _UNSAFE_CODE.search(source):
            return
        block = code(source, language, number)
        if block is None:
            return
        blocks.append(block)
    for (start, end, _), block in zip(fences, blocks, strict=True):
        lines[start] = f"{found.marker}{len(found.blocks)}"
        lines[start + 1 : end + 1] = [None] * (end - start)
        found.code.add(len(found.blocks))
        found.blocks.append(block.rstrip("\n"))


def restore(converted: str, found: Stash) -> str:
    """The converted page with its blocks back, as Python-Markdown writes raw blocks."""
    if not found.blocks:
        return converted
    marker = re.compile(rf"<p>{found.marker}(\d+)</p>")

    def block(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return found.blocks[number] + ("" if number in found.code else "\n")

    return marker.sub(block, converted).strip()
