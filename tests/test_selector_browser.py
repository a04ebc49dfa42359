"""End to end in headless Chromium (Debian's, driven by Playwright) against the built site
served on 127.0.0.1: the selector loads the real Pyodide runtime in a worker."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.assets import RUNTIME_ENTRIES_AFTER_A_VISIT
from tests.conftest import Build, open_page
from tests.support.server import SiteServer
from tests.support.shifts import RECORD_SHIFTS, SHIFTS_SO_FAR

pytestmark = pytest.mark.browser
READY_MS = 90_000


def wait_ready(page: Page) -> None:
    expect(page.locator(".sg-selector")).to_have_attribute("data-state", "ready", timeout=READY_MS)


def answer(page: Page, question: str, value: str) -> None:
    page.locator(f'fieldset[data-question="{question}"] input[value="{value}"]').check()


def recommendation(page: Page) -> str:
    return page.locator("#selector-recommendation").inner_text()


@pytest.mark.parametrize("width", [320, 360, 412, 1280])
def test_the_page_does_not_move_while_the_selector_starts(
    browser: Browser, site_url: str, width: int
) -> None:
    # Lighthouse's phone (412 px wide) and a few others: the status line above the intro and the
    # form says "loading", then "ready", and neither may change its height.
    watched = open_page(browser, viewport={"width": width, "height": 823}, device_scale_factor=1)
    page = watched.page
    page.add_init_script(RECORD_SHIFTS)
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    expect(page.locator("#selector-status")).to_contain_text("Ready")
    page.wait_for_load_state("load")
    shifts = page.evaluate(SHIFTS_SO_FAR)
    page.context.close()
    assert not watched.errors, watched.errors
    assert sum(shift["value"] for shift in shifts) < 0.001, shifts


def test_click_through_answers(page: Page, site_url: str) -> None:
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    answer(page, "app_type", "api")
    answer(page, "realtime", "yes")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
    expect(page.locator("#selector-result")).to_contain_text("pyproject.toml")
    expect(page.locator("#selector-result")).to_contain_text("fastapi")
    answer(page, "app_type", "web")
    answer(page, "realtime", "")
    answer(page, "web_features", "yes")
    answer(page, "admin", "yes")
    answer(page, "microservices", "no")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: Django")
    expect(page.locator("#selector-result")).to_contain_text("Traditional monolith")


def test_composed_stack_links_the_reference_stack_it_is(page: Page, site_url: str) -> None:
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    page.select_option("#selector-preset", "microservices")
    result = page.locator("#selector-result")
    expect(result).to_contain_text("Stack: FastAPI stack for microservices")
    expect(result).to_contain_text("This is the reference Modern microservices stack.")
    deployment = result.locator(".sg-stack-parts > li", has_text="Deployment")
    expect(deployment.locator(".sg-part__library")).to_contain_text(["Kubernetes"])
    reference = result.get_by_role("link", name="Modern microservices stack")
    expect(reference).to_have_attribute("href", re.compile(r"/stacks/#modern-microservices$"))
    reference.click()
    expect(page.locator("h1")).to_contain_text("stack")
    assert page.url.endswith("/stacks/#modern-microservices")


def test_shared_link_restores_answers_and_result(
    browser: Browser, page: Page, site_url: str
) -> None:
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    page.select_option("#selector-preset", "cms")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: Flask")
    # The address follows once the page is idle after drawing the answer.
    expect(page).to_have_url(re.compile(r"[?&]app_type=web(&|$)"))
    shared = page.url
    result = page.locator("#selector-result").inner_text()

    fresh_context = browser.new_context()
    fresh = fresh_context.new_page()
    fresh.goto(shared)
    wait_ready(fresh)
    expect(fresh.locator("#selector-recommendation")).to_have_text("Recommendation: Flask")
    assert fresh.locator("#selector-result").inner_text() == result
    checked = fresh.locator('fieldset[data-question="app_type"] input:checked')
    assert checked.get_attribute("value") == "web"
    fresh_context.close()


def test_instant_navigation_away_and_back(page: Page, instant_url: str) -> None:
    page.goto(instant_url + "choosing/selector/")
    wait_ready(page)
    page.evaluate("window.__samePage = true")
    answer(page, "app_type", "api")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
    page.locator("nav.md-nav--primary a", has_text="Use cases").first.click()
    expect(page.locator("h1")).to_contain_text("Specific use case recommendations")
    page.locator("nav.md-nav--primary a", has_text="Selector").first.click()
    wait_ready(page)
    answer(page, "app_type", "web")
    answer(page, "team", "beginner")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: Flask")
    assert page.evaluate("window.__samePage") is True, "Material reloaded the page"


def test_reset_and_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    first = page.locator('fieldset[data-question="app_type"] input').first
    first.focus()
    page.keyboard.press("ArrowDown")  # radio groups move selection with the arrow keys
    expect(page.locator('fieldset[data-question="app_type"] input[value="api"]')).to_be_checked()
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
    page.locator("#selector-reset").focus()
    page.keyboard.press("Enter")
    expect(page.locator('fieldset[data-question="app_type"] input[value=""]')).to_be_checked()
    expect(page).not_to_have_url(re.compile("app_type"))
    expect(page.locator("#selector-recommendation")).to_have_text("No recommendation yet")
    expect(page.locator("#selector-result")).to_be_hidden()


RUNTIME_CACHED = """async () => {
  const names = await caches.keys();
  const runtime = names.find((name) => name.startsWith("stack-guide-pyodide-"));
  if (!runtime) return 0;
  return (await (await caches.open(runtime)).keys()).length;
}"""


def test_repeat_visit_and_offline_come_from_the_service_worker(
    browser: Browser, built_site: Build
) -> None:
    with SiteServer(built_site.site, compress=True) as server:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "choosing/selector/")
        wait_ready(page)
        for _ in range(300):  # up to 30 s on a loaded machine
            if page.evaluate(RUNTIME_CACHED) >= RUNTIME_ENTRIES_AFTER_A_VISIT:
                break
            page.wait_for_timeout(100)
        assert page.evaluate(RUNTIME_CACHED) >= RUNTIME_ENTRIES_AFTER_A_VISIT, (
            "the service worker kept no runtime files"
        )

        server.requests.clear()
        repeat = context.new_page()
        repeat.goto(server.url + "choosing/selector/?app_type=web&admin=yes&web_features=yes")
        wait_ready(repeat)
        expect(repeat.locator("#selector-recommendation")).to_have_text("Recommendation: Django")
        runtime_hits = [path for path in server.requests if "/assets/pyodide/" in path]
        assert runtime_hits == [], f"the repeat visit fetched the runtime again: {runtime_hits}"

        context.set_offline(True)
        offline = context.new_page()
        offline.goto(server.url + "choosing/selector/?app_type=api")
        wait_ready(offline)
        expect(offline.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
        context.close()


# Answers that add, change and take back parts of the result: reasons, a runner-up, what would
# change it, the reference stack line, the stack's parts.
PATCHED_ANSWERS = [
    ("app_type", "api"),
    ("performance", "high"),
    ("team", "beginner"),
    ("app_type", "web"),
    ("admin", "yes"),
    ("web_features", "yes"),
    ("performance", ""),
    ("microservices", "no"),
    ("team", ""),
    ("app_type", "hybrid"),
]
SHOWN = """() => ({
  result: document.querySelector("#selector-result").innerHTML,
  bar: document.querySelector(".sg-bar__text").innerHTML,
  marks: [...document.querySelectorAll("fieldset[data-question]")].map(
    (f) => [f.dataset.state, f.querySelector(".sg-q__mark").outerHTML]),
})"""


# The page writes its address once it is idle after drawing an answer's result.
WATCH_DRAWN = """() => {
  window.__drawn = new Promise((resolve) => {
    document.querySelector(".sg-selector").addEventListener("selector-updated", resolve,
      { once: true });
  });
}"""
DRAWN_AND_IDLE = """async () => {
  await window.__drawn;
  await new Promise((resolve) => requestIdleCallback(resolve));
}"""


def test_an_answer_patches_the_result_into_what_a_fresh_page_shows(
    browser: Browser, page: Page, site_url: str
) -> None:
    """The result is updated in place, only where it changed; after any run of answers it is
    exactly what a page opened on the same link draws from scratch."""
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    answer(page, "app_type", "api")
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
    page.evaluate("document.querySelector('#selector-result h2').kept = true")
    answer(page, "performance", "high")
    expect(page.locator("#selector-progress")).to_contain_text("2 of")
    assert page.evaluate("document.querySelector('#selector-result h2').kept === true"), (
        "an answer that kept the framework rebuilt its heading"
    )
    fresh_context = browser.new_context()
    fresh = fresh_context.new_page()
    for step, (question, value) in enumerate(PATCHED_ANSWERS):
        if step < 2:
            continue  # given above already: nothing changes
        before = page.url
        page.evaluate(WATCH_DRAWN)
        answer(page, question, value)
        page.evaluate(DRAWN_AND_IDLE)
        expect(page).not_to_have_url(before)
        fresh.goto(page.url)
        wait_ready(fresh)
        expect(fresh.locator("#selector-result")).to_be_visible()
        assert page.evaluate(SHOWN) == fresh.evaluate(SHOWN), (step, page.url)
    fresh_context.close()
