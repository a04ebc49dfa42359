"""axe-core (pinned from npm) finds no serious or critical violation on each kind of page, in
both palettes, and the selector is usable with the keyboard alone and announces its result."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PROJECT
from tests.test_selector_browser import wait_ready

pytestmark = pytest.mark.browser
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "category": "stack/orms/",
    "filtered-category": "stack/web-frameworks/?async=native&typed=yes",
    "compare": "compare/?libs=fastapi,litestar,django-ninja",
    "prebuilt-comparison": "compare/flask/",
    "library": "libraries/sqlalchemy/",
    "comparison": "choosing/quick-selection/",
    "stacks": "stacks/",
    "compatibility": "compatibility/",
    "selector": "choosing/selector/",
}


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_serious_violations(browser: Browser, site_url: str, kind: str, scheme: str) -> None:
    assert AXE.is_file(), "run `npm ci`: axe-core is missing"
    # axe is injected as an inline script, which the site's policy rightly forbids.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + PAGES[kind])
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    if kind == "compare":
        expect(page.locator("#compare-result table")).to_be_visible()
    if kind == "filtered-category":
        expect(page.locator(".sg-filter-count")).to_contain_text(" of ")
    found = serious_violations(page)
    if kind == "selector":
        wait_ready(page)
        for question, value in (("app_type", "api"), ("team", "advanced"), ("realtime", "yes")):
            page.locator(f'fieldset[data-question="{question}"] input[value="{value}"]').check()
        expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
        expect(page.locator(".sg-q[data-state='not_asked']")).to_have_count(1)
        found += serious_violations(page)
    context.close()
    assert not found, "\n".join(found)


def test_selector_with_the_keyboard_alone(page: Page, site_url: str) -> None:
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    page.locator("#selector-preset").focus()
    for _ in range(40):  # Tab from the preset list into the first question
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "app_type":
            break
    page.keyboard.press("ArrowRight")
    expect(page.locator('fieldset[data-question="app_type"] input[value="api"]')).to_be_checked()
    live = page.locator("[aria-live=polite]:has(#selector-recommendation)")
    expect(live).to_have_count(1)
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
    page.keyboard.press("Tab")  # on to the next question
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator('fieldset[data-question="performance"] input:checked')).to_have_count(1)
    page.locator("#selector-preset").focus()
    page.keyboard.press("End")  # the last preset, chosen with the keyboard
    expect(page.locator("#selector-preset")).to_have_value("mvp_web")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: Flask")
    for _ in range(80):  # on through the questions and buttons to the full result's links
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#selector-result') !== null"):
            break
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.href]")
    assert focused[0] == "A" and "/libraries/" in focused[1], focused
