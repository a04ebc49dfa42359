"""Lighthouse (npm ``lighthouse``, Debian's chromium, the mobile preset with simulated
throttling) on each page type of the guide, side by side with a plain Material site of the
same pages.

The plain site is made in a temporary folder: Material with its defaults (system fonts, the
search plugin, nothing else), whose pages hold the article of the built guide page verbatim
as raw HTML, at the same paths. What differs is what the guide adds around the same content:
its scripts, stylesheets, policy and service worker. Both sites are served the same way
(``tests.support.server.SiteServer`` with gzip), and the runs alternate between the two
sites page by page, so drift in the machine's load touches both alike.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from tests.support.browser import HOW_TO_GET_ONE, find_chromium
from tests.support.server import SiteServer

PROJECT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = PROJECT / "node_modules" / "lighthouse" / "cli" / "index.js"
# Page type -> path in the site; the compare page is measured once the site has one.
PAGES = {
    "home": "",
    "category": "stack/orms/",
    "library": "libraries/fastapi/",
    "library_index": "libraries/",
    "compare": "compare/",
    "selector": "choosing/selector/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "speed-index": "speed_index_ms",
    "cumulative-layout-shift": "cls",
    "total-byte-weight": "bytes",
    "dom-size-insight": "dom_elements",
}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
# Material's edit button and the guide's own script tags are the guide's, not the content.
NOT_CONTENT = re.compile(
    r'<a [^>]*class="md-content__button[^>]*>.*?</a>|<script\b.*?</script>', re.S
)
RUN_TIMEOUT = 240


def _article(page: Path) -> str:
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    if found is None:
        raise RuntimeError(f"{page}: no Material article found")
    return NOT_CONTENT.sub("", found.group(1))


def plain_site(guide_site: Path, work: Path, pages: dict[str, str]) -> Path:
    """Build the plain Material site of ``pages`` (type -> path) into ``work``."""
    guide = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = work / "docs"
    nav = []
    for kind, path in pages.items():
        source = Path(path or ".") / "index.md" if path else Path("index.md")
        target = docs / source
        target.parent.mkdir(parents=True, exist_ok=True)
        article = _article(guide_site / path / "index.html")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S)
        if heading is None:
            raise ValueError(f"{guide_site / path / 'index.html'}: the article has no <h1>")
        title = re.sub(r"<[^>]+>", "", heading.group(1))
        body = f"<div>\n{article.strip()}\n</div>\n"
        target.write_text(f"---\ntitle: {json.dumps(title.strip('¶ '))}\n---\n\n{body}", "utf-8")
        nav.append({kind.replace("_", " ").title(): source.as_posix()})
    config = {
        "site_name": guide["site_name"],
        "site_description": guide.get("site_description"),
        "site_url": guide.get("site_url"),
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "nav": nav,
    }
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = work / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml")],
        cwd=work,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
        capture_output=True,
    )
    return site


def lighthouse_once(url: str, chromium: str, output: Path) -> dict[str, float]:
    """One Lighthouse run: the four category scores and the main metrics."""
    node = shutil.which("node")
    if node is None or not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse needs Node and `npm ci` (node_modules/lighthouse)")
    command = [
        node,
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=RUN_TIMEOUT)
    report = json.loads(output.read_text(encoding="utf-8"))
    figures = {name: report["categories"][name]["score"] for name in CATEGORIES}
    for audit, key in METRICS.items():
        figures[key] = report["audits"].get(audit, {}).get("numericValue")
    return figures


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 3) if known else None


def run_lighthouse_benchmarks(guide_site: Path, runs: int = 3) -> dict[str, Any]:
    """Medians per page type for the guide and the plain site, and the guide's ratios."""
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit(HOW_TO_GET_ONE)
    pages = {
        kind: path for kind, path in PAGES.items() if (guide_site / path / "index.html").is_file()
    }
    measured: dict[str, dict[str, list[dict[str, float]]]] = {
        kind: {"guide": [], "plain": []} for kind in pages
    }
    with tempfile.TemporaryDirectory(prefix="guide-lighthouse-") as folder:
        work = Path(folder)
        plain = plain_site(guide_site, work / "plain", pages)
        with (
            SiteServer(guide_site, compress=True) as ours,
            SiteServer(plain, compress=True) as theirs,
        ):
            for run in range(runs):
                for kind, path in pages.items():
                    for label, server in (("guide", ours), ("plain", theirs)):
                        report = work / f"{kind}-{label}-{run}.json"
                        figures = lighthouse_once(server.url + path, chromium, report)
                        measured[kind][label].append(figures)
                        print(
                            f"lighthouse [{run + 1}/{runs}] {kind} {label}: performance "
                            f"{figures['performance']}",
                            file=sys.stderr,
                            flush=True,
                        )
    result: dict[str, Any] = {"runs": runs, "pages": {}}
    for kind, sites in measured.items():
        entry: dict[str, Any] = {"path": pages[kind]}
        for label, reports in sites.items():
            entry[label] = {key: _median([r[key] for r in reports]) for key in reports[0]}
            entry[label]["performance_runs"] = [r["performance"] for r in reports]
        entry["performance_ratio"] = round(
            entry["guide"]["performance"] / entry["plain"]["performance"], 3
        )
        result["pages"][kind] = entry
    return result
