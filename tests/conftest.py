"""Shared fixtures: the real MkDocs build of the guide, once per session, and disposable
copies of the project for tests that change data and build again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.support.browser import HOW_TO_GET_ONE, LAUNCH_ARGS, find_chromium
from tests.support.server import SiteServer

PROJECT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
COPIED = ("mkdocs.yml", "docs", "data", "CONTRIBUTING.md")
LINKED = ("macros", "selector", "node_modules", "overrides")


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str

    def pages(self) -> list[tuple[Path, str]]:
        """Every built page (each ``index.html``), in path order, with its HTML."""
        return [(p, p.read_text(encoding="utf-8")) for p in sorted(self.site.rglob("index.html"))]


def copy_project(destination: Path) -> Path:
    """A copy of what a build reads; code and npm packages are linked, not copied."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("schema"))
        else:
            shutil.copy2(source, destination / name)
    for name in LINKED:
        (destination / name).symlink_to(PROJECT / name)
    return destination


def build_site(project: Path, site: Path | None = None) -> Build:
    site = site or project / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The guide as it is in the repository, built once with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("site")
    build = build_site(PROJECT, site)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# Browser tests: the built site served on 127.0.0.1 with the Content-Security-Policy the build
# writes to _headers, and a Chromium page that fails its test on any uncaught error or any
# CSP violation.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def site_policy(site: Path) -> str:
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("Content-Security-Policy:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("the build wrote no Content-Security-Policy to _headers")


@pytest.fixture(scope="session")
def site_url(built_site: Build) -> Iterator[str]:
    headers = {"Content-Security-Policy": site_policy(built_site.site)}
    with SiteServer(built_site.site, headers=headers, compress=True) as server:
        yield server.url


@pytest.fixture(scope="session")
def instant_url(built_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served with a sitemap of its own address. Material's instant navigation takes
    over a link only to a page its sitemap lists (the deployed ``site_url``'s addresses, with
    the page's host name but not its port): a site served on a port needs its sitemap to say
    so, as ``mkdocs serve`` does it, or every link is a full page load."""
    root = tmp_path_factory.mktemp("instant")
    for entry in built_site.site.iterdir():
        if entry.name != "sitemap.xml":
            (root / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    headers = {"Content-Security-Policy": site_policy(built_site.site)}
    server = SiteServer(root, headers=headers, compress=True)
    sitemap = (built_site.site / "sitemap.xml").read_text(encoding="utf-8")
    deployed = re.search(r"<loc>(.*?)</loc>", sitemap)
    assert deployed, "the sitemap lists no page"
    (root / "sitemap.xml").write_text(sitemap.replace(deployed.group(1), server.url), "utf-8")
    with server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.fail(HOW_TO_GET_ONE)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@dataclass
class Watched:
    page: Page
    errors: list[str]

    def violations(self) -> list[str]:
        try:
            return list(self.page.evaluate("window.__cspViolations || []"))
        except PlaywrightError:
            return []


def open_page(browser: Browser, **context_options: object) -> Watched:
    context = browser.new_context(**context_options)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    watched = Watched(page, [])
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            watched.errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return watched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    watched = open_page(browser)
    yield watched.page
    violations = watched.violations()
    watched.page.context.close()
    assert not watched.errors, f"uncaught errors or CSP reports in the page: {watched.errors}"
    assert not violations, f"Content-Security-Policy violations: {violations}"
