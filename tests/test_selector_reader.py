"""The selector as a reader uses it, in headless Chromium on the built site, phone and desktop:
the recommendation stays in view after every answer and always agrees with the CPython
engine; plain words (names, signs, questions); a result to act on (links, a feed list to
download, copy feedback, print); screenshots for review. Plus the built HTML, without
JavaScript."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.catalog import load_catalog
from macros.selector_data import selector_payload
from selector import recommend
from selector.progress import progress
from tests.conftest import PROJECT, Build, open_page
from tests.test_selector_browser import wait_ready

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
# Five answers that move the pick from FastAPI to Flask to Django, as a reader might give them.
ANSWERS = [
    ("app_type", "hybrid"),
    ("team", "beginner"),
    ("admin", "yes"),
    ("microservices", "yes"),
    ("realtime", "yes"),
]
# A high-traffic API: enough to settle the framework, so the marks show.
SHOWN_ANSWERS = [
    ("app_type", "api"),
    ("performance", "high"),
    ("team", "advanced"),
    ("realtime", "yes"),
    ("microservices", "no"),
]
SCREENSHOTS = PROJECT / "test-artifacts" / "screenshots"
LIVE = "#selector-recommendation"


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    return selector_payload(load_catalog())


def names(payload: dict[str, Any]) -> dict[str, str]:
    return {c["slug"]: c["name"] for c in payload["candidates"]}


def answer(page: Page, question: str, value: str) -> None:
    page.locator(f'fieldset[data-question="{question}"] input[value="{value}"]').check()


def in_view(page: Page, selector: str) -> bool:
    """The element lies wholly inside the viewport and nothing covers its middle."""
    return page.evaluate(
        """(selector) => {
          const node = document.querySelector(selector);
          const box = node.getBoundingClientRect();
          const inside = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight
            && box.right <= innerWidth && box.height > 0;
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return inside && node.contains(hit);
        }""",
        selector,
    )


def open_sized(browser: Browser, size: str, **options: Any) -> Page:
    width, height = SIZES[size]
    return open_page(browser, viewport={"width": width, "height": height}, **options).page


@pytest.mark.browser
@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_recommendation_stays_in_view_and_agrees_with_cpython(
    browser: Browser, site_url: str, payload: dict[str, Any], size: str
) -> None:
    page = open_sized(browser, size)
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    live = page.locator(LIVE)
    region = page.locator(f"[aria-live='polite']:has({LIVE})")
    expect(region).to_have_count(1)
    before = region.inner_text()
    assert not [name for name in names(payload).values() if name in before], before
    assert f"0 of {len(payload['questions'])} answered" in before
    expect(page.locator("#selector-result")).to_be_hidden()

    given: dict[str, str] = {}
    for question, value in ANSWERS:
        given[question] = value
        answer(page, question, value)
        expected = recommend(payload, given)
        marks = progress(payload, given)
        expect(live).to_have_text(f"Recommendation: {expected['framework_name']}")
        expect(region).to_contain_text(f"{marks['answered']} of {marks['asked']} answered")
        assert in_view(page, LIVE), f"the recommendation is out of view after {given}"
    page.context.close()


@pytest.mark.browser
def test_result_uses_names_signs_and_questions_and_marks_settled_questions(
    page: Page, site_url: str, payload: dict[str, Any]
) -> None:
    given = {"app_type": "api", "microservices": "yes", "api_docs": "yes"}
    page.goto(site_url + "choosing/selector/?" + "&".join(f"{k}={v}" for k, v in given.items()))
    wait_ready(page)
    expected = recommend(payload, given)
    named = names(payload)
    scores = " · ".join(
        f"{named[slug]} {points}".replace("-", "−") for slug, points in expected["scores"].items()
    )
    result = page.locator("#selector-result")
    expect(result.locator(".sg-scores")).to_have_text(f"Points: {scores}")
    reasons = result.locator(".sg-reasons > li")
    expect(reasons).to_have_count(len(expected["reasons"]))
    for index, reason in enumerate(expected["reasons"]):
        expect(reasons.nth(index)).to_contain_text(reason["question_text"])
        expect(reasons.nth(index)).to_contain_text(reason["label"])
    expect(result).to_contain_text("Django −2")
    changes = result.locator(".sg-sharpen > li")
    expect(changes).to_have_count(len(expected["sharpen"]) + len(expected["sharpen_stack"]))
    for index, item in enumerate([*expected["sharpen"], *expected["sharpen_stack"]]):
        expect(changes.nth(index).locator("a")).to_have_text(item["text"])
    check = expected["install_check"]
    expect(result.locator(".sg-check")).to_have_text(check["text"] + ".")
    expect(result.locator(".sg-check")).to_have_attribute("data-state", check["state"])
    for part in (".sg-winner", ".sg-reasons"):
        assert not re.search(r"\+-|-\d", result.locator(part).inner_text()), part
    assert not re.search(r"\b(fastapi|flask|django)\b", result.locator(".sg-winner").inner_text())

    marks = progress(payload, given)
    for qid, state in marks["questions"].items():
        expect(page.locator(f'fieldset[data-question="{qid}"]')).to_have_attribute(
            "data-state", state
        )
    settled = [qid for qid, state in marks["questions"].items() if state == "settled"]
    assert settled, marks
    expect(page.locator(f'fieldset[data-question="{settled[0]}"] .sg-q__mark')).to_contain_text(
        "Can’t change the pick"
    )


@pytest.mark.browser
def test_result_links_to_pages_and_compare_view(
    page: Page, site_url: str, built_site: Build, payload: dict[str, Any]
) -> None:
    page.goto(site_url + "choosing/selector/?app_type=api")
    wait_ready(page)
    # Only FastAPI has points: nothing to compare it with, and no runner-up named.
    expect(page.locator(".sg-winner .md-button")).to_have_count(1)
    expect(page.locator(".sg-runner")).to_have_text(re.compile("^No runner-up"))
    given = {"app_type": "api", "team": "beginner"}
    answer(page, "team", "beginner")
    expected = recommend(payload, given)
    winner, (second,) = expected["framework"], expected["runner_up"]["slugs"]
    expect(page.locator(LIVE)).to_have_text(f"Recommendation: {expected['framework_name']}")
    buttons = page.locator(".sg-winner .md-button")
    expect(buttons.first).to_have_attribute("href", f"../../libraries/{winner}/")
    expect(buttons.nth(1)).to_have_attribute("href", f"../../compare/?libs={winner},{second}")
    expect(page.locator(".sg-runner a")).to_have_attribute("href", f"../../libraries/{second}/")
    # Two frameworks tied for second: both are named, linked and compared.
    answer(page, "app_type", "hybrid")
    answer(page, "team", "")
    tied = recommend(payload, {"app_type": "hybrid"})["runner_up"]["slugs"]
    assert len(tied) == 2
    expect(page.locator(".sg-runner a")).to_have_count(2)
    expect(buttons.nth(1)).to_have_attribute(
        "href", f"../../compare/?libs=fastapi,{','.join(tied)}"
    )
    hrefs = page.locator(".sg-stack-parts a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs
    for href in hrefs:
        path = href.removeprefix(site_url)
        assert re.fullmatch(r"libraries/[a-z0-9-]+/", path), href
        assert (built_site.site / path / "index.html").is_file(), href
    buttons.nth(1).click()
    for index, slug in enumerate(["fastapi", *tied], start=1):
        expect(page.locator(f"#compare-{index}")).to_have_value(slug)


def shown_stack_slugs(result: dict[str, Any]) -> set[str]:
    return {part["slug"] for part in result["stack"]["parts"]}


@pytest.mark.browser
def test_follow_this_stack_downloads_the_feeds_of_the_shown_stack(
    page: Page, site_url: str, built_site: Build, payload: dict[str, Any]
) -> None:
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    given = {"app_type": "web", "team": "beginner", "web_features": "yes"}
    for question, value in given.items():
        answer(page, question, value)
    expected = recommend(payload, given)
    expect(page.locator(LIVE)).to_have_text(f"Recommendation: {expected['framework_name']}")
    with page.expect_download() as info:
        page.locator("#selector-follow").click()
    download = info.value
    words = re.sub(r"[^a-z0-9]+", "-", expected["stack"]["name"].lower()).strip("-")
    assert download.suggested_filename == f"stack-guide-{words}.opml"
    tree = ET.parse(download.path())
    assert tree.getroot().tag == "opml" and tree.getroot().get("version") == "2.0"
    feeds = [o.get("xmlUrl") for o in tree.getroot().iter("outline")]
    shown = page.locator(".sg-stack-parts a").evaluate_all("links => links.map(a => a.href)")
    shown_slugs = {href.removeprefix(site_url + "libraries/").strip("/") for href in shown}
    wanted = shown_stack_slugs(expected)
    assert shown_slugs == wanted
    assert sorted(feeds) == sorted(f"{site_url}feeds/libraries/{slug}.xml" for slug in wanted)
    for feed in feeds:
        assert (built_site.site / feed.removeprefix(site_url)).is_file(), feed
    expect(page.locator(".sg-follow [role=status]")).to_contain_text(f"{len(wanted)} feeds")


@pytest.mark.browser
def test_copy_buttons_say_they_copied(browser: Browser, site_url: str) -> None:
    watched = open_page(browser)
    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + "choosing/selector/?app_type=api")
    wait_ready(page)
    page.locator("#selector-copy").click()
    expect(page.locator("#selector-copy")).to_have_text("Link copied")
    expect(page.locator("#selector-copied")).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url

    page.locator(".sg-code .md-code__button").click()
    expect(page.locator(".md-dialog")).to_contain_text("Copied to clipboard")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == page.locator("#selector-pyproject code").inner_text().strip()
    assert "[project]" in copied
    assert not watched.errors, watched.errors
    page.context.close()


@pytest.mark.browser
def test_print_shows_the_result_alone(page: Page, site_url: str) -> None:
    page.goto(site_url + "choosing/selector/?app_type=api&team=advanced")
    wait_ready(page)
    page.emulate_media(media="print")
    expect(page.locator("#selector-result")).to_be_visible()
    expect(page.locator(LIVE)).to_be_visible()
    for hidden in ("#selector-form", ".sg-intro", "#decision-table", ".sg-follow", ".sg-buttons"):
        expect(page.locator(hidden)).to_be_hidden()
    assert page.pdf(format="A4")[:4] == b"%PDF"


@pytest.mark.browser
def test_reduced_motion_turns_transitions_off(browser: Browser, site_url: str) -> None:
    page = open_page(browser, reduced_motion="reduce").page
    page.goto(site_url + "choosing/selector/")
    duration = page.locator(".sg-option span").first.evaluate(
        "node => getComputedStyle(node).transitionDuration"
    )
    assert set(duration.split(", ")) == {"0s"}, duration
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots_before_and_after_answering(
    browser: Browser, site_url: str, payload: dict[str, Any], size: str, scheme: str
) -> None:
    """For review (CI keeps test-artifacts/): the page as a reader sees it."""
    page = open_sized(browser, size, color_scheme=scheme)
    page.goto(site_url + "choosing/selector/")
    wait_ready(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = [
        SCREENSHOTS / f"selector-{size}-{scheme}-{when}.png"
        for when in ("before", "after", "result")
    ]
    page.screenshot(path=str(shots[0]))
    given = {}
    for question, value in SHOWN_ANSWERS:
        given[question] = value
        answer(page, question, value)
    expected = recommend(payload, given)
    expect(page.locator(LIVE)).to_have_text(f"Recommendation: {expected['framework_name']}")
    page.locator('fieldset[data-question="team"]').scroll_into_view_if_needed()
    page.screenshot(path=str(shots[1]))
    page.locator(".sg-bar__more").click()
    page.wait_for_timeout(800)
    page.screenshot(path=str(shots[2]))
    # The full result opens near the top, its first line covered by neither the header
    # (which stays where it was) nor the summary.
    header = page.locator(".md-header").bounding_box()
    result = page.locator("#selector-result").bounding_box()
    assert header and result and header["y"] == 0, header
    assert header["height"] <= result["y"] < SIZES[size][1] / 2, (header, result)
    uncovered = page.evaluate(
        """([x, y]) => document.querySelector("#selector-result")
               .contains(document.elementFromPoint(x, y))""",
        [result["x"] + result["width"] / 2, result["y"] + 4],
    )
    assert uncovered, "the full result's first line is covered"
    for shot in shots:
        assert shot.stat().st_size > 10_000, shot
    page.context.close()


def test_built_page_names_no_framework_before_an_answer_and_signs_points(
    built_site: Build, payload: dict[str, Any]
) -> None:
    text = (built_site.site / "choosing" / "selector" / "index.html").read_text(encoding="utf-8")
    live = re.search(r'aria-live="polite"[^>]*>(.*?)</div>', text, re.S)
    assert live, "the selector page has no live region"
    assert not [name for name in names(payload).values() if name in live.group(1)]
    assert "No recommendation yet" in live.group(1)
    table = text[text.index('id="decision-table"') :]
    row = re.search(r"Are you building microservices\?</td><td>Yes</td>(.*?)</tr>", table)
    assert row, "the decision table has no microservices row"
    cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row.group(1))]
    assert cells == ["+3", "·", "−2"], cells
    assert "+-" not in text
    questions = (built_site.site / "choosing" / "decision-questions" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Django −2" in html.unescape(questions) and "+-" not in questions


def test_screenshots_stay_out_of_git_and_the_readme_shows_one() -> None:
    ignored = (PROJECT / ".gitignore").read_text(encoding="utf-8").split()
    assert "test-artifacts/" in ignored
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\((docs/assets/img/[^)]+\.png)\)", readme)
    assert shown and all((PROJECT / path).is_file() for path in shown), shown
