"""What every built page makes the reader's browser wait for: one linked stylesheet
(Material's main one), the palette (the site's colours only) and the guide's styles written
into the page."""

from __future__ import annotations

import re

from tests.conftest import Build

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
