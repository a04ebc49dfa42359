"""How the selector's runtime reaches the reader, in headless Chromium against the built site:
its script only on the selector page (and still started by Material's instant navigation),
the runtime warmed into the service worker's cache on intent and only then, and the trimmed
standard library and the cache names keyed by content."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import zstandard
from playwright.sync_api import Browser, Page, expect

from macros.assets import RUNTIME_FILE_COUNT, UNPACKER, WORKER, WORKER_RUNTIME_LINE
from macros.packed_wasm import PACKED_WASM, WASM
from tests.conftest import Build, open_page
from tests.support.server import SiteServer
from tests.test_selector_browser import RUNTIME_CACHED, answer, wait_ready

# The loader written into the page (docs/assets/js/selector-loader.js) that adds selector.js.
SELECTOR_SCRIPT = re.compile(r'<script>[^<]*"js/selector\.js"')


def test_only_the_selector_page_loads_the_selector_script(built_site: Build) -> None:
    pages = built_site.pages()
    with_script = [p for p, html in pages if SELECTOR_SCRIPT.search(html)]
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


def test_the_packed_wasm_unpacks_to_the_plain_one(built_site: Build) -> None:
    runtime = built_site.site / "assets" / "pyodide"
    plain = (runtime / WASM).read_bytes()
    packed = (runtime / PACKED_WASM).read_bytes()
    assert zstandard.ZstdDecompressor().decompress(packed) == plain
    assert len(packed) < 0.85 * len(gzip.compress(plain, compresslevel=9))
    worker = (built_site.site / WORKER).read_text("utf-8")
    assert f'"packedWasm": "{PACKED_WASM}"' in worker
    unpacker = (built_site.site / WORKER).parent / json.loads(
        re.search(r"^const RUNTIME = (.*);$", worker, re.MULTILINE).group(1)
    )["unpacker"]
    assert unpacker.resolve() == (built_site.site / UNPACKER).resolve()
    assert "export function decompress" in unpacker.read_text("utf-8")


def _runtime_requests(requests: list[str]) -> list[str]:
    return [path for path in requests if "/assets/pyodide/" in path]


@pytest.mark.browser
def test_a_first_visit_downloads_the_packed_wasm_and_caches_it_unpacked(
    browser: Browser, built_site: Build
) -> None:
    with SiteServer(built_site.site, compress=True) as server:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "choosing/selector/?app_type=api")
        wait_ready(page)
        expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: FastAPI")
        fetched = [path.rsplit("/", 1)[-1] for path in _runtime_requests(server.requests)]
        assert PACKED_WASM in fetched and WASM not in fetched, fetched
        cached = page.evaluate(CACHED_WASM, server.url + f"assets/pyodide/{WASM}")
        assert cached == {"type": "application/wasm", "bytes": len(plain_wasm(built_site))}
        context.close()


# What the runtime cache holds under the plain wasm's URL.
CACHED_WASM = """async (url) => {
  for (const name of await caches.keys()) {
    const hit = await (await caches.open(name)).match(url);
    if (!hit) continue;
    return {type: hit.headers.get("Content-Type"), bytes: (await hit.arrayBuffer()).byteLength};
  }
  return null;
}"""


def plain_wasm(built_site: Build) -> bytes:
    return (built_site.site / "assets" / "pyodide" / WASM).read_bytes()


@pytest.mark.browser
@pytest.mark.parametrize("how", ["missing", "garbled"])
def test_without_a_usable_packed_wasm_the_plain_one_is_used(
    browser: Browser, site_url: str, how: str
) -> None:
    # Requests a service worker makes bypass the page's routes, so it is kept out of this test.
    watched = open_page(browser, service_workers="block")
    page = watched.page
    status, body = (404, b"not found") if how == "missing" else (200, b"\x28\xb5\x2f\xfd junk")
    page.route(f"**/{PACKED_WASM}", lambda route: route.fulfill(status=status, body=body))
    plain: list[str] = []
    page.on(
        "request", lambda request: plain.append(request.url) if request.url.endswith(WASM) else None
    )
    page.goto(site_url + "choosing/selector/?app_type=web&admin=yes&web_features=yes")
    wait_ready(page)
    expect(page.locator("#selector-recommendation")).to_have_text("Recommendation: Django")
    assert plain, "the plain wasm was not fetched"
    assert not watched.errors and not watched.violations()
    page.context.close()


@pytest.mark.browser
def test_instant_navigation_into_the_selector_starts_it(page: Page, instant_url: str) -> None:
    page.goto(instant_url)
    page.evaluate("window.__samePage = true")
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
    assert page.evaluate("window.__samePage") is True, "Material reloaded the page"


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
