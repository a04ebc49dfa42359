"""The real build: a page per library, the tables, the JSON export, strict mode, no
requests to other origins, and data edits that show up on the next build."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.conftest import PROJECT, Build, build_site

LIBRARY_FILES = sorted((PROJECT / "data" / "libraries").glob("*.yaml"))


def _slugs() -> list[str]:
    return [path.stem for path in LIBRARY_FILES]


def test_build_is_strict_and_warning_free(built_site: Build) -> None:
    assert "WARNING" not in built_site.output, built_site.output


def test_a_page_per_library(built_site: Build) -> None:
    assert len(LIBRARY_FILES) >= 80
    for path in LIBRARY_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = built_site.site / "libraries" / path.stem / "index.html"
        assert page.is_file(), f"no page for {path.name}"
        html = page.read_text(encoding="utf-8")
        assert "<h1" in html and data["name"] in html
        assert f"data/libraries/{path.stem}.yaml" in html, "edit-this-data link missing"
        assert "Last verified" in html


def test_no_library_markdown_in_docs() -> None:
    assert [p.name for p in (PROJECT / "docs" / "libraries").glob("*.md")] == ["index.md"]


def test_category_pages_have_sortable_tables(built_site: Build) -> None:
    categories = yaml.safe_load((PROJECT / "data" / "categories.yaml").read_text())["categories"]
    for category in categories:
        html = (built_site.site / "stack" / category["slug"] / "index.html").read_text()
        assert "<table" in html, category["slug"]
    index = (built_site.site / "libraries" / "index.html").read_text()
    assert '<table class="sg-data-table" data-sortable="true">' in index
    assert len(re.findall(r"<tr[ >]", index)) > len(LIBRARY_FILES)


def test_comparison_tables_come_from_data(built_site: Build) -> None:
    data = yaml.safe_load((PROJECT / "data/comparisons/quick-selection.yaml").read_text())
    html = (built_site.site / "choosing" / "quick-selection" / "index.html").read_text()
    for row in data["rows"]:
        assert row["label"] in html
    for entry in data["legend"]:
        assert entry["meaning"] in html


def test_json_export(built_site: Build) -> None:
    api = built_site.site / "api" / "v1"
    index = json.loads((api / "index.json").read_text())
    for name in index["documents"]:
        json.loads((api / name).read_text())
    libraries = json.loads((api / "libraries.json").read_text())
    assert sorted(lib["slug"] for lib in libraries) == sorted(_slugs())
    for slug in _slugs():
        record = json.loads((api / "libraries" / f"{slug}.json").read_text())
        assert record["slug"] == slug and record["url"] == f"libraries/{slug}/"
    for name in ("categories", "stacks", "use-cases", "comparisons", "versions", "selector"):
        assert (api / f"{name}.json").is_file()


FACT_KEYS = {
    "license", "requires_python", "python_versions", "typed", "async_support", "first_release",
    "releases_last_12_months",
}  # fmt: skip


def test_every_package_has_its_facts_in_json_and_page(built_site: Build) -> None:
    api = built_site.site / "api" / "v1"
    listed = {record["slug"]: record for record in json.loads((api / "libraries.json").read_text())}
    packaged = 0
    for path in LIBRARY_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        record = json.loads((api / "libraries" / f"{path.stem}.json").read_text("utf-8"))
        assert set(record) >= FACT_KEYS and record == listed[path.stem], path.stem
        if not data.get("package"):
            assert record["license"] is None and record["requires_python"] is None
            continue
        packaged += 1
        facts = data["package_facts"]
        assert record["license"] == (facts["license"] or "not declared"), path.stem
        assert record["requires_python"] == (facts["requires_python"] or "not declared")
        assert record["python_versions"] == facts["python_versions"]
        html = (built_site.site / "libraries" / path.stem / "index.html").read_text("utf-8")
        assert f"<td>Licence</td><td>{html_escape(record['license'])}</td>" in html, path.stem
        assert f"<code>{html_escape(record['requires_python'])}</code>" in html, path.stem
        versions = ", ".join(record["python_versions"]) or "not declared"
        assert f"<td>{versions}</td>" in html, path.stem
    assert packaged >= 80


def test_pages_request_nothing_from_other_origins(built_site: Build) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(https?:)?//', re.I)
    for page in built_site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for match in pattern.finditer(html):
            tag = html[match.start() : html.index(">", match.start()) + 1]
            # rel="noopener" anchors are links, not requests; <link> to canonical is metadata.
            assert 'rel="canonical"' in tag, f"{page}: {tag}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_a_yaml_edit_reaches_page_and_json(project_copy: Path) -> None:
    path = project_copy / "data" / "libraries" / "flask.yaml"
    marker = "A marker summary written by the build test"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = marker
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    build = build_site(project_copy)
    assert build.returncode == 0, build.output
    assert marker in (build.site / "libraries" / "flask" / "index.html").read_text()
    record = json.loads((build.site / "api" / "v1" / "libraries" / "flask.json").read_text())
    assert record["summary"] == marker
    everything = json.loads((build.site / "api" / "v1" / "libraries.json").read_text())
    assert any(lib["summary"] == marker for lib in everything)


class _InlineScripts(HTMLParser):
    """Executable inline scripts of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.policy = ""
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.policy = found.get("content") or ""
        if tag == "script" and "src" not in found and "json" not in (found.get("type") or ""):
            self._open = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()


ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def test_every_inline_script_is_allowed_by_the_pages_policy(built_site: Build) -> None:
    # A script the policy does not list never runs, silently but for a console line. Material's
    # instant navigation runs the scripts of the next page's article under the first page's
    # policy, so those must be allowed on every page.
    policies, in_articles = {}, set()
    for page, html in built_site.pages():
        parsed = _InlineScripts()
        parsed.feed(html)
        assert parsed.policy, f"{page}: no policy"
        policies[page] = parsed.policy
        for script in parsed.scripts:
            assert _hash(script) + "'" in parsed.policy, f"{page}: {script[:60]!r} not allowed"
        article = _InlineScripts()
        article.feed("".join(ARTICLE.findall(html)))
        in_articles.update((script[:60], _hash(script)) for script in article.scripts)
    for page, policy in policies.items():
        for start, digest in in_articles:
            assert digest + "'" in policy, f"{page}: an article's {start!r} would not run"
