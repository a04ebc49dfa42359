"""The built site has no broken internal link or anchor, and every external link is a
well-formed https URL: in pages, and in the feeds, feed lists (OPML) and badges."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from tests.conftest import PROJECT, Build

# <link rel=canonical> and the language alternates name the published URL, not a file; the
# feeds a page advertises (<link rel=alternate type=application/atom+xml>) are files.
SKIPPED_TAGS = {"link"}
FEED_TYPE = "application/atom+xml"


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
            followed = tag not in SKIPPED_TAGS or values.get("type") == FEED_TYPE
            if value is not None and followed:
                self.links.append((tag, value))


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser
    return cache[path]


def _site_url() -> str:
    config = yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    return config["site_url"]


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


URL_ATTRIBUTES = ("href", "xmlUrl", "htmlUrl", "src")


def test_feeds_feed_lists_and_badges_link_to_what_exists(built_site: Build) -> None:
    """Links in feeds and OPML are absolute (a feed reader has no page to resolve against):
    those into the site must name a built file, the rest must be https."""
    site, root = built_site.site, _site_url()
    files = sorted((site / "feeds").rglob("*")) + sorted((site / "badges").rglob("*"))
    files = [path for path in files if path.is_file()]
    assert {path.suffix for path in files} == {".xml", ".opml", ".svg"}
    broken: list[str] = []
    internal = 0
    for path in files:
        for element in ET.parse(path).iter():
            for name in URL_ATTRIBUTES:
                url = element.get(name)
                if url is None:
                    continue
                where = f"{path.relative_to(site)}: {name}={url!r}"
                if not url.startswith(root):
                    if urlsplit(url).scheme != "https":
                        broken.append(f"{where} is neither in the site nor https")
                    continue
                internal += 1
                target = _target(site, site / "index.html", url.removeprefix(root).split("#")[0])
                if not target.exists():
                    broken.append(f"{where} -> missing file")
    assert internal > len(files), "expected every feed and list to link into the site"
    assert not broken, "\n".join(broken[:50])
