"""The built site has no broken internal link or anchor, and every external link is a
well-formed https URL."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from tests.conftest import PROJECT, Build

SKIPPED_TAGS = {"link"}  # <link rel=canonical|alternate> name the published URL, not a file


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.anchors.add(values[name] or "")
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None and tag not in SKIPPED_TAGS:
                self.links.append((tag, value))


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser
    return cache[path]


def _base_path() -> str:
    """The path of site_url: the 404 page links absolutely, as it is served from any depth."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(config["site_url"]).path


def _target(site: Path, page: Path, href: str) -> Path:
    base = page.parent.relative_to(site).as_posix()
    if href.startswith("/"):
        root = _base_path()
        assert href.startswith(root), f"absolute link {href!r} outside the site's path {root!r}"
        base, href = "", href.removeprefix(root)
    joined = posixpath.normpath(posixpath.join(base, unquote(href)))
    target = site / joined
    return target / "index.html" if target.is_dir() else target


def test_no_broken_internal_links_or_anchors(built_site: Build) -> None:
    site = built_site.site
    cache: dict[Path, _Page] = {}
    broken: list[str] = []
    external: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        for tag, link in _parse(page, cache).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                external.append(link)
                if parts.scheme != "https" or not parts.netloc or " " in link:
                    broken.append(f"{page.relative_to(site)}: external link {link!r} is not https")
                continue
            if link.startswith("#") and not parts.path:
                target = page
            else:
                target = _target(site, page, parts.path or ".")
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: <{tag}> {link!r} -> missing file")
                continue
            anchored = parts.fragment and target.suffix == ".html"
            if anchored and parts.fragment not in _parse(target, cache).anchors:
                broken.append(f"{page.relative_to(site)}: {link!r} -> missing anchor")
    assert external, "expected the source links of the data to be present"
    assert not broken, "\n".join(broken[:50])
