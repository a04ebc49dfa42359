"""The selector's memory snapshot, in headless Chromium against the built site: a first visit
stores the interpreter's heap in Cache Storage, a repeat visit restores it and answers as a
normal start does, and a missing, damaged or wrong snapshot ends in a normal start that stores
a good one again; a heap that outgrew the wasm's initial memory is not stored. The key naming it
is derived from the content of everything in the heap."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from macros.assets import (
    SNAPSHOT_CACHE_PREFIX,
    WORKER,
    WORKER_SNAPSHOT_LINE,
    runtime_digest,
    selector_archive,
    snapshot_key,
    wasm_initial_memory,
)
from macros.stdlib import stdlib_name
from tests.conftest import PROJECT, RECORD_VIOLATIONS, Build
from tests.test_selector_browser import wait_ready

SELECTOR = "choosing/selector/"
PYODIDE = PROJECT / "node_modules" / "pyodide"
ANSWER_SETS = [
    "app_type=api",
    "app_type=web&team=beginner&async=no&web_features=yes&admin=no",
    "app_type=api&realtime=yes&async=yes",
]

# The snapshot entry's cache name and request URL, once one is stored (or null).
STORED = """async (prefix) => {
  for (const name of await caches.keys()) {
    if (!name.startsWith(prefix)) continue;
    const requests = await (await caches.open(name)).keys();
    if (requests.length) return { cache: name, url: requests[0].url };
  }
  return null;
}"""
STORED_STATE = """async ({ cache, url }) => {
  const response = await (await caches.open(cache)).match(url);
  if (!response) return null;
  const size = (await response.arrayBuffer()).byteLength;
  return size ? [size, response.headers.get("x-selector-check")] : null;
}"""
# Replaces the stored entry: garbage bytes; garbage with a digest that matches it (Pyodide's
# own check of the heap fails, not the digest); the real heap with a self-check value it does
# not meet.
DAMAGE = """async ({ cache, url, how }) => {
  const store = await caches.open(cache);
  const stored = await store.match(url);
  const headers = {};
  for (const [name, value] of stored.headers) headers[name] = value;
  let body = await stored.arrayBuffer();
  if (how === "check") {
    headers["x-selector-check"] = "0".repeat(64);
  } else {
    body = crypto.getRandomValues(new Uint8Array(4096));
    if (how === "digested") {
      const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
      headers["x-snapshot-sha256"] = Array.from(hash, (b) => b.toString(16).padStart(2, "0"))
        .join("");
    }
  }
  await store.put(url, new Response(body, { headers }));
}"""


def _stored(page: Page, unlike: list | None = None) -> dict[str, str]:
    """The stored entry, waiting up to 60 s for one whose size and check are not ``unlike``."""
    for _ in range(300):
        entry = page.evaluate(STORED, SNAPSHOT_CACHE_PREFIX)
        state = entry and page.evaluate(STORED_STATE, entry)
        if state and state != unlike:
            return entry
        page.wait_for_timeout(200)
    raise AssertionError("no snapshot was stored")


def _visit(context: BrowserContext, url: str, errors: list[str]) -> Page:
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    wait_ready(page)
    return page


def _restored(page: Page) -> bool:
    return bool(page.evaluate("performance.getEntriesByName('selector-restored').length"))


def _answer(page: Page) -> tuple[str, str]:
    return (
        page.locator("#selector-recommendation").inner_text(),
        page.locator("#selector-result").inner_text(),
    )


@pytest.mark.browser
def test_repeat_visit_restores_the_snapshot_and_falls_back_without_it(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    errors: list[str] = []
    try:
        # Normal starts: every answer set in a context of its own, no snapshot yet.
        normal: dict[str, tuple[str, str]] = {}
        for query in ANSWER_SETS:
            fresh = browser.new_context()
            page = _visit(fresh, f"{site_url}{SELECTOR}?{query}", errors)
            assert not _restored(page)
            normal[query] = _answer(page)
            fresh.close()
        assert len({recommendation for recommendation, _ in normal.values()}) > 1

        first = _visit(context, f"{site_url}{SELECTOR}", errors)
        assert not _restored(first), "a first visit has no snapshot to restore"
        entry = _stored(first)
        assert entry["cache"] == SNAPSHOT_CACHE_PREFIX + _built_key(first)
        for query in ANSWER_SETS:
            repeat = _visit(context, f"{site_url}{SELECTOR}?{query}", errors)
            assert _restored(repeat), f"the repeat visit ?{query} did not restore the snapshot"
            assert _answer(repeat) == normal[query]
            repeat.close()

        # Deleted: a normal start, the same answers, and a new snapshot stored.
        first.evaluate("(name) => caches.delete(name)", entry["cache"])
        query = ANSWER_SETS[1]
        fallback = _visit(context, f"{site_url}{SELECTOR}?{query}", errors)
        assert not _restored(fallback)
        assert _answer(fallback) == normal[query]
        assert _stored(fallback) == entry
        fallback.close()

        for how in ("garbage", "digested", "check"):
            first.evaluate(DAMAGE, {**entry, "how": how})
            damaged = first.evaluate(STORED_STATE, entry)
            query = ANSWER_SETS[2]
            fallback = _visit(context, f"{site_url}{SELECTOR}?{query}", errors)
            assert not _restored(fallback), f"a snapshot damaged by {how!r} was used"
            assert _answer(fallback) == normal[query]
            # The bad entry is dropped, then replaced by a good one.
            assert _stored(fallback, unlike=damaged) == entry
            fallback.close()
            again = _visit(context, f"{site_url}{SELECTOR}?{query}", errors)
            assert _restored(again), f"no good snapshot replaced the one damaged by {how!r}"
            assert _answer(again) == normal[query]
            again.close()
        violations = first.evaluate("window.__cspViolations")
        assert not violations, f"Content-Security-Policy violations: {violations}"
    finally:
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


def _built_key(page: Page) -> str:
    worker = page.evaluate(
        "async (url) => (await fetch(url)).text()", page.url.split(SELECTOR)[0] + WORKER
    )
    found = re.search(r'const SNAPSHOT = \{ key: "([0-9a-f]{16})", heap: [1-9]\d* \};', worker)
    assert found, "the built worker names no snapshot"
    return found.group(1)


def _built_parts(site: Path) -> tuple[str, bytes, str, str]:
    worker = (site / WORKER).read_text("utf-8")
    key = re.search(r'const SNAPSHOT = \{ key: "([0-9a-f]{16})", heap: \d+ \};\n', worker)
    assert key
    sw = (site / "sw.js").read_text("utf-8")
    runtime = re.search(r'RUNTIME_CACHE = "stack-guide-pyodide-([0-9a-f]{16})"', sw)
    assert runtime
    return (
        runtime.group(1),
        (site / "assets" / "selector" / "selector.zip").read_bytes(),
        (site / "api" / "v1" / "selector.json").read_text("utf-8"),
        worker.replace(key.group(0), WORKER_SNAPSHOT_LINE),
    )


def test_snapshot_key_is_derived_from_what_the_heap_holds(built_site: Build) -> None:
    site = built_site.site
    runtime, archive, payload, worker = _built_parts(site)
    key = snapshot_key(runtime, archive, payload, worker)
    heap = wasm_initial_memory((PYODIDE / "pyodide.asm.wasm").read_bytes())
    assert f'const SNAPSHOT = {{ key: "{key}", heap: {heap} }};' in (site / WORKER).read_text()
    assert f'SNAPSHOT_CACHE = "{SNAPSHOT_CACHE_PREFIX}{key}"' in (site / "sw.js").read_text()
    # The parts are this build's: the runtime digest of its files, the selector package.
    stdlib = site / "assets" / "pyodide" / stdlib_name(PROJECT, selector_archive(PROJECT))
    assert runtime == runtime_digest(PROJECT, stdlib.read_bytes())
    assert archive == selector_archive(PROJECT)

    changed = {
        "runtime": snapshot_key(hashlib.sha256(b"x").hexdigest()[:16], archive, payload, worker),
        "selector package": snapshot_key(runtime, archive + b"\0", payload, worker),
        "payload": snapshot_key(runtime, archive, payload.replace('"', "'", 1), worker),
        "worker": snapshot_key(runtime, archive, payload, worker + "\n"),
    }
    for part, other in changed.items():
        assert other != key, f"a changed {part} keeps the snapshot key"
    assert len(set(changed.values())) == len(changed)


def test_initial_memory_is_read_from_the_wasm() -> None:
    # The heap a restore copies into: Pyodide 314's wasm declares 30 MB (480 pages), which is
    # what a fresh module's HEAP8 measures under Node.
    assert wasm_initial_memory((PYODIDE / "pyodide.asm.wasm").read_bytes()) == 480 * 65536
    header = b"\0asm\1\0\0\0"
    types = bytes([1, 4, 1, 0x60, 0, 0])  # a type section, skipped over
    memory = bytes([5, 4, 1, 0, 0x83, 0x01])  # one memory, no maximum, 131 pages (two-byte LEB)
    assert wasm_initial_memory(header + types + memory) == 131 * 65536
    assert wasm_initial_memory(header + types) == 0


MARKS = """() => Object.fromEntries(
  performance.getEntriesByType("mark").map((mark) => [mark.name, mark.startTime]))"""
# Set by the page once its worker has stored a snapshot: the next visit's head starts it.
FLAG = "stack-guide-snapshot"
FLAGGED = f"() => localStorage.getItem({FLAG!r})"


def _marks(page: Page) -> dict[str, float]:
    return page.evaluate(MARKS)


def _flagged(page: Page) -> None:
    for _ in range(300):
        if page.evaluate(FLAGGED) == "1":
            return
        page.wait_for_timeout(200)
    raise AssertionError("the page never flagged the stored snapshot")


@pytest.mark.browser
def test_a_repeat_visit_starts_the_worker_from_the_head(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    errors: list[str] = []
    try:
        first = _visit(context, f"{site_url}{SELECTOR}?app_type=api", errors)
        marks = _marks(first)
        # A first visit starts its worker from selector.js, once the first question is drawn and
        # the page has loaded and gone idle.
        assert "selector-worker-early" not in marks
        assert marks["selector-worker-created"] >= marks["selector-page-settled"]
        entry = _stored(first)
        _flagged(first)

        django = "app_type=web&admin=yes&web_features=yes"
        repeat = _visit(context, f"{site_url}{SELECTOR}?{django}", errors)
        marks = _marks(repeat)
        assert "selector-worker-early" in marks and "selector-worker-created" not in marks
        assert _restored(repeat)
        assert _answer(repeat)[0] == "Recommendation: Django"
        repeat.close()

        # The flag outlived the snapshot: the head's worker starts normally, but only once the
        # first question is on screen, as a first visit does.
        first.evaluate("(name) => caches.delete(name)", entry["cache"])
        stale = _visit(context, f"{site_url}{SELECTOR}?app_type=api", errors)
        marks = _marks(stale)
        assert "selector-worker-early" in marks and not _restored(stale)
        assert marks["selector-worker:normal-start"] >= marks["selector-page-settled"]
        assert _answer(stale)[0] == "Recommendation: FastAPI"
        violations = stale.evaluate("window.__cspViolations")
        assert not violations, f"Content-Security-Policy violations: {violations}"
    finally:
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.mark.browser
def test_a_worker_the_head_started_that_fails_is_replaced(browser: Browser, site_url: str) -> None:
    # Requests a service worker makes bypass the routes, so it is kept out of this test.
    context = browser.new_context(service_workers="block")
    context.add_init_script(f"localStorage.setItem({FLAG!r}, '1')")
    refused: list[str] = []

    def first_refused(route: Route) -> None:
        if refused:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.fulfill(status=404, body="gone")

    context.route(f"**/{WORKER}", first_refused)
    errors: list[str] = []
    try:
        page = _visit(context, f"{site_url}{SELECTOR}?app_type=api", errors)
        marks = _marks(page)
        assert refused, "the head started no worker"
        assert "selector-worker-created" in marks
        assert _answer(page)[0] == "Recommendation: FastAPI"
    finally:
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


# The worker as built, with the largest restorable heap lowered below any real heap.
SNAPSHOT_LINE = re.compile(r"(const SNAPSHOT = \{ key: \"[0-9a-f]+\", heap: )(\d+)( \};)")


@pytest.mark.browser
def test_a_heap_larger_than_the_initial_memory_is_not_stored(
    browser: Browser, site_url: str
) -> None:
    # Such a heap could not be copied back into a fresh module (pyodide issue #6254).
    def small_heap(route: Route) -> None:
        response = route.fetch()
        worker, found = SNAPSHOT_LINE.subn(r"\g<1>4096\g<3>", response.text())
        assert found == 1, "the built worker has no snapshot line"
        route.fulfill(response=response, body=worker)

    errors: list[str] = []
    # The routes see only what the page asks for, not what a service worker fetches.
    control = browser.new_context(service_workers="block")
    context = browser.new_context(service_workers="block")
    context.route(f"**/{WORKER}", small_heap)
    try:
        opened = time.monotonic()
        stored = _visit(control, f"{site_url}{SELECTOR}?app_type=api", errors)
        _stored(stored)
        _flagged(stored)
        took = time.monotonic() - opened
        first = _visit(context, f"{site_url}{SELECTOR}?app_type=api", errors)
        assert _answer(first)[0] == "Recommendation: FastAPI"
        # Twice as long as the same visit took to store its snapshot in the control.
        first.wait_for_timeout(max(2 * took, 5) * 1000)
        assert first.evaluate(STORED, SNAPSHOT_CACHE_PREFIX) is None
        assert first.evaluate(FLAGGED) is None
        first.close()
        repeat = _visit(
            context, f"{site_url}{SELECTOR}?app_type=web&admin=yes&web_features=yes", errors
        )
        assert not _restored(repeat)
        assert _answer(repeat)[0] == "Recommendation: Django"
    finally:
        context.close()
        control.close()
    assert not errors, f"uncaught errors in the page: {errors}"
