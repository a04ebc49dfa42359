"""Untrusted input and failure in the browser: hostile selector links, a runtime that cannot
load, and the site under its own Content-Security-Policy (the ``page`` fixture fails a test
on any uncaught error or CSP violation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.conftest import Build, open_page, site_policy
from tests.support.server import SiteServer
from tests.test_selector_browser import READY_MS, answer, wait_ready

pytestmark = pytest.mark.browser
SELECTOR = "choosing/selector/"
FAIL_MS = 30_000

PAGES = [
    "",
    "stack/orms/",
    "libraries/fastapi/",
    "choosing/quick-selection/",
    "libraries/",
    "versions/",
]


def test_every_page_kind_runs_under_the_policy(page: Page, site_url: str) -> None:
    for path in PAGES:
        page.goto(site_url + path)
        expect(page.locator("h1")).to_be_visible()
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        expect(policy).to_have_count(1)
        assert (
            "'unsafe-inline'"
            not in policy.get_attribute("content").split("script-src")[1].split(";")[0]
        )
    page.goto(site_url + SELECTOR)
    wait_ready(page)
    answer(page, "app_type", "api")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
    page.locator("nav.md-nav--primary a", has_text="Quick selection").first.click()
    expect(page.locator("h1")).to_contain_text("Quick selection")
    page.locator("th", has_text="Requirement").first.click()  # sortable table still bound


# query -> (the app_type answer that survives, whether a notice is due)
HOSTILE = {
    "script-value": ("app_type=%3Cscript%3Ealert(1)%3C%2Fscript%3E", None, True),
    "img-key": ("%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=yes&app_type=api", "api", True),
    "repeated-key": ("app_type=api&app_type=web", "api", True),
    "unknown-question-and-value": ("nosuch=1&performance=warp&app_type=api", "api", True),
    "broken-escapes": ("app_type=api&%E0%A4%A=1&realtime=%ZZ", "api", True),
    "markup-in-fragment": ("app_type=api#%3Cscript%3Ealert(1)%3C/script%3E", "api", False),
    "javascript-url": ("app_type=javascript:alert(1)", None, True),
    "huge-query": ("app_type=api&pad=" + "A" * 100_000, None, True),
}


def _serve_selector_for_any_query(page: Page, site: Path) -> None:
    """Long query strings exceed the test server's request-line limit, so the selector page is
    answered from the built file for any query, as a static host with a larger limit would."""
    body = (site / "choosing" / "selector" / "index.html").read_bytes()

    def fulfil(route: Route) -> None:
        route.fulfill(status=200, body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    page.route(re.compile(r".*/choosing/selector/\?.*"), fulfil)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_links_are_ignored_with_a_notice(
    browser: Browser, site_url: str, built_site: Build, case: str
) -> None:
    query, kept, noticed = HOSTILE[case]
    # The long query is answered by a route, which a service worker's own fetch would bypass.
    watched = open_page(browser, service_workers="block")
    page = watched.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + SELECTOR)
    clean_scripts = page.locator("script").count()
    _serve_selector_for_any_query(page, built_site.site)
    page.goto(f"{site_url}{SELECTOR}?{query}")
    wait_ready(page)
    notice = page.locator("#selector-notice")
    if noticed:
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("ignored")
    else:
        expect(notice).to_be_hidden()
    assert notice.locator("*").count() == 0, "link text reached the page as HTML"
    assert page.locator("script").count() == clean_scripts
    assert page.locator("[onerror]").count() == 0
    checked = page.locator('fieldset[data-question="app_type"] input:checked')
    assert checked.get_attribute("value") == (kept or "")
    assert not dialogs
    assert not watched.violations(), watched.violations()
    page.context.close()
    assert not watched.errors, watched.errors


FAILURES = {
    # Both the packed wasm and the plain one it falls back to.
    "wasm-aborted": ("**/pyodide.asm.wasm*", "abort"),
    "loader-404": ("**/pyodide.mjs", 404),
    "worker-404": ("**/selector-worker.mjs", 404),
    "selector-archive-404": ("**/selector.zip", 404),
    "stdlib-never-answers": ("**/python_stdlib*.zip", "hang"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_runtime_failure_points_to_the_table(browser: Browser, site_url: str, case: str) -> None:
    pattern, how = FAILURES[case]
    # Requests a service worker makes bypass the page's routes, so it is kept out of this test.
    watched = open_page(browser, service_workers="block")
    page = watched.page
    page.add_init_script("window.SELECTOR_START_TIMEOUT_MS = 5000;")
    held: list[Route] = []

    def fail(route: Route) -> None:
        if how == "abort":
            route.abort()
        elif how == "hang":
            held.append(route)
        else:
            route.fulfill(status=int(how), body="not found")

    page.route(pattern, fail)
    page.goto(site_url + SELECTOR)
    root = page.locator(".sg-selector")
    expect(root).to_have_attribute("data-state", "failed", timeout=FAIL_MS)
    status = page.locator("#selector-status")
    expect(status).to_contain_text("could not start")
    expect(status.locator('a[href="#decision-table"]')).to_have_count(1)
    expect(page.locator("#decision-table table").first).to_be_visible()
    page.locator("nav.md-nav--primary a", has_text="Use cases").first.click()
    expect(page.locator("h1")).to_contain_text("Specific use case recommendations")
    assert not [e for e in watched.errors if "Content Security Policy" in e]
    assert not watched.violations()
    page.context.close()


def test_blocked_webassembly_points_to_the_table(browser: Browser, built_site: Build) -> None:
    policy = site_policy(built_site.site).replace(" 'wasm-unsafe-eval'", "")
    with SiteServer(built_site.site, headers={"Content-Security-Policy": policy}) as server:
        watched = open_page(browser)
        watched.page.goto(server.url + SELECTOR)
        root = watched.page.locator(".sg-selector")
        expect(root).to_have_attribute("data-state", "failed", timeout=READY_MS)
        expect(watched.page.locator("#selector-status")).to_contain_text("decision table")
        watched.page.context.close()
