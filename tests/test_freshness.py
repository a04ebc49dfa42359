"""``make check-versions``: newest releases from a package index, behind-lists and --write
(which appends to each library's release history, so the feeds gain an entry), and the
build-time flag for libraries whose newest release is over two years old."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import feedparser
import pytest

from macros.catalog import Catalog, load_catalog
from macros.feeds import Site, all_feeds, render_atom
from macros.freshness import license_of, main, newest_release, package_facts
from macros.tables import possibly_unmaintained
from tests.conftest import PROJECT, Build
from tests.support.server import SiteServer

TODAY = date.today()
RECENT = (TODAY - timedelta(days=30)).isoformat()
OLD = (TODAY - timedelta(days=400)).isoformat()
# What the fake index says about every package's metadata (the real index's shapes).
FAKE_INFO = {
    "license_expression": None,
    "license": "BSD-3-Clause",
    "requires_python": ">=3.10",
    "classifiers": [
        "License :: OSI Approved :: BSD License",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.10",
        "Typing :: Typed",
    ],
}


def _pypi_document(version: str, uploaded: str) -> dict:
    """A newest release, one a year and more old, one recent but yanked, one recent."""
    return {
        "info": {"version": version, **FAKE_INFO},
        "releases": {
            "0.1": [{"upload_time": "2019-05-04T10:00:00"}],
            "0.2": [{"upload_time": f"{OLD}T10:00:00"}],
            "0.3": [{"upload_time": f"{RECENT}T10:00:00", "yanked": True}],
            "0.4": [{"upload_time": f"{RECENT}T11:00:00"}, {"upload_time": f"{OLD}T09:00:00"}],
            "0.5": [],
            version: [{"upload_time": f"{uploaded}T10:00:00"}],
        },
    }


def test_newest_release_reads_version_and_first_upload() -> None:
    document = {
        "info": {"version": "2.0"},
        "releases": {
            "2.0": [{"upload_time": "2026-03-02T09:00:00"}, {"upload_time": "2026-03-01T08:00:00"}]
        },
    }
    assert newest_release(document) == ("2.0", date(2026, 3, 1))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    return data


@pytest.fixture
def fake_index(tmp_path: Path, data_copy: Path):
    """A local JSON index: every package one minor version ahead, released 2026-11-20, with
    the metadata of ``FAKE_INFO``."""
    index = tmp_path / "index"
    index.mkdir()
    catalog = load_catalog(data_copy)
    for library in catalog.libraries.values():
        if library.package:
            major, minor, *_ = ((library.recommended_version or "0.0") + ".0").split(".")
            ahead = f"{major}.{int(minor) + 1}.0"
            document = _pypi_document(ahead, "2026-11-20")
            (index / f"{library.package}.json").write_text(json.dumps(document), "utf-8")
    with SiteServer(index) as server:
        yield server.url + "{package}.json"


def test_lists_libraries_behind_and_writes_newest(
    data_copy: Path, fake_index: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (data_copy / "libraries" / "fastapi.yaml").read_text("utf-8")
    assert main(["--data", str(data_copy), "--index", fake_index]) == 0
    out = capsys.readouterr().out
    assert "fastapi: recommended " in out and "(2026-11-20)" in out
    assert (data_copy / "libraries" / "fastapi.yaml").read_text("utf-8") == before

    assert main(["--data", str(data_copy), "--index", fake_index, "--write"]) == 0
    catalog = load_catalog(data_copy)
    fastapi = catalog.libraries["fastapi"]
    assert fastapi.latest_release and fastapi.latest_release.date == date(2026, 11, 20)
    assert fastapi.recommended_version == fastapi.latest_release.version
    facts = fastapi.package_facts
    assert facts is not None
    assert facts.license == "BSD-3-Clause" and facts.requires_python == ">=3.10"
    assert facts.python_versions == ["3.10", "3.11"] and facts.typed
    assert facts.first_release == date(2019, 5, 4) and facts.checked == TODAY
    # 0.3 is yanked, 0.4 counts from its first upload (over a year ago), 0.5 has no files.
    recent_newest = (TODAY - date(2026, 11, 20)).days < 365
    assert facts.releases_last_12_months == (1 if recent_newest else 0)
    for library in catalog.libraries.values():
        assert (library.package_facts is not None) == bool(library.package), library.slug
    text = (data_copy / "libraries" / "fastapi.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server"), "comments must survive --write"
    capsys.readouterr()
    assert main(["--data", str(data_copy), "--index", fake_index]) == 0
    assert "0 of" in capsys.readouterr().out


def _feeds(catalog: Catalog, *paths: str) -> dict[str, feedparser.FeedParserDict]:
    """Feeds as the build writes them, read back by a feed reader."""
    site = Site("Python Backend Stack Guide", "https://python-backend-stack-guide.github.io/guide/")
    feeds = {feed.path: feed for feed in all_feeds(catalog, site, TODAY)}
    parsed = {path: feedparser.parse(render_atom(feeds[path], site)) for path in paths}
    assert not any(feed.bozo for feed in parsed.values())
    return parsed


FOLLOWED = (
    "feeds/libraries/fastapi.xml",
    "feeds/libraries/passlib.xml",
    "feeds/stack/web-frameworks.xml",
)


def test_a_new_release_is_appended_and_is_the_newest_feed_entry(
    data_copy: Path, fake_index: str
) -> None:
    before = load_catalog(data_copy)
    old = _feeds(before, *FOLLOWED)
    assert main(["--data", str(data_copy), "--index", fake_index, "--write"]) == 0
    assert main(["--data", str(data_copy), "--index", fake_index, "--write"]) == 0
    after = load_catalog(data_copy)
    for slug in ("fastapi", "passlib", "coverage"):
        release = after.libraries[slug].latest_release
        assert release is not None
        seen = [(h.version, h.date, h.seen) for h in after.libraries[slug].history]
        kept = [(h.version, h.date, h.seen) for h in before.libraries[slug].history]
        assert seen == [*kept, (release.version, release.date, TODAY)], "appended once"
    new = _feeds(after, *FOLLOWED)
    for path in FOLLOWED:
        slug = "fastapi" if "web-frameworks" in path else path.rsplit("/", 1)[1][:-4]
        version = after.libraries[slug].history[-1].version
        entries = new[path].entries
        (added,) = [e for e in entries if e.id.endswith(f":libraries/{slug}/release/{version}")]
        assert version in added.title and added.tags[0].term == "release"
        assert added.updated_parsed[:3] == TODAY.timetuple()[:3]
        # First in its library's feed; in a category's, among the releases of the same day.
        assert added.updated_parsed == entries[0].updated_parsed, path
        if path.startswith("feeds/libraries/"):
            assert entries[0] is added, path
        old_ids = [e.id for e in old[path].entries]
        new_ids = [e.id for e in new[path].entries]
        assert set(old_ids) <= set(new_ids), f"{path}: past entries must keep their ids"
        assert len(new_ids) > len(old_ids)
    passlib = [e for e in new["feeds/libraries/passlib.xml"].entries if e.tags[0].term == "status"]
    assert passlib and "until" in passlib[0].summary, "the stale stretch ends at the new release"


def test_licence_prefers_spdx_and_never_guesses() -> None:
    assert license_of({"license_expression": "MIT OR Apache-2.0", "license": "BSD"}) == (
        "MIT OR Apache-2.0"
    )
    assert license_of({"license": "MIT License"}) == "MIT"
    mit = ["License :: OSI Approved :: MIT License"]
    assert license_of({"license": "", "classifiers": mit}) == "MIT"
    # The Apache classifier names no version: kept as written rather than read as 2.0.
    apache = ["License :: OSI Approved :: Apache Software License"]
    assert license_of({"license": None, "classifiers": apache}) == "Apache Software License"
    pasted = "Copyright 2008 WTForms\n\nRedistribution and use in source and binary forms"
    bsd = ["License :: OSI Approved :: BSD License"]
    assert license_of({"license": pasted, "classifiers": bsd}) == "BSD License"
    assert license_of({"license": "LGPL with exceptions"}) == "LGPL with exceptions"
    assert license_of({"license": "", "classifiers": ["Typing :: Typed"]}) is None


def test_undeclared_metadata_is_recorded_as_missing() -> None:
    document = {"info": {"version": "1.0", "requires_python": ""}, "releases": {}}
    facts = package_facts(document, TODAY)
    assert facts.license is None and facts.requires_python is None
    assert facts.python_versions == [] and not facts.typed
    assert facts.first_release is None and facts.releases_last_12_months == 0


def test_unreachable_index_is_reported(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(data_copy), "--index", "http://127.0.0.1:9/{package}"]) == 1
    assert "could not check" in capsys.readouterr().err


def test_two_year_old_release_is_flagged_on_the_page(built_site: Build) -> None:
    catalog = load_catalog()
    stale = [lib for lib in catalog.libraries.values() if possibly_unmaintained(lib, date.today())]
    assert "passlib" in {lib.slug for lib in stale}
    for library in catalog.libraries.values():
        html = (built_site.site / "libraries" / library.slug / "index.html").read_text("utf-8")
        assert ("Possibly unmaintained" in html) == (library in stale), library.slug
