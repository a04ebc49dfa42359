"""What every built page makes the reader's browser wait for: one linked stylesheet
(Material's main one), the palette and the guide's styles written into the page."""

from __future__ import annotations

import re

from tests.conftest import Build

STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def test_pages_link_only_materials_main_stylesheet(built_site: Build) -> None:
    pages = sorted(built_site.site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = STYLESHEET_LINK.findall(html)
        assert len(links) == 1 and re.search(r"stylesheets/main\.[0-9a-f]+\.min\.css$", links[0])
        assert "[data-md-color-scheme=slate]" in html, f"{page}: no palette styles"
        assert ".sg-summary" in html, f"{page}: no guide styles"
