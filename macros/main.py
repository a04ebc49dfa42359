"""mkdocs-macros entry point: registers the macros that Markdown pages call.

``define_env`` only registers; each macro renders from the catalog of the current build
(``macros.state``) with links relative to the page being rendered.
"""

from __future__ import annotations

from typing import Any

from macros import compare, filters, tables
from macros.compatibility import render_compatibility
from macros.hooks import build_date
from macros.pages import framework_details
from macros.render import ALL_FEED, changes_note, follow_links, library_link, relative
from macros.selector_page import (
    render_decision_questions,
    render_selector_form,
)
from macros.state import current_catalog, current_payload


def define_env(env: Any) -> None:
    def base() -> str:
        return env.page.url if env.page else ""

    @env.macro
    def comparison(slug: str) -> str:
        return tables.render_comparison(current_catalog(), slug, base())

    @env.macro
    def library_index() -> str:
        catalog, today = current_catalog(), build_date()
        attributes = filters.row_attributes(catalog, today)
        table_html = tables.render_library_index(catalog, base(), today, attributes)
        members = list(catalog.libraries.values())
        return filters.filterable(catalog, members, table_html, base(), with_category=True)

    @env.macro
    def compare_tool() -> str:
        return compare.render_compare_tool(current_catalog(), base())

    @env.macro
    def prebuilt_comparisons() -> str:
        return compare.prebuilt_list(current_catalog(), base())

    @env.macro
    def category_index() -> str:
        return tables.render_category_index(current_catalog(), base())

    @env.macro
    def use_cases() -> str:
        return tables.render_use_cases(current_catalog(), base())

    @env.macro
    def compatibility_table() -> str:
        return render_compatibility(current_catalog(), base())

    @env.macro
    def stacks() -> str:
        return tables.render_stacks(current_catalog(), base())

    @env.macro
    def versions_table() -> str:
        return tables.render_versions(current_catalog(), base(), build_date())

    @env.macro
    def pyproject() -> str:
        return tables.pyproject_markdown(current_catalog())

    @env.macro
    def seed_pins() -> str:
        return tables.render_seed_pins(current_catalog())

    @env.macro
    def version_changes() -> str:
        return changes_note(current_catalog().versions.changes)

    @env.macro
    def python_version() -> str:
        return current_catalog().versions.python

    @env.macro
    def follow_guide() -> str:
        return follow_links(base(), ALL_FEED, "every change to the guide")

    @env.macro
    def lib(slug: str) -> str:
        catalog = current_catalog()
        if slug not in catalog.libraries:
            raise KeyError(f"{env.page.file.src_uri}: lib({slug!r}) names no library in data/")
        return library_link(base(), catalog.libraries[slug])

    @env.macro
    def frameworks(*slugs: str) -> str:
        return framework_details(current_catalog(), list(slugs), base())

    @env.macro
    def decision_questions() -> str:
        return render_decision_questions(current_payload())

    @env.macro
    def selector_form() -> str:
        # Marks the page, so the template loads the selector's script on it alone.
        env.page.meta["selector"] = True
        pyodide = env.conf["extra"].get("pyodide_url", "assets/pyodide/")
        if "://" not in pyodide:
            pyodide = relative(base(), pyodide)
        return render_selector_form(current_payload(), pyodide, base())
