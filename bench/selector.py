"""Selector page speed in headless Chromium, against the built site served on 127.0.0.1 with
gzip and ``application/wasm`` as a static host would serve it.

Per run, in a fresh browser context (empty caches): time until the questions are visible,
time until the selector is ready (its ``selector-ready`` performance mark), bytes the server
sent, then a repeat visit in the same context (service worker and caches warm), and 50 answer
clicks timed in the page from click to the first frame drawn with the updated recommendation.
Baselines in the same run: the same page with the selector's script blocked (questions
visible), and a bare page that loads the same Pyodide copy and runs one line of Python (ready).
The same again with the CPU throttled 4x through the Chrome DevTools Protocol, as a mid-range
phone.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from macros.assets import RUNTIME_ENTRIES_AFTER_A_VISIT, WORKER
from tests.support.browser import HOW_TO_GET_ONE, LAUNCH_ARGS, find_chromium
from tests.support.server import SiteServer

SELECTOR = "choosing/selector/"
BARE = "bench-bare/"
# The bare page runs the npm package as it comes: its full standard library and lock file.
PYODIDE_PACKAGE = Path(__file__).resolve().parent.parent / "node_modules" / "pyodide"
BARE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
READY_TIMEOUT_MS = 180_000

BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body><p id="status">Loading</p>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location).href });
pyodide.runPython("1 + 1");
performance.mark("pyodide-ready");
document.getElementById("status").textContent = "Ready";
</script></body></html>
"""

# Records when the first question is laid out, checked every animation frame.
WATCH_QUESTIONS = """
(() => {
  const check = () => {
    const question = document.querySelector("fieldset.sg-q");
    if (question && question.offsetParent !== null) {
      window.__questionsVisible = performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();
"""

CLICKS = """
async (count) => {
  const root = document.querySelector(".sg-selector");
  const sets = [...root.querySelectorAll("fieldset[data-question]")].map((fieldset) =>
    [...fieldset.querySelectorAll("input[type=radio]")]);
  const times = [];
  for (let i = 0; i < count; i++) {
    const group = sets[i % sets.length];
    const input = group[(Math.floor(i / sets.length) + 1) % group.length];
    const updated = new Promise((resolve) => {
      root.addEventListener("selector-updated", resolve, { once: true });
    });
    const started = performance.now();
    input.click();
    await updated;
    // Until the frame showing it has been drawn: its style, layout and paint count too.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    times.push(performance.now() - started);
  }
  return times;
}
"""


RUNTIME_FILES = RUNTIME_ENTRIES_AFTER_A_VISIT
RUNTIME_CACHED = """async () => {
  const names = await caches.keys();
  const runtime = names.find((name) => name.startsWith("stack-guide-pyodide-"));
  return runtime ? (await (await caches.open(runtime)).keys()).length : 0;
}"""


# The selector's worker stores a memory snapshot of its interpreter once the first answer is
# shown; a repeat visit restores it (the page marks ``selector-restored``).
SNAPSHOT_STORED = """async () => {
  for (const name of await caches.keys()) {
    if (!name.startsWith("stack-guide-snapshot-")) continue;
    if ((await (await caches.open(name)).keys()).length) return true;
  }
  return false;
}"""


# Compiles the runtime's wasm the way Pyodide does (streaming), in the page: cold in a fresh
# context, then again on the repeat visit, when the response comes from the service worker's
# cache and Chromium can use the compiled code it cached.
COMPILE_WASM = """async (url) => {
  const started = performance.now();
  await WebAssembly.compileStreaming(fetch(url));
  return performance.now() - started;
}"""
WASM = "assets/pyodide/pyodide.asm.wasm"


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 1),
        "min": round(ordered[0], 1),
        "max": round(ordered[-1], 1),
        "p95": round(p95, 1),
        "runs": len(ordered),
    }


@contextmanager
def _context(browser: Browser, throttle: float) -> Iterator[tuple[BrowserContext, Page]]:
    context = browser.new_context()
    page = context.new_page()
    if throttle > 1:
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    try:
        yield context, page
    finally:
        context.close()


def _mark(page: Page, name: str) -> float:
    page.wait_for_function(
        f"() => performance.getEntriesByName({name!r}).length > 0", timeout=READY_TIMEOUT_MS
    )
    return float(page.evaluate(f"() => performance.getEntriesByName({name!r})[0].startTime"))


def _questions_visible(page: Page) -> float:
    page.wait_for_function(
        "() => window.__questionsVisible !== undefined", timeout=READY_TIMEOUT_MS
    )
    return float(page.evaluate("() => window.__questionsVisible"))


def _sent(server: SiteServer, start: int) -> int:
    return sum(size for _, size in server.sent[start:])


def _one_run(
    browser: Browser, server: SiteServer, throttle: float, clicks: int, snapshots: bool = True
) -> dict:
    out: dict[str, Any] = {}
    with _context(browser, throttle) as (context, page):
        context.add_init_script(WATCH_QUESTIONS)
        mark = len(server.sent)
        page.goto(server.url + SELECTOR)
        out["questions_visible_ms"] = _questions_visible(page)
        out["ready_first_ms"] = _mark(page, "selector-ready")
        page.wait_for_timeout(300)  # let the in-flight requests and the worker settle
        out["bytes_first"] = _sent(server, mark)
        if clicks:
            out["click_ms"] = page.evaluate(CLICKS, clicks)
        for _ in range(200):  # the service worker copies the runtime into its cache
            if page.evaluate(RUNTIME_CACHED) >= RUNTIME_FILES:
                break
            page.wait_for_timeout(50)
        for _ in range(400 if snapshots else 0):  # and the worker its memory snapshot
            if page.evaluate(SNAPSHOT_STORED):
                out["snapshot_stored_ms"] = page.evaluate("performance.now()")
                break
            page.wait_for_timeout(50)
        repeat = context.new_page()
        if throttle > 1:
            context.new_cdp_session(repeat).send(
                "Emulation.setCPUThrottlingRate", {"rate": throttle}
            )
        mark = len(server.sent)
        repeat.goto(server.url + SELECTOR)
        out["ready_repeat_ms"] = _mark(repeat, "selector-ready")
        restored = "performance.getEntriesByName('selector-restored').length"
        out["repeat_restored"] = float(repeat.evaluate(restored))
        repeat.wait_for_timeout(300)
        out["bytes_repeat"] = _sent(server, mark)
        out["runtime_bytes_repeat"] = sum(
            size for path, size in server.sent[mark:] if "/assets/pyodide/" in path
        )
        out["wasm_compile_repeat_ms"] = repeat.evaluate(COMPILE_WASM, server.url + WASM)
    with _context(browser, throttle) as (context, page):
        context.add_init_script(WATCH_QUESTIONS)
        page.route("**/assets/js/selector.js", lambda route: route.abort())
        page.goto(server.url + SELECTOR)
        out["questions_visible_without_selector_ms"] = _questions_visible(page)
    with _context(browser, throttle) as (context, page):
        page.goto(server.url + "404.html")
        out["wasm_compile_cold_ms"] = page.evaluate(COMPILE_WASM, server.url + WASM)
    with _context(browser, throttle) as (context, page):
        mark = len(server.sent)
        page.goto(server.url + BARE)
        out["bare_ready_ms"] = _mark(page, "pyodide-ready")
        page.wait_for_timeout(300)
        out["bare_bytes"] = _sent(server, mark)
    return out


def _aggregate(runs: list[dict]) -> dict[str, Any]:
    keys = [key for key in dict.fromkeys(k for run in runs for k in run) if key != "click_ms"]
    result: dict[str, Any] = {
        key: summary([run[key] for run in runs if key in run]) for key in keys
    }
    clicks = [ms for run in runs for ms in run.get("click_ms", [])]
    if clicks:
        result["click_ms"] = summary(clicks)
    return result


def run_selector_benchmarks(site: Path, runs: int = 5, clicks: int = 50) -> dict[str, Any]:
    """Selector and baseline figures, unthrottled and with 4x CPU throttling."""
    bare = site / BARE
    (bare / "pyodide").mkdir(parents=True, exist_ok=True)
    (bare / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    for name in BARE_FILES:
        shutil.copyfile(PYODIDE_PACKAGE / name, bare / "pyodide" / name)
    executable = find_chromium()
    if executable is None:
        raise SystemExit(HOW_TO_GET_ONE)
    snapshots = 'const SNAPSHOT = { key: "' in (site / WORKER).read_text("utf-8")
    results: dict[str, Any] = {}
    with SiteServer(site, compress=True) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        results["chromium"] = browser.version
        for label, throttle in (("unthrottled", 1.0), ("cpu_4x", 4.0)):
            measured = [
                _one_run(browser, server, throttle, clicks if throttle == 1 else 10, snapshots)
                for _ in range(runs)
            ]
            results[label] = _aggregate(measured)
        browser.close()
    return results
