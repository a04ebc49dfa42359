"""A bad data file stops the build before anything is written, and says where and why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import build_site


def _edit_yaml(relative: str, change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")

    return apply


def _write(relative: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        (project / relative).write_text(text, encoding="utf-8")

    return apply


def _append(relative: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return apply


def _duplicate_slug(project: Path) -> None:
    source = project / "data/libraries/flask.yaml"
    (project / "data/libraries/flask-copy.yaml").write_text(source.read_text("utf-8"), "utf-8")


CASES = {
    "yaml-syntax": (
        _append("data/libraries/flask.yaml", "pros: [unclosed\n"),
        ["data/libraries/flask.yaml", "YAML syntax"],
    ),
    "missing-field": (
        _edit_yaml("data/libraries/flask.yaml", lambda d: d.pop("summary")),
        ["data/libraries/flask.yaml", "summary", "required"],
    ),
    "mistyped-field": (
        _edit_yaml("data/libraries/flask.yaml", lambda d: d.update(pros="just one string")),
        ["data/libraries/flask.yaml", "pros", "list"],
    ),
    "unknown-field": (
        _edit_yaml("data/libraries/flask.yaml", lambda d: d.update(sumary="typo")),
        ["data/libraries/flask.yaml", "sumary", "not a known field"],
    ),
    "unknown-category": (
        _edit_yaml("data/libraries/flask.yaml", lambda d: d.update(category="web-framework")),
        ["data/libraries/flask.yaml", "category", "'web-framework'", "web-frameworks"],
    ),
    "undefined-slug": (
        _edit_yaml("data/libraries/flask.yaml", lambda d: d.update(alternatives=["nosuchlib"])),
        ["data/libraries/flask.yaml", "alternatives[0]", "'nosuchlib'", "not defined"],
    ),
    "undefined-slug-in-stack": (
        _edit_yaml("data/stacks.yaml", lambda d: d["stacks"][0]["parts"].update(orm=["nope"])),
        ["data/stacks.yaml", "stacks[0].parts.orm[0]", "'nope'"],
    ),
    "duplicate-slug": (
        _duplicate_slug,
        ["data/libraries/flask.yaml", "duplicate slug 'flask'"],
    ),
    "unknown-category-file-line": (
        _write("data/libraries/flask.yaml", "name: Flask\nslug: flask\ncategory: 42\n"),
        ["data/libraries/flask.yaml:3", "category"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_stops_the_build_untouched(project_copy: Path, case: str) -> None:
    mutate, expected = CASES[case]
    site = project_copy / "site"
    site.mkdir()
    sentinel = site / "previous-build.html"
    sentinel.write_text("previous build", encoding="utf-8")
    mutate(project_copy)

    build = build_site(project_copy, site)

    assert build.returncode != 0
    for fragment in expected:
        assert fragment in build.output, f"{fragment!r} not in:\n{build.output}"
    assert sorted(p.name for p in site.iterdir()) == ["previous-build.html"]
    assert sentinel.read_text(encoding="utf-8") == "previous build"
