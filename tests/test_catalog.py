"""The loader: strict YAML, claims need sources, links are https, problems name file,
field and line. (Full builds with bad data are in test_bad_data.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from macros.catalog import DataError, load_catalog
from macros.models import CLAIM_WORDS, Claim
from tests.conftest import PROJECT


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(PROJECT / "data", copy)
    return copy


def problems_after(data: Path, relative: str, text: str | bytes) -> str:
    path = data / relative
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalog(data)
    return str(caught.value)


def flask_with(data: Path, **changes: object) -> str:
    document = yaml.safe_load((data / "libraries" / "flask.yaml").read_text("utf-8"))
    document.update(changes)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def test_the_repository_data_loads() -> None:
    catalog = load_catalog()
    assert len(catalog.libraries) >= 80
    assert set(catalog.stacks) == {
        "modern-microservices",
        "traditional-monolith",
        "lightweight-api",
    }


def test_aliases_are_refused(data: Path) -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    message = problems_after(data, "libraries/flask.yaml", bomb)
    assert "data/libraries/flask.yaml:2" in message and "aliases" in message


def test_duplicate_keys_are_refused(data: Path) -> None:
    text = (data / "libraries" / "flask.yaml").read_text("utf-8") + "name: Flask again\n"
    message = problems_after(data, "libraries/flask.yaml", text)
    assert "duplicate key 'name'" in message and "data/libraries/flask.yaml:" in message


def test_non_utf8_is_refused(data: Path) -> None:
    message = problems_after(data, "libraries/flask.yaml", b"name: Fl\xe4sk\n")
    assert "data/libraries/flask.yaml:1" in message and "UTF-8" in message


def test_oversized_file_is_refused(data: Path) -> None:
    message = problems_after(data, "libraries/flask.yaml", "summary: " + "x" * 400_000 + "\n")
    assert "data/libraries/flask.yaml" in message and "limited" in message


def test_unsourced_claim_is_refused(data: Path) -> None:
    message = problems_after(
        data, "libraries/flask.yaml", flask_with(data, pros=["The fastest framework there is"])
    )
    assert "pros[0]" in message and "without a source" in message


def test_sourced_claim_is_accepted(data: Path) -> None:
    claim = {
        "text": "The fastest framework",
        "source": "https://example.org/",
        "verified": "2026-01-01",
    }
    (data / "libraries" / "flask.yaml").write_text(flask_with(data, pros=[claim]), "utf-8")
    assert isinstance(load_catalog(data).libraries["flask"].pros[0], Claim)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "http://flask.example/",
        'https://x/"><script>',
    ],
)
def test_links_must_be_plain_https(data: Path, url: str) -> None:
    document = flask_with(data, links={"docs": url})
    message = problems_after(data, "libraries/flask.yaml", document)
    assert "links.docs" in message


def test_names_cannot_carry_markup(data: Path) -> None:
    message = problems_after(data, "libraries/flask.yaml", flask_with(data, name="<b>Flask</b>"))
    assert "data/libraries/flask.yaml:" in message and "name" in message


def test_every_claim_in_the_data_has_a_source_and_date() -> None:
    """Walk every string in every data file: a claim word only appears inside a record that
    carries a source URL and a verified date (a Claim, a Change, a sourced comparison cell),
    in a source title, or as a library's status, which its own sources and date back."""
    unsourced = []

    def walk(node: object, path: str, sourced: bool) -> None:
        if isinstance(node, dict):
            backed = sourced or ("source" in node and "verified" in node)
            for key, value in node.items():
                evidence = key in {"sources", "seed_pins"} or (
                    key == "status" and "sources" in node and "verified" in node
                )
                # A legend defines what a rating symbol means; it asserts nothing.
                walk(value, f"{path}.{key}", backed or evidence or key == "legend")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]", sourced)
        elif isinstance(node, str) and not sourced and CLAIM_WORDS.search(node):
            unsourced.append(f"{path}: {node[:80]}")

    for path in sorted((PROJECT / "data").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text("utf-8")), str(path.relative_to(PROJECT)), False)
    assert not unsourced, "\n".join(unsourced)
