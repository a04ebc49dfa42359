"""MkDocs hooks: load ``data/`` once per build and add every generated file.

- ``on_config`` turns Python warnings raised during the build into build warnings
  (``macros.build_warnings``), so ``--strict`` fails on them.
- ``on_pre_build`` loads and validates the data and checks that no generated file collides
  with another file of the site (``macros.collisions``) before MkDocs touches the output
  folder, so a bad file stops the build with nothing written.
- ``on_files`` adds the per-library and per-category pages, the pre-built comparisons, the
  ``api/v1/`` JSON, the selector's Python package and decision data, and the front-end
  runtime files from npm.
- Feeds, feed lists and badges (``macros.feeds``, ``macros.opml``, ``macros.badges``) are
  added in ``on_files`` too; ``on_page_context`` tells the template which feeds a page
  advertises in its ``<head>`` (``overrides/main.html``).
- ``on_page_markdown`` and ``on_page_content`` keep the raw HTML blocks and plain fenced code
  blocks of every page out of Python-Markdown (``macros.fragments``; the code highlighted by
  ``macros.highlight``): the page is converted with markers in their place. Generated pages then
  have their tables, lists and code marked to stay out of the search index.
- ``on_env`` has the navigation rendered once per folder for pages outside it
  (``macros.navcache``), and gives the template the stylesheets it writes into every page
  (``macros.styles``) and the sidebars' titles their own class (``macros.nav_titles``).
- ``on_nav`` lists the category pages under the "Technology stack" section.
- ``on_post_page``, ``on_post_template`` and ``on_post_build`` add the Content-Security-Policy
  (``macros.security``) to every page and to ``_headers``.
"""

from __future__ import annotations

import os
import posixpath
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from macros import build_warnings
from macros.assets import (
    UNPACKER,
    WORKER,
    minimal_lock,
    runtime_digest,
    runtime_files,
    selector_archive,
    selector_worker,
    snapshot_key,
    snapshot_worker,
    wasm_initial_memory,
)
from macros.badges import badge_files
from macros.catalog import DataError, load_catalog
from macros.collisions import check_declared, check_site
from macros.compare import render_prebuilt_page
from macros.export import API_ROOT, api_files
from macros.feeds import Site, all_feeds, feed_files, page_feeds
from macros.fragments import Stash, restore, stash
from macros.highlight import Highlighter
from macros.nav_titles import plain_titles, title_css
from macros.navcache import install as install_nav_cache
from macros.offline import runtime_cache, service_worker
from macros.opml import opml_files
from macros.packed_wasm import PACKED_WASM, WASM, packed_wasm
from macros.page_scripts import article_script_hashes, selector_loader
from macros.pages import render_category_page, render_example, render_library_page
from macros.search import index_view, indexed_content
from macros.security import headers_file, inline_script_hashes, with_policy_meta
from macros.sitemap_probes import EMPTY_SITEMAP, probe_paths
from macros.state import current_catalog, current_payload, set_catalog
from macros.stdlib import stdlib_name, trimmed_stdlib
from macros.styles import SELECTOR_CSS, guide_css, palette_inliner, table_css

STACK_SECTION = "Technology stack"


def build_date() -> date:
    """Today, or SOURCE_DATE_EPOCH for reproducible builds; freshness flags are relative to it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def project_dir(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml: data/ and node_modules/ are found beside it."""
    return Path(config.config_file_path).resolve().parent


# The inline-script hashes of every page written in this build, for the site-wide _headers.
_script_hashes: set[str] = set()
_article_hashes: set[str] = set()
# The HTML blocks taken out of each page's Markdown, by source path, until the page
# is converted.
_stashed: dict[str, Stash] = {}
# The whole HTML of a generated page while the search plugin reads its index view.
_full_content: dict[str, str] = {}
# This build's highlighter of plain fenced code blocks, if its settings allow.
_highlighter: list[Highlighter | None] = [None]


@event_priority(100)  # first, so warnings raised by other plugins' on_config count too
def on_config(config: MkDocsConfig) -> None:
    build_warnings.capture()


def on_build_error(error: Exception) -> None:
    build_warnings.release()


def on_pre_build(config: MkDocsConfig) -> None:
    _script_hashes.clear()
    _stashed.clear()
    _highlighter[0] = Highlighter.from_config(config.markdown_extensions, config.mdx_configs)
    try:
        set_catalog(load_catalog(project_dir(config) / "data"))
        check_site(current_catalog(), config)
    except DataError as exc:
        raise PluginError(str(exc)) from None


def site_of(config: MkDocsConfig) -> Site:
    """The published site, whose absolute URL feeds and badge snippets link to."""
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is needed: feeds and badges link to it")
    return Site(config.site_name, config.site_url)


def _edit_url(config: MkDocsConfig, source: str) -> str:
    """The edit link of a data file: edit_uri points at docs/, data/ sits beside it."""
    return urljoin(config.edit_uri or "", "../" + source)


def _generated(config: MkDocsConfig, src_uri: str, content: str, data_source: str) -> File:
    # Library pages are reached from category pages and tables, not the navigation: the
    # navigation is rendered into every page, so listing them there costs pages squared.
    file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    # The edit button of a generated page opens the data file it comes from.
    file.edit_uri = os.path.relpath(data_source, "docs").replace(os.sep, "/")
    return file


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalog = current_catalog()
    today = build_date()
    site = site_of(config)
    for slug in catalog.libraries:
        source = catalog.source_of("library", slug)
        content = render_library_page(catalog, slug, _edit_url(config, source), today, site=site)
        files.append(_generated(config, f"libraries/{slug}.md", content, source))
    for slug, library in catalog.libraries.items():
        if library.alternatives:
            content = render_prebuilt_page(catalog, slug, today)
            source = catalog.source_of("library", slug)
            files.append(_generated(config, f"compare/{slug}.md", content, source))
    categories_source = catalog.source_of("categories")
    examples_source = catalog.source_of("examples")
    for example_id in catalog.examples:
        content = render_example(catalog, example_id)
        files.append(_generated(config, f"examples/{example_id}.md", content, examples_source))
    for slug in catalog.categories:
        content = render_category_page(catalog, slug, _edit_url(config, categories_source), today)
        files.append(_generated(config, f"stack/{slug}.md", content, categories_source))
    for path, content in api_files(catalog, current_payload(), today).items():
        files.append(File.generated(config, path, content=content))
    _follow_files(files, config, site, today)
    for path in probe_paths():
        files.append(File.generated(config, path, content=EMPTY_SITEMAP))
    _add_runtime(files, config)
    check_declared(files, catalog)
    return files


def _follow_files(files: Files, config: MkDocsConfig, site: Site, today: date) -> None:
    """The Atom feeds, the stacks' OPML feed lists and the library badges."""
    catalog = current_catalog()
    generated = {
        **feed_files(all_feeds(catalog, site, today), site),
        **opml_files(catalog, site),
        **badge_files(catalog, today, site.name),
    }
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))


@event_priority(100)  # before Material's search plugin reads the page
def _before_search(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    # Read by overrides/main.html: one <link rel="alternate"> per feed.
    feeds = page_feeds(current_catalog(), page.url)
    page.meta["feeds"] = [{"href": path, "title": title} for path, title in feeds]
    if page.file.generated_by and page.content is not None:
        _full_content[page.file.src_uri] = page.content
        page.content = index_view(page.content)
    return context


@event_priority(-100)  # after it
def _after_search(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if (content := _full_content.pop(page.file.src_uri, None)) is not None:
        page.content = content
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


def _add_runtime(files: Files, config: MkDocsConfig) -> None:
    """Pyodide, the trimmed standard library, the selector's package and worker, ``sw.js``."""
    project = project_dir(config)
    for path, source in runtime_files(project).items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    archive = selector_archive(project)
    files.append(File.generated(config, "assets/selector/selector.zip", content=archive))
    stdlib = trimmed_stdlib(project, archive, current_payload())
    name = stdlib_name(project, archive)
    files.append(File.generated(config, f"assets/pyodide/{name}", content=stdlib))
    wasm = (project / "node_modules" / "pyodide" / WASM).read_bytes()
    packed = packed_wasm(project, wasm)
    files.append(File.generated(config, f"assets/pyodide/{PACKED_WASM}", content=packed))
    digest = runtime_digest(project, stdlib)
    snapshot = _write_worker(files, project, stdlib=name, digest=digest, archive=archive, wasm=wasm)
    files.append(File.generated(config, "sw.js", content=service_worker(digest, name, snapshot)))


def _write_worker(
    files: Files, project: Path, *, stdlib: str, digest: str, archive: bytes, wasm: bytes
) -> str:
    """Writes this build's runtime and snapshot lines into the worker; returns the snapshot key."""
    worker = files.get_file_from_path(WORKER)
    if worker is None:
        raise PluginError(f"docs/{WORKER} is missing")
    runtime = {
        "stdlib": stdlib,
        "lock": minimal_lock(project),
        "cache": runtime_cache(digest),
        "packedWasm": PACKED_WASM,
        "unpacker": posixpath.relpath(UNPACKER, posixpath.dirname(WORKER)),
    }
    worker.content_string = selector_worker(worker.content_string, runtime)
    payload = files.get_file_from_path(f"{API_ROOT}/selector.json")
    if payload is None:
        raise PluginError(f"{API_ROOT}/selector.json is missing")
    snapshot = snapshot_key(digest, archive, payload.content_string, worker.content_string)
    heap = wasm_initial_memory(wasm)
    worker.content_string = snapshot_worker(worker.content_string, snapshot, heap)
    return snapshot


def _with_policy(html: str) -> str:
    hashes = inline_script_hashes(html) | _article_hashes
    _script_hashes.update(hashes)
    return with_policy_meta(html, hashes)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["inline_palette"] = palette_inliner(config)
    env.globals["guide_css"] = guide_css(config)
    env.globals["table_css"] = table_css(config)
    env.filters["plain_titles"] = plain_titles
    env.globals["title_css"] = title_css(config)
    env.globals["selector_css"] = guide_css(config, SELECTOR_CSS)
    loader = selector_loader(config)
    env.globals["selector_loader"] = loader
    _article_hashes.clear()
    _article_hashes.update(article_script_hashes(loader))
    install_nav_cache(env)
    return env


@event_priority(-100)  # after mkdocs-macros has written its tables into the hand-written pages
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    code = _highlighter[0]
    skeleton, blocks = stash(markdown, code.highlight if code else None)
    _stashed[page.file.src_uri] = blocks
    return skeleton


@event_priority(100)  # before any other plugin reads the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    blocks = _stashed.pop(page.file.src_uri, None)
    if blocks is not None:
        html = restore(html, blocks)
        # MkDocs found the anchors of raw HTML in the Markdown it converted; these were not.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | blocks.anchor_ids()
    if not page.file.generated_by:
        return html  # hand-written pages are indexed whole
    # Only the generated pages: they are many, and their tables repeat the data.
    return indexed_content(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _with_policy(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Theme pages such as 404.html are not pages of the nav and come through here.
    return _with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    (Path(config.site_dir) / "_headers").write_text(headers_file(_script_hashes), "utf-8")
    build_warnings.release()


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    section = next(
        (item for item in nav.items if isinstance(item, Section) and item.title == STACK_SECTION),
        None,
    )
    if section is None:
        raise PluginError(f"mkdocs.yml: nav needs a section titled {STACK_SECTION!r}")
    for slug in current_catalog().categories:
        file = files.get_file_from_path(f"stack/{slug}.md")
        assert file is not None
        page = file.page if isinstance(file.page, Page) else Page(None, file, config)
        page.parent = section
        section.children.append(page)
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    return nav
