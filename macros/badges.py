"""The status badges: ``badges/<slug>.svg`` for every library ("stack guide | recommended
0.165.0"), and the Markdown and HTML snippets on each library page that embed one, linking back.

A badge is a small SVG with a ``<title>`` (its accessible name when opened on its own; the
snippets carry the same words as ``alt``) and white text on fills dark enough for a contrast
of at least 4.5:1 (WCAG AA). The text is measured with an estimate of Verdana's advance widths
and fitted with ``textLength``, so it fits whatever font the reader's system substitutes.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, per_record
from macros.feeds import library_records
from macros.models import Library
from macros.render import badge_path, code_block, esc, library_url, relative
from macros.tables import STATUS_LABELS, possibly_unmaintained
from macros.xmltext import element, serialise

SVG = "http://www.w3.org/2000/svg"
LABEL = "stack guide"
HEIGHT = 20
PADDING = 6
TEXT = "#ffffff"
LABEL_FILL = "#444444"
# Fills behind white text, each at least 4.5:1 against it (tests/test_feeds.py measures them).
FILLS = {
    "recommended": "#2e7d32",
    "active": "#1565c0",
    "maintenance": "#8d5b00",
    "legacy": "#b71c1c",
    "deprecated": "#b71c1c",
    "stale": "#6d4c41",
}
WORDS = {
    "recommended": "recommended",
    "active": "active",
    "maintenance": "maintenance only",
    "legacy": "legacy",
    "deprecated": "deprecated",
    "stale": "possibly unmaintained",
}
# Advance widths of Verdana at 11px, by character class; others count as wide.
NARROW = set("fijlrt.,:;|!'() ")
MEDIUM = set("abcdeghknopqsuvxyz0123456789-·")


@declares_outputs
def badge_outputs(catalog: Catalog) -> Iterator[Output]:
    yield from per_record(
        badge_path("{}"), "library slug", "the badge of library '{}'", library_records(catalog)
    )


def _width(text: str) -> int:
    return round(
        sum(3.9 if c in NARROW else 6.9 if c in MEDIUM else 8.2 for c in text) + 2 * PADDING
    )


def _state(library: Library, today: date) -> str:
    return "stale" if possibly_unmaintained(library, today) else library.status


def badge_value(library: Library, today: date) -> str:
    words = WORDS[_state(library, today)]
    return f"{words} {library.recommended_version}" if library.recommended_version else words


def badge_title(library: Library, today: date, site_name: str) -> str:
    status = STATUS_LABELS[library.status]
    if possibly_unmaintained(library, today):
        status += ", possibly unmaintained"
    version = (
        f"; recommended version {library.recommended_version}"
        if library.recommended_version
        else ""
    )
    return f"{site_name} on {library.name}: {status}{version}"


def _text(parent: ET.Element, x: float, width: int, words: str) -> None:
    element(
        parent,
        "text",
        words,
        x=f"{x:g}",
        y="14",
        fill=TEXT,
        textLength=width - 2 * PADDING,
        lengthAdjust="spacingAndGlyphs",
    )


def badge_svg(library: Library, today: date, site_name: str) -> str:
    value = badge_value(library, today)
    left, right = _width(LABEL), _width(value)
    title = badge_title(library, today, site_name)
    root = element(
        None, "svg", xmlns=SVG, width=left + right, height=HEIGHT, role="img", aria_label=title
    )
    element(root, "title", title)
    element(root, "rect", width=left, height=HEIGHT, fill=LABEL_FILL)
    element(root, "rect", x=left, width=right, height=HEIGHT, fill=FILLS[_state(library, today)])
    group = element(
        root,
        "g",
        font_family="Verdana,DejaVu Sans,Geneva,sans-serif",
        font_size="11",
        text_anchor="middle",
    )
    _text(group, left / 2, left, LABEL)
    _text(group, left + right / 2, right, value)
    return serialise(root)


def badge_files(catalog: Catalog, today: date, site_name: str) -> dict[str, str]:
    """Site path -> SVG for every library's badge."""
    return {
        badge_path(slug): badge_svg(library, today, site_name)
        for slug, library in catalog.libraries.items()
    }


def badge_section(library: Library, today: date, site_name: str, site_url: str) -> str:
    """The badge on its library page, with the snippets that embed it elsewhere."""
    base = library_url(library.slug)
    root = site_url if site_url.endswith("/") else site_url + "/"
    image, page = root + badge_path(library.slug), root + base
    alt = f"{site_name}: {library.name} {badge_value(library, today)}"
    markdown = f"[![{alt}]({image})]({page})"
    snippet = f'<a href="{html.escape(page)}"><img src="{html.escape(image)}" alt="{esc(alt)}"></a>'
    return (
        f'<p class="sg-badge"><img src="{esc(relative(base, badge_path(library.slug)))}" '
        f'alt="{esc(alt)}" width="{_width(LABEL) + _width(badge_value(library, today))}" '
        f'height="{HEIGHT}"></p>\n\n'
        "<p>To show this badge in a README or on a web page, linking back here:</p>\n\n"
        f"{code_block(markdown, 'markdown')}\n\n{code_block(snippet, 'html')}\n\n"
    )
