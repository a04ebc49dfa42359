"""How the selector's runtime reaches the reader, in headless Chromium against the built site:
its script only on the selector page (and still started by Material's instant navigation),
the runtime warmed into the service worker's cache on intent and only then, and the trimmed
standard library and the cache names keyed by content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.assets import RUNTIME_FILE_COUNT, WORKER, WORKER_RUNTIME_LINE
from tests.conftest import Build
from tests.support.server import SiteServer
from tests.test_selector_browser import RUNTIME_CACHED, answer, wait_ready

SELECTOR_SCRIPT = re.compile(r"<script[^>]+assets/js/selector\.js")


def test_only_the_selector_page_loads_the_selector_script(built_site: Build) -> None:
    pages = sorted(built_site.site.rglob("index.html"))
    with_script = [p for p in pages if SELECTOR_SCRIPT.search(p.read_text(encoding="utf-8"))]
    assert [p.relative_to(built_site.site).as_posix() for p in with_script] == [
        "choosing/selector/index.html"
    ]
    assert len(pages) > 100


def test_runtime_files_are_named_by_content(built_site: Build) -> None:
    runtime = built_site.site / "assets" / "pyodide"
    stdlib = [p.name for p in runtime.glob("python_stdlib*.zip")]
    assert len(stdlib) == 1 and re.fullmatch(r"python_stdlib-[0-9a-f]{16}\.zip", stdlib[0])
    assert not (runtime / "pyodide-lock.json").exists()
    worker = (built_site.site / "assets" / "js" / "selector-worker.mjs").read_text("utf-8")
    assert f'"stdlib": "{stdlib[0]}"' in worker
    sw = (built_site.site / "sw.js").read_text("utf-8")
    assert re.search(r'RUNTIME_CACHE = "stack-guide-pyodide-[0-9a-f]{16}"', sw)
    assert stdlib[0] in sw


def _runtime_requests(requests: list[str]) -> list[str]:
    return [path for path in requests if "/assets/pyodide/" in path]


@pytest.mark.browser
def test_instant_navigation_into_the_selector_starts_it(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("nav.md-nav--primary a", has_text="Selector").first.click()
    expect(page).to_have_url(re.compile("choosing/selector/"))
    wait_ready(page)
    answer(page, "app_type", "api")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
    # Back and forth again: the script runs once, the page is set up each time.
    page.locator("nav.md-nav--primary a", has_text="Use cases").first.click()
    page.locator("nav.md-nav--primary a", has_text="Selector").first.click()
    wait_ready(page)
    assert page.evaluate("document.querySelectorAll('script[src*=\"selector.js\"]').length") == 1


@pytest.mark.browser
def test_reading_a_page_warms_nothing(browser: Browser, built_site: Build) -> None:
    with SiteServer(built_site.site, compress=True) as server:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "libraries/fastapi/")
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(3000)
        assert _runtime_requests(server.requests) == []
        assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []
        assert page.evaluate("[...document.scripts].some(s => s.src.includes('selector'))") is False
        context.close()


@pytest.mark.browser
def test_pointing_at_the_selector_link_warms_the_runtime(
    browser: Browser, built_site: Build
) -> None:
    with SiteServer(built_site.site, compress=True) as server:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "libraries/fastapi/")
        page.wait_for_timeout(500)
        assert _runtime_requests(server.requests) == []
        page.locator("nav.md-nav--primary a", has_text="Selector").first.hover()
        for _ in range(300):  # up to 30 s on a loaded machine
            if page.evaluate(RUNTIME_CACHED) >= RUNTIME_FILE_COUNT:
                break
            page.wait_for_timeout(100)
        assert page.evaluate(RUNTIME_CACHED) == RUNTIME_FILE_COUNT

        server.requests.clear()
        selector = context.new_page()
        selector.goto(server.url + "choosing/selector/?app_type=api")
        wait_ready(selector)
        expect(selector.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
        assert _runtime_requests(server.requests) == [], "the warmed runtime was fetched again"
        context.close()


@pytest.mark.browser
def test_no_warming_when_the_reader_saves_data(browser: Browser, built_site: Build) -> None:
    with SiteServer(built_site.site, compress=True) as server:
        context = browser.new_context()
        context.add_init_script(
            "Object.defineProperty(navigator, 'connection', {value: {saveData: true}});"
        )
        page = context.new_page()
        page.goto(server.url + "libraries/fastapi/")
        link = page.locator("nav.md-nav--primary a", has_text="Selector").first
        link.hover()
        link.focus()
        page.wait_for_timeout(3000)
        assert _runtime_requests(server.requests) == []
        assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []
        context.close()


def test_worker_source_keeps_the_line_the_build_rewrites() -> None:
    source = (Path(__file__).resolve().parent.parent / "docs" / WORKER).read_text("utf-8")
    assert source.count(WORKER_RUNTIME_LINE) == 1
