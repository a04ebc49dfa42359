"""The compare page in Chromium under the site's policy: libraries from the address in their
order, one column each, changed in the page with the address following, hostile or unknown
slugs dropped with a notice; and the pre-built comparisons without JavaScript."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Build, open_page
from tests.support.shifts import RECORD_SHIFTS, SHIFTS_SO_FAR

pytestmark = pytest.mark.browser


def _record(built_site: Build, slug: str) -> dict:
    path = built_site.site / "api" / "v1" / "libraries" / f"{slug}.json"
    return json.loads(path.read_text("utf-8"))


def _row(page: Page, label: str):
    return page.locator("#compare-result tbody tr").filter(has=page.locator("th", has_text=label))


def test_three_libraries_from_the_address(page: Page, site_url: str, built_site: Build) -> None:
    slugs = ["fastapi", "litestar", "django-ninja"]
    records = [_record(built_site, slug) for slug in slugs]
    page.goto(site_url + "compare/?libs=" + ",".join(slugs))
    head = page.locator("#compare-result thead th")
    expect(head).to_have_count(1 + len(slugs))
    assert head.all_inner_texts()[1:] == [r["name"] for r in records]
    licence = _row(page, "Licence").locator("td")
    expect(licence).to_have_count(3)
    assert licence.all_inner_texts() == [r["license"] for r in records]
    requires = _row(page, "Requires Python").locator("td").all_inner_texts()
    assert requires == [r["requires_python"] for r in records]
    expect(page.locator("#compare-notice")).to_be_hidden()

    page.select_option("#compare-2", "flask")
    expect(head.nth(2)).to_have_text("Flask")
    assert page.url.endswith("compare/?libs=fastapi,flask,django-ninja"), page.url
    page.select_option("#compare-4", "django")
    expect(head).to_have_count(5)
    assert page.url.endswith("?libs=fastapi,flask,django-ninja,django"), page.url

    page.check("#compare-only-differences")
    expect(_row(page, "Category")).to_be_hidden()
    expect(_row(page, "Status")).to_be_visible()
    expect(_row(page, "Status").locator(".sg-differs-mark")).to_have_text("differs")


@pytest.mark.parametrize(
    "query",
    [
        "fastapi,nope,litestar",
        "fastapi,fastapi,litestar",
        "fastapi,%3Cimg%20src=x%20onerror=alert(1)%3E,litestar",
        "fastapi,litestar,flask,django,quart",
    ],
)
def test_bad_slugs_are_ignored_with_a_notice(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url + "compare/?libs=" + query)
    notice = page.locator("#compare-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("ignored")
    assert notice.locator("*").count() == 0, "link text reached the page as HTML"
    head = page.locator("#compare-result thead th")
    expect(head.nth(1)).to_have_text("FastAPI")
    expect(head.nth(2)).to_have_text("Litestar")
    assert "nope" not in page.url and "img" not in page.url


def test_one_library_asks_for_another(page: Page, site_url: str) -> None:
    page.goto(site_url + "compare/?libs=fastapi")
    expect(page.locator("#compare-status")).to_contain_text("Choose two")
    expect(page.locator("#compare-result table")).to_have_count(0)


@pytest.mark.parametrize(
    ("query", "status"),
    [("", "Choose two"), ("?libs=fastapi,litestar,django-ninja", "Comparing 3 libraries")],
)
def test_the_page_does_not_move_once_its_script_ran(
    browser: Browser, site_url: str, query: str, status: str
) -> None:
    # A phone's viewport, as Lighthouse's mobile preset, where the form fills the first screen.
    watched = open_page(browser, viewport={"width": 412, "height": 823}, device_scale_factor=1)
    page = watched.page
    page.add_init_script(RECORD_SHIFTS)
    page.goto(site_url + "compare/" + query)
    expect(page.locator("#compare-status")).to_contain_text(status)
    expect(page.locator("form.sg-compare-form")).to_be_visible()
    page.wait_for_load_state("load")
    shifts = page.evaluate(SHIFTS_SO_FAR)
    page.context.close()
    assert not watched.errors, watched.errors
    assert sum(shift["value"] for shift in shifts) < 0.001, shifts


def test_library_page_links_to_the_comparison(page: Page, site_url: str) -> None:
    page.goto(site_url + "libraries/flask/")
    page.get_by_role("link", name="Compare with Quart, Django and FastAPI").click()
    expect(page.locator("#compare-result thead th")).to_have_count(5)
    assert page.url.endswith("compare/?libs=flask,quart,django,fastapi"), page.url


def test_without_javascript_the_prebuilt_comparisons_are_listed(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "compare/?libs=fastapi,litestar")
    expect(page.locator("form.sg-compare-form")).to_be_hidden()
    page.get_by_role("link", name="FastAPI compared with").click()
    table = page.locator(".sg-compare-table table")
    expect(table.locator("thead th").nth(1)).to_have_text("FastAPI")
    expect(table.locator("tbody th", has_text="Licence")).to_have_count(1)
    context.close()
