"""What every built page makes the reader's browser wait for: one linked stylesheet
(Material's main one), the palette (the site's colours only) and the guide's styles written
into the page."""

from __future__ import annotations

import gzip
import re

from bench.lighthouse import PAGES
from macros.styles import compact_css
from tests.conftest import PROJECT, Build

STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def test_pages_link_only_materials_main_stylesheet(built_site: Build) -> None:
    pages = built_site.pages()
    assert len(pages) > 100
    for page, html in pages:
        links = STYLESHEET_LINK.findall(html)
        assert len(links) == 1 and re.search(r"stylesheets/main\.[0-9a-f]+\.min\.css$", links[0])
        assert "[data-md-color-scheme=slate]" in html, f"{page}: no palette styles"
        assert "[data-md-color-primary=indigo]" in html, f"{page}: no primary colour"
        # The palette stylesheet holds every colour Material offers; pages keep the site's own.
        assert "[data-md-color-primary=red]" not in html, f"{page}: unused palette colours"
        assert ".sg-summary" in html, f"{page}: no guide styles"


ALTERNATE = re.compile(r'<link rel="alternate"[^>]* href="([^"]+)"')


def test_every_alternate_link_has_a_sitemap_beside_it(built_site: Build) -> None:
    # Material's instant navigation fetches sitemap.xml beside every <link rel="alternate">;
    # a missing one is a console error on every page.
    folders = set()
    for page, html in built_site.pages():
        for href in ALTERNATE.findall(html):
            folders.add((page.parent / href).resolve().parent)
    assert folders, "no page advertises a feed"
    for folder in folders:
        assert (folder / "sitemap.xml").is_file(), folder


# TCP's first window: ten segments of 1,460 bytes. A page whose gzipped HTML, with its response
# headers, needs more waits a round trip longer for its first paint.
FIRST_WINDOW = 14_600
HEADERS_ALLOWANCE = 600


def test_measured_page_types_arrive_in_the_first_round_trip(built_site: Build) -> None:
    for kind, path in PAGES.items():
        html = (built_site.site / path / "index.html").read_bytes()
        size = len(gzip.compress(html, 6))
        assert size + HEADERS_ALLOWANCE <= FIRST_WINDOW, f"{kind} ({path or '/'}): {size} B gzipped"


def test_written_in_styles_keep_their_meaning_without_comments_and_spaces() -> None:
    source = """/* a comment */ .a > .b ,  .c :is(.d) { color : red ; content: " \\2191 " ; }
    @media screen and (max-width: 22em) { .x { margin: calc(1px + 2px) 0 ; } }
    .y::before { content: 'a  /* b */' }"""
    assert compact_css(source) == (
        '.a>.b,.c :is(.d){color :red;content:" \\2191 "}'
        "@media screen and (max-width:22em){.x{margin:calc(1px + 2px) 0}}"
        ".y::before{content:'a  /* b */'}"
    )


def test_pages_carry_the_guides_styles_compacted(built_site: Build) -> None:
    source = (PROJECT / "docs" / "assets" / "css" / "selector.css").read_text("utf-8")
    html = (built_site.site / "choosing" / "selector" / "index.html").read_text("utf-8")
    assert "/*" in source and compact_css(source) in html
    assert "/*" not in "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
