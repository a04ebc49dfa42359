"""The attribute filters on category pages and the all-libraries page, in Chromium under the
site's policy: rows and count follow the choice, the address keeps it, a reload restores it,
and without JavaScript every row is shown."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Build, open_page
from tests.support.shifts import RECORD_SHIFTS, SHIFTS_SO_FAR

pytestmark = pytest.mark.browser


def _api(built_site: Build, name: str) -> list[dict]:
    return json.loads((built_site.site / "api" / "v1" / name).read_text("utf-8"))


def _visible_names(page: Page) -> list[str]:
    rows = page.locator(".sg-filterable tbody tr:not([hidden])")
    return sorted(rows.nth(i).locator("td").first.inner_text() for i in range(rows.count()))


def test_web_frameworks_filtered_to_async_native_and_typed(
    page: Page, site_url: str, built_site: Build
) -> None:
    category = next(c for c in _api(built_site, "categories.json") if c["slug"] == "web-frameworks")
    records = {r["slug"]: r for r in _api(built_site, "libraries.json")}
    members = [records[slug] for slug in category["libraries"]]
    expected = sorted(
        r["name"] for r in members if r["async_support"] == "native" and r["typed"] is True
    )
    assert 0 < len(expected) < len(members), "the data no longer tells these apart"

    page.goto(site_url + "stack/web-frameworks/")
    count = page.locator(".sg-filter-count")
    expect(count).to_have_text(f"{len(members)} of {len(members)} libraries")
    page.select_option("#sg-filter-async", "native")
    page.select_option("#sg-filter-typed", "yes")
    expect(count).to_have_text(f"{len(expected)} of {len(members)} libraries")
    assert _visible_names(page) == expected
    assert re.search(r"\?async=native&typed=yes$", page.url), page.url

    page.reload()
    expect(page.locator("#sg-filter-async")).to_have_value("native")
    expect(page.locator("#sg-filter-typed")).to_have_value("yes")
    expect(count).to_have_text(f"{len(expected)} of {len(members)} libraries")
    assert _visible_names(page) == expected

    page.get_by_role("button", name="Clear filters").click()
    expect(count).to_have_text(f"{len(members)} of {len(members)} libraries")
    assert "?" not in page.url


def test_all_libraries_by_category_status_and_python(
    page: Page, site_url: str, built_site: Build
) -> None:
    records = _api(built_site, "libraries.json")
    orms = [r for r in records if r["category"] == "orms" or "orms" in r["also_in"]]
    page.goto(site_url + "libraries/?category=orms&python=not-a-version")
    count = page.locator(".sg-filter-count")
    expect(count).to_have_text(f"{len(orms)} of {len(records)} libraries")
    expect(page.locator("#sg-filter-python")).to_have_value("")
    page.select_option("#sg-filter-category", "")
    page.select_option("#sg-filter-status", "unmaintained")
    stale = sorted(r["name"] for r in records if r["possibly_unmaintained"])
    expect(count).to_have_text(f"{len(stale)} of {len(records)} libraries")
    assert _visible_names(page) == stale


def test_without_javascript_every_row_is_shown(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "stack/web-frameworks/?async=native&typed=yes")
    expect(page.locator("form.sg-filters")).to_be_hidden()
    rows = page.locator(".sg-filterable tbody tr")
    assert rows.count() > 2
    for i in range(rows.count()):
        expect(rows.nth(i)).to_be_visible()
    context.close()


def test_filters_with_the_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "stack/web-frameworks/")
    page.locator("#sg-filter-async").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#sg-filter-async")).to_have_value("native")
    expect(page.locator(".sg-filter-count")).not_to_have_text(re.compile(r"^(\d+) of \1 "))


@pytest.mark.parametrize("path", ["libraries/", "stack/orms/"])
def test_the_table_stays_where_it_was_drawn(browser: Browser, site_url: str, path: str) -> None:
    # The build wraps its tables for scrolling; Material's script wrapping them once more
    # after load moved them (and restyled every cell in that task).
    watched = open_page(browser, viewport={"width": 412, "height": 823}, device_scale_factor=1)
    page = watched.page
    page.add_init_script(RECORD_SHIFTS)
    page.goto(site_url + path)
    expect(page.locator(".sg-filter-count")).to_contain_text(" of ")
    page.wait_for_load_state("load")
    shifts = page.evaluate(SHIFTS_SO_FAR)
    nested = page.locator(".md-typeset__scrollwrap .md-typeset__scrollwrap").count()
    page.context.close()
    assert not watched.errors, watched.errors
    assert nested == 0
    assert sum(shift["value"] for shift in shifts) < 0.001, shifts
