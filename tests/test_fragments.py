"""Generated pages keep their raw HTML blocks out of Python-Markdown (``macros.fragments``) and
pages outside the navigation reuse its HTML (``macros.navcache``): the pages must come out as
they would without either."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import date
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Any

import jinja2
import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from macros.catalog import load_catalog
from macros.compare import render_prebuilt_page
from macros.feeds import Site
from macros.fragments import restore, stash
from macros.highlight import Highlighter
from macros.main import define_env
from macros.pages import render_category_page, render_example, render_library_page
from macros.state import set_catalog
from tests.conftest import PROJECT, Build

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def convert():
    config = load_config(str(PROJECT / "mkdocs.yml"))

    def run(text: str) -> str:
        md = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
        )
        return md.convert(text)

    return run


class _Ids(HTMLParser):
    """The anchors MkDocs finds in raw HTML: ``id`` attributes and ``<a name>``."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value is not None and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


def _ids(text: str) -> set[str]:
    parser = _Ids()
    parser.feed(text)
    parser.close()
    return parser.ids


def _generated_sources() -> list[tuple[str, str]]:
    catalog = load_catalog()
    site = Site("Guide", "https://example.org/guide/")
    out = []
    for slug in catalog.libraries:
        out.append((slug, render_library_page(catalog, slug, "https://e.org/x", TODAY, site=site)))
    for slug, library in catalog.libraries.items():
        if library.alternatives:
            out.append((f"compare {slug}", render_prebuilt_page(catalog, slug, TODAY)))
    for slug in catalog.categories:
        out.append((f"stack {slug}", render_category_page(catalog, slug, "https://e.org/x", TODAY)))
    for example in catalog.examples:
        out.append((f"example {example}", render_example(catalog, example)))
    return out


@pytest.fixture(scope="module")
def code():
    config = load_config(str(PROJECT / "mkdocs.yml"))
    highlighter = Highlighter.from_config(config["markdown_extensions"], config["mdx_configs"])
    assert highlighter is not None, "mkdocs.yml's highlight settings are no longer handled"
    return highlighter.highlight


def test_every_generated_page_converts_the_same_with_its_blocks_kept_out(convert, code) -> None:
    stashed = fenced = 0
    for name, source in _generated_sources():
        text = get_data(source)[0]
        expected = convert(text)
        skeleton, blocks = stash(text)
        stashed += len(blocks.blocks)
        assert restore(convert(skeleton), blocks) == expected, name
        assert blocks.anchor_ids() == _ids("\n".join(blocks.blocks)), name
        assert "<table" not in skeleton and "<ul" not in skeleton, name
        skeleton, blocks = stash(text, code)
        assert restore(convert(skeleton), blocks) == expected, name
        fenced += bool(blocks.code)
        assert ("```" in skeleton) == ("```" in text and not blocks.code), name
    assert stashed > 1000
    assert fenced > 100  # the library pages' badge snippets and the example pages


class _MacroEnv:
    """What ``macros.main.define_env`` registers its macros on, outside MkDocs."""

    def __init__(self) -> None:
        self.macros: dict[str, Any] = {}
        self.page: Any = None
        self.conf = load_config(str(PROJECT / "mkdocs.yml"))

    def macro(self, function: Any) -> Any:
        self.macros[function.__name__] = function
        return function


def _hand_written_pages() -> list[tuple[str, str]]:
    """Every page of docs/ with its macros rendered from the real data, as the build does."""
    set_catalog(load_catalog())
    env = _MacroEnv()
    define_env(env)
    jinja = jinja2.Environment(loader=jinja2.FileSystemLoader(PROJECT))  # include_dir: .
    out = []
    for path in sorted((PROJECT / "docs").rglob("*.md")):
        source = path.relative_to(PROJECT / "docs").as_posix()
        url = "" if source == "index.md" else source.removesuffix("index.md").removesuffix(".md")
        env.page = SimpleNamespace(url=url if not url or url.endswith("/") else url + "/", meta={})
        out.append(
            (source, jinja.from_string(get_data(path.read_text("utf-8"))[0]).render(**env.macros))
        )
    return out


def test_every_hand_written_page_converts_the_same_with_its_blocks_kept_out(convert, code):
    stashed = 0
    for name, text in _hand_written_pages():
        expected = convert(text)
        for highlight in (None, code):
            skeleton, blocks = stash(text, highlight)
            stashed += len(blocks.blocks)
            assert restore(convert(skeleton), blocks) == expected, name
    assert stashed > 10  # the macros' tables


TRICKY = [
    '<p class="a">one</p>\n\n## Heading\n\n<div><p>two</p></div>',
    "<ul><li>a</li></ul><p>b</p><div>c</div>",  # elements side by side: Markdown splits them
    "<p>a</p> and text after",  # not one element: stays in the Markdown
    "<p>a\tb</p>",  # a tab: Markdown expands it
    "<p>a</p>\n<p>b</p>",  # two lines, one block
    "<div>\n\n<p>inside</p>\n\n</div>",  # a block spread over lines
    "<!-- a comment --><p>x</p>",
    '<div markdown="1">*emphasis*</div>',
    "<p><script>if (a < b) {}</script></p>",
    '<p><script src="x.js" defer></script></p>',
    "<p><img src=x.png alt=x></p>\n\n<img src=y.png>",
    "```html\n<p>code</p>\n\n<p>still code</p>\n```\n\n<p>after</p>",
    "~~~~\n~~~\n\n<p>in the fence</p>\n~~~~\n\n<p>out</p>",
    '<p>a &amp; b &lt;c&gt;</p>\n\n<section id="s"><h2>S</h2></section>',
    '<h2 id="x">raw heading</h2>\n\n# Markdown heading\n\n<p>end</p>',
]


FENCES = [
    "```python\nprint(1)\n```\n\n<p>after</p>\n\n~~~html\n<p>x</p>\n\n<b>y</b>\n~~~",
    '```python\nprint(1)\n```\n\n```python {hl_lines="1"}\nprint(2)\n```',  # options
    "```python\nprint(1)\n```\n\n    indented code\n\n<p>x</p>",  # numbered with fences
    "```python\nprint(1)\n```\n\n<div>\n<p>raw HTML on two lines</p>\n</div>\n\n```js\nx\n```",
    "text\n```python\nprint(1)\n```",  # a fence right after a paragraph
    "```python\nprint(1)\n```\ntext",
    "```nosuchlanguage\nx\n```",
    "````markdown\n```python\nnested\n```\n````",
    "```python\nif a:\n\tb()\n```",
    "```python\nprint(1)\n  ```\n\n<p>x</p>",
    "```python\nunclosed",
    "- item\n\n    ```python\n    in a list\n    ```",
]


@pytest.mark.parametrize("text", TRICKY + FENCES)
def test_blocks_markdown_would_not_pass_through_whole_stay_in_it(convert, code, text) -> None:
    skeleton, blocks = stash(text)
    assert restore(convert(skeleton), blocks) == convert(text)
    skeleton, blocks = stash(text, code)
    assert restore(convert(skeleton), blocks) == convert(text)


def test_plain_fences_are_highlighted_once_the_whole_page_allows_it(convert, code) -> None:
    skeleton, blocks = stash(FENCES[0], code)
    assert len(blocks.code) == 2 and "```" not in skeleton and "~~~" not in skeleton
    assert "__codelineno-1-1" in restore(convert(skeleton), blocks)
    for text in FENCES[1:4]:
        assert not stash(text, code)[1].code, text


def test_text_that_looks_like_a_marker_stays_text(convert) -> None:
    earlier = stash("<p>x</p>")[1].marker
    text = f"{earlier}0\n\n<p>real</p>"
    skeleton, blocks = stash(text)
    assert restore(convert(skeleton), blocks) == convert(text)


def _nav_targets(html: str, page_url: str) -> tuple[list[str], int]:
    """Where the primary navigation's links go (from the site root), and how many it marks
    as the current page."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S)
    assert nav is not None
    links = re.findall(r'<a href="([^"#][^"]*)" class="md-nav__link', nav.group(0))
    targets = [posixpath.normpath(posixpath.join(page_url or ".", href)) for href in links]
    return targets, nav.group(0).count("md-nav__link--active")


def test_pages_outside_the_navigation_link_its_items_like_a_page_in_it(built_site: Build) -> None:
    site = built_site.site
    reference, active = _nav_targets((site / "api/index.html").read_text("utf-8"), "api/")
    assert active and len(reference) > 20
    pages = ["libraries/fastapi/", "libraries/flask/", "compare/fastapi/", "examples/"]
    examples = sorted(p.parent.name for p in (site / "examples").glob("*/index.html"))
    pages[-1] += examples[0] + "/"
    for url in pages:
        targets, active = _nav_targets((site / url / "index.html").read_text("utf-8"), url)
        assert targets == reference, url
        assert active == 0, url


def test_parts_rendered_once_per_build_fit_every_page(built_site: Build) -> None:
    """The config script, search dialog and palette toggle come from ``navcache.Once``: the
    config's base still leads each page to the site's root."""
    site = built_site.site
    pages = ["", "choosing/", "libraries/fastapi/", "compare/fastapi/", "stack/orms/"]
    for url in pages:
        html = (site / url / "index.html").read_text("utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
        assert config is not None, url
        base = json.loads(config.group(1))["base"]
        assert posixpath.normpath(posixpath.join(url or ".", base)) == ".", url
        assert html.count('data-md-component="search"') == 1, url
        assert html.count('<form class="md-header__option" data-sg-palette>') == 1, url
    not_found = (site / "404.html").read_text("utf-8")
    assert '"base": "/guide/"' in not_found or '"base":"/guide/"' in not_found
