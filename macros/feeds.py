"""The Atom feeds: ``feeds/libraries/<slug>.xml``, ``feeds/stack/<category>.xml``,
``feeds/stacks/<stack>.xml`` and ``feeds/all.xml``, and which of them each page advertises.

An entry is something the data records with a date: a release of a library (version, release
date, the day the guide saw it), a change of advice (a ``changes`` entry and its source), a
change of status (no release for over two years: possibly unmaintained) and the day a
library's facts were last checked. Entry and feed ids are ``tag:`` URIs made from what the entry
is (slug, version, the text of a change), never from the time of the build, so readers see no
duplicates when the site is rebuilt; dates come from the data, and the only clock is the
build date (``SOURCE_DATE_EPOCH`` where set) that decides whether a library is overdue.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed, per_record
from macros.models import Change, Library, SeenRelease
from macros.render import (
    ALL_FEED,
    COMPARISON_PAGES,
    STACKS_PAGE,
    VERSIONS_PAGE,
    category_feed,
    category_url,
    library_feed,
    library_url,
    stack_feed,
)
from macros.tables import STATUS_LABELS, UNMAINTAINED_AFTER_DAYS, possibly_unmaintained
from macros.xmltext import element, serialise

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
FEED_LIMIT = 50
# The date part of every tag: URI (RFC 4151): fixed, so ids never depend on the build.
TAG_DATE = "2026"


def library_records(catalog: Catalog) -> list[tuple[str, str, str]]:
    return [(s, catalog.source_of("library", s), "slug") for s in catalog.libraries]


def category_records(catalog: Catalog) -> list[tuple[str, str, str]]:
    source = catalog.source_of("categories")
    return [(s, source, f"categories[{i}].slug") for i, s in enumerate(catalog.categories)]


def stack_records(catalog: Catalog) -> list[tuple[str, str, str]]:
    source = catalog.source_of("stacks")
    return [(s, source, f"stacks[{i}].slug") for i, s in enumerate(catalog.stacks)]


@declares_outputs
def feed_outputs(catalog: Catalog) -> Iterator[Output]:
    yield from fixed([ALL_FEED], "macros/feeds.py", "the feed of the whole guide")
    yield from per_record(
        library_feed("{}"), "library slug", "the feed of library '{}'", library_records(catalog)
    )
    yield from per_record(
        category_feed("{}"), "category slug", "the feed of category '{}'", category_records(catalog)
    )
    yield from per_record(
        stack_feed("{}"), "stack slug", "the feed of stack '{}'", stack_records(catalog)
    )


@dataclass(frozen=True)
class Site:
    """The published site: its name and absolute URL (``site_url``), for links and ids."""

    name: str
    url: str

    def absolute(self, path: str) -> str:
        return urljoin(self.url if self.url.endswith("/") else self.url + "/", path)

    def tag(self, key: str) -> str:
        return f"tag:{urlsplit(self.url).hostname},{TAG_DATE}:{key}"


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str  # release | advice | status | checked
    title: str
    summary: str
    page: str
    updated: date
    related: str | None = None


@dataclass(frozen=True)
class Feed:
    path: str
    title: str
    subtitle: str
    page: str
    entries: tuple[Entry, ...]


# In this order among entries of the same day.
KIND_LABELS = {
    "status": "Change of status",
    "release": "New release",
    "advice": "Change of advice",
    "checked": "Facts checked",
}
KIND_ORDER = {kind: index for index, kind in enumerate(KIND_LABELS)}


def _text(value: object) -> str:
    return str(getattr(value, "text", value))


def _digest(change: Change) -> str:
    # The change's own words, so an id survives reordering and re-verification.
    body = "\n".join([change.was, change.now, change.source])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def releases(library: Library) -> list[SeenRelease]:
    """The releases the guide recorded for a library (``history``), oldest first."""
    return list(library.history)


def _release_entries(library: Library) -> list[Entry]:
    return [
        Entry(
            key=f"libraries/{library.slug}/release/{seen.version}",
            kind="release",
            title=f"{library.name} {seen.version} released",
            summary=(
                f"{library.name} {seen.version} was released on {seen.date.isoformat()}; "
                f"the guide recorded it on {seen.seen.isoformat()}."
            ),
            page=library_url(library.slug),
            updated=seen.seen,
        )
        for seen in releases(library)
    ]


def _overdue_entry(
    library: Library, last: SeenRelease, since: date, until: SeenRelease | None
) -> Entry:
    ended = f" until {until.version} was released on {until.date.isoformat()}" if until else ""
    return Entry(
        key=f"libraries/{library.slug}/status/possibly-unmaintained/{last.version}",
        kind="status",
        title=f"{library.name}: possibly unmaintained",
        summary=(
            f"No release of {library.name} for more than two years after {last.version} "
            f"({last.date.isoformat()}){ended}: the guide marks it possibly unmaintained."
        ),
        page=library_url(library.slug),
        updated=since,
    )


def _status_entries(library: Library, today: date) -> list[Entry]:
    """Each stretch of more than two years without a release, from the recorded releases."""
    history = releases(library)
    out = []
    for index, last in enumerate(history):
        since = last.date + timedelta(days=UNMAINTAINED_AFTER_DAYS + 1)
        until = history[index + 1] if index + 1 < len(history) else None
        overdue = since <= until.date if until else possibly_unmaintained(library, today)
        if overdue and since <= today:
            out.append(_overdue_entry(library, last, since, until))
    return out


def _change_entry(key: str, subject: str, change: Change, page: str) -> Entry:
    return Entry(
        key=f"{key}/change/{_digest(change)}",
        kind="advice",
        title=f"{subject}: {change.now}",
        summary=(
            f"Was: {change.was}\nNow: {change.now}\nWhy: {change.why}\nSource: {change.source}"
        ),
        page=page,
        updated=change.verified,
        related=change.source,
    )


def _checked_entry(library: Library) -> Entry:
    status = STATUS_LABELS[library.status]
    version = f"; recommended version {library.recommended_version}"
    return Entry(
        key=f"libraries/{library.slug}/checked/{library.verified.isoformat()}",
        kind="checked",
        title=f"{library.name}: facts checked on {library.verified.isoformat()}",
        summary=(
            f"The guide checked what it says about {library.name} against its sources on "
            f"{library.verified.isoformat()}. Status: {status}"
            f"{version if library.recommended_version else ''}."
        ),
        page=library_url(library.slug),
        updated=library.verified,
    )


def library_entries(catalog: Catalog, slug: str, today: date) -> list[Entry]:
    library = catalog.libraries[slug]
    page = library_url(slug)
    entries = [*_release_entries(library), *_status_entries(library, today)]
    entries += [_change_entry(f"libraries/{slug}", library.name, c, page) for c in library.changes]
    for example in catalog.examples.values():
        if slug in example.libraries:
            home = library_url(example.libraries[0])
            key = f"examples/{example.id}"
            entries += [_change_entry(key, example.title, c, home) for c in example.changes]
    entries.append(_checked_entry(library))
    return entries


def _category_own_entries(catalog: Catalog, slug: str) -> list[Entry]:
    category = catalog.categories[slug]
    page = category_url(slug)
    entries = [_change_entry(f"stack/{slug}", category.name, c, page) for c in category.changes]
    for comparison in catalog.comparisons.values():
        if COMPARISON_PAGES.get(comparison.slug) == page:
            entries += _comparison_entries(catalog, comparison.slug)
    return entries


def _comparison_entries(catalog: Catalog, slug: str) -> list[Entry]:
    comparison = catalog.comparisons[slug]
    page = COMPARISON_PAGES.get(slug, "")
    key = f"comparisons/{slug}"
    return [_change_entry(key, comparison.title, c, page) for c in comparison.changes]


def newest_first(entries: Iterable[Entry], limit: int = FEED_LIMIT) -> tuple[Entry, ...]:
    """Entries without duplicates (one id, one entry), newest first, at most ``limit``."""
    unique = {entry.key: entry for entry in entries}
    ordered = sorted(
        unique.values(),
        key=lambda e: (-e.updated.toordinal(), KIND_ORDER[e.kind], e.key),
    )
    return tuple(ordered[:limit])


def _news(entries: Iterable[Entry]) -> list[Entry]:
    # A library's own feed also says when its facts were last checked (so it is never
    # empty); feeds of many libraries keep to releases, status and advice.
    return [entry for entry in entries if entry.kind != "checked"]


def stack_libraries(catalog: Catalog, slug: str) -> list[str]:
    """Every library a recommended stack names, in the order of its parts, once each."""
    seen: dict[str, None] = {}
    for slugs in catalog.stacks[slug].parts.values():
        seen.update(dict.fromkeys(slugs))
    return list(seen)


PerLibrary = dict[str, list[Entry]]


def _library_feeds(catalog: Catalog, site: Site, per_library: PerLibrary) -> list[Feed]:
    return [
        Feed(
            library_feed(slug),
            f"{library.name}: {site.name}",
            _text(library.summary),
            library_url(slug),
            newest_first(per_library[slug]),
        )
        for slug, library in catalog.libraries.items()
    ]


def _category_feed(catalog: Catalog, site: Site, per_library: PerLibrary, slug: str) -> Feed:
    category = catalog.categories[slug]
    entries = _category_own_entries(catalog, slug)
    for library in catalog.libraries_in(slug):
        entries += _news(per_library[library.slug])
    return Feed(
        category_feed(slug),
        f"{category.name}: {site.name}",
        category.summary,
        category_url(slug),
        newest_first(entries),
    )


def _stack_feed(catalog: Catalog, site: Site, per_library: PerLibrary, slug: str) -> Feed:
    stack = catalog.stacks[slug]
    entries = [e for part in stack_libraries(catalog, slug) for e in _news(per_library[part])]
    return Feed(
        stack_feed(slug),
        f"{stack.name}: {site.name}",
        stack.summary,
        f"{STACKS_PAGE}#{slug}",
        newest_first(entries),
    )


def _guide_feed(catalog: Catalog, site: Site, per_library: PerLibrary) -> Feed:
    entries = [e for found in per_library.values() for e in _news(found)]
    for slug in catalog.categories:
        entries += _category_own_entries(catalog, slug)
    for slug in catalog.comparisons:
        entries += _comparison_entries(catalog, slug)
    entries += [
        _change_entry("versions", "Recommended versions", c, VERSIONS_PAGE)
        for c in catalog.versions.changes
    ]
    return Feed(ALL_FEED, site.name, "Every change the guide records.", "", newest_first(entries))


def all_feeds(catalog: Catalog, site: Site, today: date) -> list[Feed]:
    """Every feed of the site, from one pass over each library's entries."""
    per_library = {slug: library_entries(catalog, slug, today) for slug in catalog.libraries}
    return [
        *_library_feeds(catalog, site, per_library),
        *(_category_feed(catalog, site, per_library, slug) for slug in catalog.categories),
        *(_stack_feed(catalog, site, per_library, slug) for slug in catalog.stacks),
        _guide_feed(catalog, site, per_library),
    ]


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entry(parent: ET.Element, entry: Entry, site: Site) -> None:
    node = element(parent, "entry")
    element(node, "id", site.tag(entry.key))
    element(node, "title", entry.title, type="text")
    element(node, "updated", _timestamp(entry.updated))
    element(node, "link", rel="alternate", type="text/html", href=site.absolute(entry.page))
    if entry.related:
        element(node, "link", rel="related", href=entry.related)
    element(node, "category", term=entry.kind, label=KIND_LABELS[entry.kind])
    element(node, "summary", entry.summary, type="text")


def render_atom(feed: Feed, site: Site) -> str:
    root = element(None, "feed", xmlns=ATOM)
    element(root, "id", site.tag(feed.path))
    element(root, "title", feed.title, type="text")
    element(root, "subtitle", feed.subtitle, type="text")
    # The newest entry's date, not the build's: an unchanged guide is an unchanged feed.
    newest = max((e.updated for e in feed.entries), default=date(1970, 1, 1))
    element(root, "updated", _timestamp(newest))
    element(root, "link", rel="self", type=ATOM_TYPE, href=site.absolute(feed.path))
    element(root, "link", rel="alternate", type="text/html", href=site.absolute(feed.page))
    author = element(root, "author")
    element(author, "name", site.name)
    element(author, "uri", site.url)
    for entry in feed.entries:
        _entry(root, entry, site)
    return serialise(root)


def feed_files(feeds: Sequence[Feed], site: Site) -> dict[str, str]:
    """Site path -> Atom XML for every feed."""
    return {feed.path: render_atom(feed, site) for feed in feeds}


def page_feeds(catalog: Catalog, page_url: str) -> list[tuple[str, str]]:
    """(feed path, title) of the feeds a page advertises: its own, then the whole guide's."""
    own: list[tuple[str, str]] = []
    # Looked up by the slug the URL would hold: every page asks, so no walk over the catalog.
    slug = page_url.rstrip("/").rpartition("/")[2]
    library = catalog.libraries.get(slug)
    if library is not None and page_url == library_url(slug):
        own.append((library_feed(slug), f"{library.name}: changes and releases"))
    category = catalog.categories.get(slug)
    if category is not None and page_url == category_url(slug):
        own.append((category_feed(slug), f"{category.name}: changes and releases"))
    if page_url == STACKS_PAGE:
        own += [(stack_feed(s), f"{stack.name}: changes") for s, stack in catalog.stacks.items()]
    return [*own, (ALL_FEED, "Every change to the guide")]
