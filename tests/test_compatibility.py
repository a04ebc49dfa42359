"""The Python compatibility page and ``api/v1/compatibility.json``: every library with a
package, the Python versions it supports, and the guide's minimum Python as a column; the
selector and the stack pages warn about a part that does not claim the guide's Python."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from macros.catalog import DATA_DIR, load_catalog
from macros.selector_data import selector_payload
from macros.tables import render_stacks
from selector import recommend
from tests.conftest import Build


def api(site: Path, name: str) -> object:
    return json.loads((site / "api" / "v1" / name).read_text(encoding="utf-8"))


def test_the_document_matches_the_library_json(built_site: Build) -> None:
    site = built_site.site
    document = api(site, "compatibility.json")
    packaged = [lib["slug"] for lib in api(site, "libraries.json") if lib["package"]]
    assert [record["slug"] for record in document["libraries"]] == packaged
    assert document["guide_python"] in document["columns"]
    assert set(document["checked_pythons"]) <= set(document["columns"])
    for record in document["libraries"]:
        library = api(site, f"libraries/{record['slug']}.json")
        assert record["requires_python"] == library["requires_python"], record["slug"]
        assert record["python_versions"] == library["python_versions"], record["slug"]
        assert list(record["support"]) == document["columns"]
        declared = record["requires_python"] not in (None, "not declared")
        for version, state in record["support"].items():
            excluded = declared and Version(version) not in SpecifierSet(record["requires_python"])
            assert (state == "no") == excluded, (record["slug"], version, state)
            if state == "yes" and record["python_versions"]:
                assert version in record["python_versions"], (record["slug"], version)


def test_the_page_shows_every_library_with_the_guide_minimum_as_a_column(
    built_site: Build,
) -> None:
    site = built_site.site
    document = api(site, "compatibility.json")
    html = (site / "compatibility" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="sg-data-table" data-sortable="true">') :]
    table = table[: table.index("</table>")]
    headers = re.findall(r'<th scope="col">(.*?)</th>', table)
    guide = document["guide_python"]
    assert headers[:2] == ["Library", "Requires-Python"]
    assert f"Python {guide} (the guide&#x27;s minimum)" in headers or (
        f"Python {guide} (the guide's minimum)" in headers
    )
    rows = re.findall(r"<tr><td>(.*?)</tr>", table, re.S)
    assert len(rows) == len(document["libraries"])
    for row, record in zip(rows, document["libraries"], strict=True):
        assert f'href="../libraries/{record["slug"]}/"' in row
        states = re.findall(r'class="sg-compat sg-compat--([a-z]+)"', row)
        assert states == list(record["support"].values()), record["slug"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="compatibility/"' in home, "the compatibility page is in the navigation"


def test_a_part_without_the_guide_python_is_warned_about(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("schema"))
    fastapi = data / "libraries" / "fastapi.yaml"
    text = fastapi.read_text(encoding="utf-8")
    text, count = re.subn(r'(?m)^  requires_python: ".*"$', '  requires_python: ">=3.13"', text)
    assert count == 1
    fastapi.write_text(text, encoding="utf-8")
    catalog = load_catalog(data)
    payload = selector_payload(catalog)
    warned = "FastAPI does not support Python 3.12, which this guide recommends"
    result = recommend(payload, {"app_type": "api"})
    assert result["framework"] == "fastapi"
    [warning] = result["install_check"]["python_warnings"]
    assert warning["text"].startswith(warned) and ">=3.13" in warning["text"]
    assert recommend(payload, {"app_type": "web", "admin": "yes"})["framework"] == "django"
    assert (
        recommend(payload, {"app_type": "web", "admin": "yes"})["install_check"]["python_warnings"]
        == []
    )
    sections = dict(
        re.findall(
            r'<section class="sg-stack" id="([a-z-]+)">(.*?)</section>',
            render_stacks(catalog, "stacks/"),
            re.S,
        )
    )
    assert warned in sections["modern-microservices"]
    assert warned not in sections["traditional-monolith"]
