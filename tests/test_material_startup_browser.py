"""What Material's start-up is spared on every page, in headless Chromium against the built
site: the main stylesheet is not loaded and applied a second time when instant navigation
makes the page's links absolute, the sidebars' titles carry no ellipsis watcher, with
Material's look kept, and the sitemap instant navigation parses holds the pages' addresses
only."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
import yaml
from mkdocs.exceptions import PluginError
from playwright.sync_api import Page, expect

from macros.nav_titles import GUIDE_TITLE, MATERIAL_TITLE, title_css
from macros.styles import renamed_rules
from tests.conftest import PROJECT, Build

# Runs before the page's own scripts: remembers the main stylesheet the page first applied,
# and whether it is still the same one once Material's bundle has started (DOMContentLoaded
# fires after it).
FIRST_SHEET = """
document.addEventListener("load", (event) => {
  const link = event.target;
  if (link.localName === "link" && link.relList.contains("stylesheet") && !window.__firstSheet)
    window.__firstSheet = link.sheet;
}, true);
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector("link[rel=stylesheet]");
  window.__sameSheetAfterStartUp = !!window.__firstSheet && link.sheet === window.__firstSheet;
  window.__navHrefAfterStartUp = document.querySelector("a.md-nav__link").getAttribute("href");
});
"""
STYLESHEET_HREFS = (
    "[...document.querySelectorAll('link[rel~=stylesheet]')].map(l => l.getAttribute('href'))"
)
RELATIVE_ANCHORS = (
    "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
    ".filter(href => !/^[a-z]+:/.test(href))"
)
HEADER_COLOUR = "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
INDIGO = "rgb(64, 81, 181)"  # Material's indigo, the site's primary colour


def _until(page: Page, expression: str, prefix: str, timeout_ms: int = 5000) -> None:
    # The site's Content-Security-Policy forbids the string evaluation wait_for_function uses.
    value = ""
    for _ in range(timeout_ms // 50):
        value = page.evaluate(expression)
        if value.startswith(prefix):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{expression} is {value!r}, not {prefix}...")


def _styled(page: Page) -> None:
    assert page.evaluate(HEADER_COLOUR) == INDIGO


@pytest.mark.parametrize("path", ["", "compare/", "libraries/fastapi/"])
def test_materials_start_up_applies_the_stylesheet_once(page: Page, site_url: str, path: str):
    page.add_init_script(FIRST_SHEET)
    page.goto(site_url + path, wait_until="load")
    assert page.evaluate("window.__sameSheetAfterStartUp") is True
    # Nor were the links restyled: they kept their relative addresses through the start-up.
    assert not page.evaluate("window.__navHrefAfterStartUp").startswith("http")
    # A reader who only reads never pays for the restyle: idle, the links are still relative.
    page.wait_for_timeout(500)
    assert page.evaluate(RELATIVE_ANCHORS) != []
    assert page.evaluate(
        "document.querySelector('link[rel=stylesheet]').sheet === window.__firstSheet"
    )
    # The first click gives every link its absolute address, the stylesheet's too, as instant
    # navigation would have, and the page is still styled.
    page.locator("article h1").click(position={"x": 2, "y": 2})
    _until(page, "document.querySelector('link[rel=stylesheet]').getAttribute('href')", "http")
    assert page.evaluate(RELATIVE_ANCHORS) == []
    hrefs = page.evaluate(STYLESHEET_HREFS)
    assert len(hrefs) == 1 and hrefs[0].startswith(site_url), hrefs
    _styled(page)


# Samples the header's colour in every frame drawn, to catch one drawn without the stylesheet.
FRAMES = """
window.__frames = [];
(function sample() {
  const header = document.querySelector(".md-header");
  window.__frames.push(getComputedStyle(header).backgroundColor);
  if (window.__frames.length < 600) requestAnimationFrame(sample);
})();
"""


def _navigate_home_instantly(page: Page, instant_url: str) -> None:
    page.evaluate("window.__samePage = true")
    page.evaluate(FRAMES)
    page.locator("nav.md-nav--primary a", has_text="Home").first.click()
    expect(page).to_have_url(instant_url)
    expect(page.locator("h1")).to_contain_text("Python Backend Stack Guide")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__samePage") is True, "not an instant navigation"
    frames = page.evaluate("window.__frames")
    assert len(frames) > 5 and set(frames) == {INDIGO}, set(frames)


def test_instant_navigation_keeps_one_stylesheet(page: Page, instant_url: str) -> None:
    page.goto(instant_url + "libraries/fastapi/", wait_until="load")
    page.locator("article h1").click(position={"x": 2, "y": 2})
    _until(page, "document.querySelector('a.md-nav__link').getAttribute('href')", "http")
    _navigate_home_instantly(page, instant_url)
    hrefs = page.evaluate(STYLESHEET_HREFS)
    assert len(hrefs) == 1 and hrefs[0].startswith(instant_url), hrefs
    _styled(page)


def test_instant_navigation_at_the_first_click(page: Page, instant_url: str) -> None:
    # The reader's first click leaves the page while its links are relative: the click gives
    # them their absolute addresses first, the stylesheet's too, so instant navigation keeps it;
    # the page stays styled in every frame.
    page.goto(instant_url + "libraries/fastapi/", wait_until="load")
    assert page.evaluate(RELATIVE_ANCHORS) != []
    _navigate_home_instantly(page, instant_url)
    hrefs = page.evaluate(STYLESHEET_HREFS)
    assert len(hrefs) == 1 and hrefs[0].startswith(instant_url), hrefs
    _styled(page)
    # The header stays; its links were made absolute against the first page's address when
    # the reader clicked, before instant navigation changed it.
    logo = page.evaluate("document.querySelector('a.md-logo').getAttribute('href')")
    assert logo == instant_url


SIDEBARS = re.compile(
    r'<div class="md-sidebar md-sidebar--primary".*?<div class="md-content"', re.S
)


def test_sidebar_titles_carry_the_guides_class(built_site: Build) -> None:
    pages = built_site.pages()
    assert len(pages) > 100
    for page, html in pages:
        sidebars = SIDEBARS.search(html)
        assert sidebars, f"{page}: no sidebars"
        assert MATERIAL_TITLE not in sidebars.group(0), page
        assert GUIDE_TITLE in sidebars.group(0), page
        assert ".sg-title{overflow:hidden;text-overflow:ellipsis}" in html, page


def test_sidebar_titles_look_as_materials(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "libraries/fastapi/")
    style = "(e) => [getComputedStyle(e).overflow, getComputedStyle(e).textOverflow]"
    title = page.locator("nav.md-nav--primary .md-nav__link .sg-title").first
    assert title.evaluate(style) == ["hidden", "ellipsis"]
    assert title.evaluate("(e) => getComputedStyle(e).position") == "relative"
    # The header's title keeps Material's class (and its tooltip when it overflows).
    header = page.locator(".md-header__topic .md-ellipsis").first
    assert header.evaluate(style) == ["hidden", "ellipsis"]


def test_renamed_rules_keep_at_rules_and_drop_other_selectors() -> None:
    css = (
        "@charset 'utf-8';.a,.md-ellipsis{overflow:hidden}"
        "@media print{.b .md-ellipsis{display:none}.c{color:red}}"
        "@font-face{font-family:x}"
    )
    assert renamed_rules(css, ".md-ellipsis", ".sg-title") == (
        ".sg-title{overflow:hidden}@media print{.b .sg-title{display:none}}"
    )


def test_title_css_fails_when_materials_rule_is_gone(tmp_path: Path) -> None:
    stylesheets = tmp_path / "assets" / "stylesheets"
    stylesheets.mkdir(parents=True)
    (stylesheets / "main.0123abcd.min.css").write_text(".md-typeset{color:red}", "utf-8")
    config = cast(Any, SimpleNamespace(theme=SimpleNamespace(dirs=[str(tmp_path)])))
    with pytest.raises(PluginError, match=r"no rule for \.md-ellipsis"):
        title_css(config)
    (stylesheets / "main.0123abcd.min.css").write_text(".md-ellipsis{overflow:hidden}", "utf-8")
    assert str(title_css(config)) == "<style>.sg-title{overflow:hidden}</style>"


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_every_page_by_address_only(built_site: Build) -> None:
    site_url = yaml.safe_load((PROJECT / "mkdocs.yml").read_text("utf-8"))["site_url"]
    root = ET.parse(built_site.site / "sitemap.xml").getroot()
    entries = list(root)
    assert all(entry.tag == f"{SITEMAP}url" for entry in entries)
    # Each entry holds its address alone: no <lastmod> (MkDocs writes the build's date there).
    assert all([child.tag for child in entry] == [f"{SITEMAP}loc"] for entry in entries)
    listed = sorted(entry[0].text or "" for entry in entries)
    pages = sorted(
        site_url + page.parent.relative_to(built_site.site).as_posix().removeprefix(".") + "/"
        for page in built_site.site.rglob("index.html")
        if not page.relative_to(built_site.site).as_posix().startswith("assets/")
    )
    assert listed == [page.replace(site_url + "/", site_url) for page in pages]
