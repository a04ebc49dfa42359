"""Every code block a built page shows was run or checked by a test.

A block is one of: a code example (the text of a file in ``data/examples/`` that a test in
``tests/examples/`` loads), the generated pyproject on the versions page (checked here against
the version data), a block of the contributing guide (shell parsed with ``bash -n``, YAML
validated against the data model), or a library page's badge snippet (the Markdown rendered by
Python-Markdown and the HTML parsed, each a link to the page around the library's badge). Any
other block fails the test.
"""

from __future__ import annotations

import html
import re
import subprocess
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from packaging.requirements import Requirement
from pydantic import TypeAdapter

from macros.catalog import load_catalog
from macros.composition import Composition, composition_problems
from macros.models import Text
from macros.tables import pyproject_dependencies
from tests.conftest import PROJECT, Build

PRE = re.compile(r'<div class="language-(\w+) highlight"><pre[^>]*>(.*?)</pre>', re.S)
TAG = re.compile(r"<[^>]+>")


def code_blocks(site: Path) -> list[tuple[str, str, str]]:
    """(page, language, code) for every highlighted block of every built page."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for language, inner in PRE.findall(page.read_text(encoding="utf-8")):
            code = html.unescape(TAG.sub("", inner)).strip()
            found.append((str(page.relative_to(site)), language, code))
    return found


def example_files_under_test() -> dict[str, str]:
    """Example file text -> file name, for the files a test in tests/examples refers to."""
    tests = "\n".join(p.read_text("utf-8") for p in (PROJECT / "tests/examples").glob("*.py"))
    examples = PROJECT / "data" / "examples"
    return {
        path.read_text("utf-8").strip(): path.name
        for path in examples.iterdir()
        if path.is_file() and f'"{path.name}"' in tests
    }


def check_pyproject(code: str) -> None:
    catalog = load_catalog()
    assert code == pyproject_dependencies(catalog).strip()
    document = tomllib.loads(code)
    pins = [Requirement(line) for line in document["project"]["dependencies"]]
    for group in document["dependency-groups"].values():
        pins += [Requirement(line) for line in group]
    by_package = {lib.package.lower(): lib for lib in catalog.libraries.values() if lib.package}
    for pin in pins:
        library = by_package[pin.name.lower()]
        assert str(pin.specifier) == f">={library.recommended_version}", pin


def check_composition_roles(roles: dict) -> None:
    """A composition example: valid roles whose libraries and conditions exist."""
    catalog = load_catalog()
    data = {"roles": {"framework": catalog.composition.roles["framework"].model_dump(), **roles}}
    example = Composition.model_validate({**data, "names": [{"name": "{framework} stack"}]})
    found = composition_problems(example, catalog.decision_tree, set(catalog.libraries))
    assert found == [], found


def check_contributing(language: str, code: str) -> None:
    if language in {"sh", "bash"}:
        subprocess.run(["bash", "-n"], input=code, text=True, check=True)
    elif language == "yaml":
        document = yaml.safe_load(code)
        if "roles" in document:
            check_composition_roles(document["roles"])
        else:
            TypeAdapter(list[Text]).validate_python(document["pros"])
    else:
        raise AssertionError(f"no check for a {language} block in the contributing guide")


class _LinkedImage(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def check_badge_snippet(page: str, language: str, code: str) -> None:
    """A snippet that embeds a library's badge: its page's link around its badge image."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    site_url, slug = config["site_url"], page.split("/")[1]
    rendered = markdown.markdown(code) if language == "markdown" else code
    tags = [(tag, attrs) for tag, attrs in _LinkedImage(rendered).tags if tag != "p"]
    assert [tag for tag, _ in tags] == ["a", "img"], (page, rendered)
    assert tags[0][1]["href"] == f"{site_url}libraries/{slug}/", page
    assert tags[1][1]["src"] == f"{site_url}badges/{slug}.svg" and tags[1][1]["alt"], page


def test_every_code_block_was_run_by_a_test(built_site: Build) -> None:
    examples = example_files_under_test()
    blocks = code_blocks(built_site.site)
    assert blocks, "no code blocks found: the pattern no longer matches Material's markup"
    unchecked = []
    for page, language, code in blocks:
        if code in examples:
            continue
        if page == "versions/index.html" and language == "toml":
            check_pyproject(code)
        elif page == "contributing/index.html":
            check_contributing(language, code)
        elif page.startswith("libraries/") and language in {"markdown", "html"}:
            check_badge_snippet(page, language, code)
        else:
            unchecked.append(f"{page} ({language}): {code[:60]!r}")
    assert not unchecked, "code blocks no test ran:\n" + "\n".join(unchecked)


def test_every_example_is_shown_somewhere(built_site: Build) -> None:
    shown = {code for _, _, code in code_blocks(built_site.site)}
    for text, name in example_files_under_test().items():
        assert text in shown, f"data/examples/{name} is tested but shown on no page"
