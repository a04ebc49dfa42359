"""Following the guide: the Atom feeds parse with a real feed parser and carry stable ids, every
page with a feed advertises it, the stacks' OPML lists name exactly their libraries' feeds, and
the badges are accessible SVG with readable text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from playwright.sync_api import Page

from macros.badges import FILLS, LABEL_FILL, TEXT
from macros.catalog import Catalog, load_catalog
from macros.feeds import FEED_LIMIT, library_entries, stack_libraries
from tests.conftest import Build, build_site, copy_project

SITE_URL = "https://python-backend-stack-guide.github.io/guide/"
SVG = "{http://www.w3.org/2000/svg}"
MIN_CONTRAST = 4.5


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def feed_paths(site: Path) -> list[Path]:
    # sitemap.xml beside the feeds answers Material's probe of alternate links (it is no feed).
    return sorted(p for p in (site / "feeds").rglob("*.xml") if p.name != "sitemap.xml")


def parse_feed(path: Path) -> feedparser.FeedParserDict:
    """The feed as a feed reader reads it; any parse problem fails the test."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", f"{path}: read as {parsed.version!r}"
    return parsed


ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")


def atom_structure(path: Path) -> list[str]:
    """What RFC 4287 requires that a lenient reader would forgive: one id, title and updated
    per feed and per entry, dates in RFC 3339, an author, an alternate link where there is no
    content."""
    root = ET.parse(path).getroot()
    problems = [] if root.tag == f"{ATOM}feed" else [f"root is {root.tag}"]
    for node in [root, *root.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            found = node.findall(f"{ATOM}{name}")
            if len(found) != 1:
                problems.append(f"{node.tag} has {len(found)} <{name}>")
        updated = node.findtext(f"{ATOM}updated") or ""
        if not RFC3339.match(updated):
            problems.append(f"updated {updated!r} is not an RFC 3339 date-time")
        links = node.findall(f"{ATOM}link")
        if node.find(f"{ATOM}content") is None and not any(
            link.get("rel", "alternate") == "alternate" for link in links
        ):
            problems.append(f"{node.tag} without content has no alternate link")
    if root.find(f"{ATOM}author/{ATOM}name") is None:
        problems.append("no feed-level author")
    return problems


def site_file(site: Path, url: str) -> Path:
    """The built file an absolute URL of the published site stands for."""
    assert url.startswith(SITE_URL), url
    target = site / url.removeprefix(SITE_URL).split("#")[0]
    return target / "index.html" if target.is_dir() else target


def test_every_feed_exists(built_site: Build, catalog: Catalog) -> None:
    feeds = built_site.site / "feeds"
    expected = {feeds / "all.xml"}
    expected |= {feeds / "libraries" / f"{slug}.xml" for slug in catalog.libraries}
    expected |= {feeds / "stack" / f"{slug}.xml" for slug in catalog.categories}
    expected |= {feeds / "stacks" / f"{slug}.xml" for slug in catalog.stacks}
    assert set(feed_paths(built_site.site)) == expected


def test_every_feed_parses_as_atom(built_site: Build) -> None:
    site = built_site.site
    for path in feed_paths(site):
        parsed = parse_feed(path)
        feed, entries = parsed.feed, parsed.entries
        where = path.relative_to(site).as_posix()
        assert not atom_structure(path), f"{where}: {atom_structure(path)}"
        assert feed.id.startswith("tag:") and feed.title and feed.updated, where
        assert site_file(site, feed.link).is_file(), f"{where}: alternate {feed.link}"
        self_link = [link.href for link in feed.links if link.rel == "self"]
        assert self_link == [SITE_URL + where], where
        assert feed.author, f"{where}: Atom needs an author"
        assert entries, f"{where}: no entry"
        assert len(entries) <= FEED_LIMIT, where
        ids = [entry.id for entry in entries]
        assert len(set(ids)) == len(ids), f"{where}: duplicate entry ids"
        dates = [entry.updated_parsed for entry in entries]
        assert dates == sorted(dates, reverse=True), f"{where}: not newest first"
        assert feed.updated_parsed == dates[0], f"{where}: feed date is not its newest entry's"
        for entry in entries:
            assert entry.id.startswith("tag:") and entry.title and entry.summary, where
            assert site_file(site, entry.link).is_file(), f"{where}: {entry.link}"


def test_library_feeds_record_releases_changes_and_status(built_site: Build) -> None:
    feeds = built_site.site / "feeds" / "libraries"
    kinds = {
        slug: {
            tag.term for entry in parse_feed(feeds / f"{slug}.xml").entries for tag in entry.tags
        }
        for slug in ("fastapi", "passlib", "pydantic", "kubernetes")
    }
    assert "release" in kinds["fastapi"]
    assert "status" in kinds["passlib"], "passlib's newest release is over two years old"
    assert "advice" in kinds["pydantic"]
    assert kinds["kubernetes"] == {"checked"}, "a service without releases still has news"
    advice = next(
        e for e in parse_feed(feeds / "pydantic.xml").entries if e.tags[0].term == "advice"
    )
    related = [link.href for link in advice.links if link.rel == "related"]
    assert related and related[0].startswith("https://") and related[0] in advice.summary


def test_entry_ids_follow_what_an_entry_says(catalog: Catalog) -> None:
    """Reordering a library's changes or checking one again keeps every id; editing what a
    change says makes it a new entry."""
    today = datetime.now(UTC).date()
    flask = catalog.libraries["flask"]
    assert len(flask.changes) >= 2

    def ids(**update: object) -> set[str]:
        edited = replace(
            catalog, libraries={**catalog.libraries, "flask": flask.model_copy(update=update)}
        )
        return {e.key for e in library_entries(edited, "flask", today) if e.kind == "advice"}

    first, later = flask.changes[0], flask.verified.replace(year=flask.verified.year + 1)
    assert ids() == ids(changes=list(reversed(flask.changes)))
    assert ids() == ids(changes=[first.model_copy(update={"verified": later}), *flask.changes[1:]])
    reworded = first.model_copy(update={"now": first.now + " (reworded)"})
    assert len(ids() - ids(changes=[reworded, *flask.changes[1:]])) == 1


def _outputs(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for folder in ("feeds", "badges")
        for path in sorted((site / folder).rglob("*"))
        if path.is_file()
    }


def test_ids_are_stable_across_builds(
    built_site: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second build of the same data, at another moment, writes the same feeds: no id or
    date comes from the clock (only the build date, held the same here, could change one)."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(today.timestamp())))
    again = build_site(copy_project(tmp_path / "project"))
    assert again.returncode == 0, again.output
    first, second = _outputs(built_site.site), _outputs(again.site)
    assert sorted(first) == sorted(second)
    for path in feed_paths(built_site.site):
        name = path.relative_to(built_site.site).as_posix()
        ids = [e.id for e in parse_feed(path).entries]
        assert ids == [e.id for e in parse_feed(again.site / name).entries], name
    changed = [name for name in first if first[name] != second[name]]
    assert not changed, f"rebuilt with the same data, these differ: {changed[:10]}"


class _Head(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.alternates: list[str] = []
        self.anchors: dict[str, str] = {}
        self.images: list[dict[str, str | None]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate":
            assert values.get("type") == "application/atom+xml"
            self.alternates.append(values["href"] or "")
        if tag == "a" and values.get("href"):
            self.anchors[values["href"] or ""] = values.get("type") or ""
        if tag == "img":
            self.images.append(values)


def _pages_with_feeds(catalog: Catalog) -> dict[str, list[str]]:
    """Built page -> the feeds it must advertise (each relative to the site root)."""
    pages = {f"libraries/{s}/index.html": [f"feeds/libraries/{s}.xml"] for s in catalog.libraries}
    pages |= {f"stack/{s}/index.html": [f"feeds/stack/{s}.xml"] for s in catalog.categories}
    pages["stacks/index.html"] = [f"feeds/stacks/{s}.xml" for s in catalog.stacks]
    pages["index.html"] = ["feeds/all.xml"]
    return pages


def _resolve(site: Path, page: str, href: str) -> str:
    return (site / page).parent.joinpath(href).resolve().relative_to(site.resolve()).as_posix()


def test_pages_advertise_their_feeds(built_site: Build, catalog: Catalog) -> None:
    site = built_site.site
    for page, feeds in _pages_with_feeds(catalog).items():
        head = _Head((site / page).read_text("utf-8"))
        advertised = [_resolve(site, page, href) for href in head.alternates]
        visible = {
            _resolve(site, page, href): kind
            for href, kind in head.anchors.items()
            if href.endswith(".xml")
        }
        for feed in feeds:
            assert feed in advertised, f"{page}: no <link rel=alternate> to {feed}"
            assert visible.get(feed) == "application/atom+xml", f"{page}: no visible link {feed}"
        assert "feeds/all.xml" in advertised, page


def test_stack_feed_lists_name_exactly_their_libraries(built_site: Build, catalog: Catalog) -> None:
    site = built_site.site
    for slug in catalog.stacks:
        page = _Head((site / "stacks" / "index.html").read_text("utf-8"))
        assert f"../feeds/stacks/{slug}.opml" in page.anchors, f"no Follow link for {slug}"
        root = ET.parse(site / "feeds" / "stacks" / f"{slug}.opml").getroot()
        assert root.tag == "opml" and root.get("version") == "2.0"
        feeds = _listed_feeds(site / "feeds" / "stacks" / f"{slug}.opml")
        expected = [f"{SITE_URL}feeds/libraries/{s}.xml" for s in stack_libraries(catalog, slug)]
        assert feeds == expected, slug
        for outline in root.iter("outline"):
            if outline.get("xmlUrl"):
                assert outline.get("type") == "rss" and outline.get("text")
                assert site_file(site, outline.get("xmlUrl") or "").is_file()
                assert site_file(site, outline.get("htmlUrl") or "").is_file()


def _listed_feeds(opml: Path) -> list[str]:
    return [
        o.get("xmlUrl") or "" for o in ET.parse(opml).getroot().iter("outline") if o.get("xmlUrl")
    ]


@pytest.mark.browser
def test_follow_this_stack_downloads_its_feed_list(
    page: Page, site_url: str, catalog: Catalog
) -> None:
    page.goto(site_url + "stacks/")
    for slug in catalog.stacks:
        link = page.locator(f'#{slug} a[href$="feeds/stacks/{slug}.opml"]')
        assert "Follow this stack" in link.inner_text()
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == f"{slug}.opml"
        expected = [f"{SITE_URL}feeds/libraries/{s}.xml" for s in stack_libraries(catalog, slug)]
        assert _listed_feeds(Path(download.value.path())) == expected, slug


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_badge_colours_are_readable() -> None:
    for fill in [LABEL_FILL, *FILLS.values()]:
        assert contrast(TEXT, fill) >= MIN_CONTRAST, fill


def test_every_library_has_an_accessible_badge(built_site: Build, catalog: Catalog) -> None:
    for slug, library in catalog.libraries.items():
        root = ET.parse(built_site.site / "badges" / f"{slug}.svg").getroot()
        assert root.tag == f"{SVG}svg" and root.get("role") == "img", slug
        title = root.find(f"{SVG}title")
        assert title is not None and library.name in (title.text or ""), slug
        assert root.get("aria-label") == title.text
        rects = [
            (float(r.get("x", 0)), float(r.get("width") or 0), r.get("fill") or "")
            for r in root.iter(f"{SVG}rect")
        ]
        texts = list(root.iter(f"{SVG}text"))
        assert len(texts) == 2 and texts[0].text == "stack guide", slug
        if library.recommended_version:
            assert library.recommended_version in (texts[1].text or ""), slug
        for text in texts:
            x = float(text.get("x") or 0)
            (fill,) = [f for left, width, f in rects if left <= x < left + width]
            ratio = contrast(text.get("fill") or "", fill)
            assert ratio >= MIN_CONTRAST, f"{slug}: {text.text!r} at {ratio:.2f}:1"


def test_library_page_offers_the_badge_snippets(built_site: Build, catalog: Catalog) -> None:
    for slug in catalog.libraries:
        text = (built_site.site / "libraries" / slug / "index.html").read_text("utf-8")
        page, image = f"{SITE_URL}libraries/{slug}/", f"{SITE_URL}badges/{slug}.svg"
        head = _Head(text)
        assert any(i.get("src") == f"../../badges/{slug}.svg" and i.get("alt") for i in head.images)
        plain = re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">")
        plain = plain.replace("&quot;", '"').replace("&amp;", "&")
        assert re.search(rf"\[!\[[^\]]+\]\({re.escape(image)}\)\]\({re.escape(page)}\)", plain)
        assert f'<a href="{page}"><img src="{image}" alt="' in plain, slug


def test_every_recorded_release_is_in_a_history(catalog: Catalog) -> None:
    """The feeds list releases from ``history``: a library file with a ``latest_release`` and
    no history would have none."""
    missing = [s for s, lib in catalog.libraries.items() if lib.latest_release and not lib.history]
    assert not missing, (
        f"{missing}: add history: [{{version, date, seen}}] (seen: the day the release was "
        "recorded), or run make check-versions ARGS=--write"
    )
