"""``make check-versions``: newest releases from a package index, behind-lists and --write,
and the build-time flag for libraries whose newest release is over two years old."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from macros.catalog import load_catalog
from macros.freshness import main, newest_release
from macros.tables import possibly_unmaintained
from tests.conftest import PROJECT, Build
from tests.support.server import SiteServer


def _pypi_document(version: str, uploaded: str) -> dict:
    return {
        "info": {"version": version},
        "releases": {version: [{"upload_time": f"{uploaded}T10:00:00"}]},
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
    """A local JSON index: every package one minor version ahead, released 2026-11-20."""
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
    text = (data_copy / "libraries" / "fastapi.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server"), "comments must survive --write"
    capsys.readouterr()
    assert main(["--data", str(data_copy), "--index", fake_index]) == 0
    assert "0 of" in capsys.readouterr().out


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
