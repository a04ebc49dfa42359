"""Every table on the site, rendered from the catalog: comparisons, category and library
indexes, use cases, stacks and the recommended versions.

Each function takes the catalog and the URL of the page it lands on (for relative links) and
returns HTML. Tables of more than a handful of rows carry ``data-sortable`` for tablesort.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from macros.catalog import Catalog
from macros.install_status import render_stack_status
from macros.models import Comparison, Library
from macros.render import (
    SORTABLE_TABLE_OPEN,
    TABLE_OPEN,
    attr,
    bullet_list,
    category_url,
    changes_note,
    code_block,
    esc,
    follow_links,
    library_link,
    link,
    relative,
    source_note,
    stack_feed,
    stack_opml,
    table,
    text,
)
from selector.stack import requirement, toml_array

SORTABLE_FROM_ROWS = 6
UNMAINTAINED_AFTER_DAYS = 2 * 365


def _sortable(html: str, rows: int) -> str:
    if rows < SORTABLE_FROM_ROWS:
        return html
    return html.replace(TABLE_OPEN, SORTABLE_TABLE_OPEN, 1)


def possibly_unmaintained(library: Library, today: date) -> bool:
    """True when the recorded newest release is more than two years old."""
    release = library.latest_release
    return bool(release and (today - release.date).days > UNMAINTAINED_AFTER_DAYS)


STATUS_LABELS = {
    "recommended": "Recommended by this guide",
    "active": "Active",
    "maintenance": "Maintenance only",
    "legacy": "Legacy: prefer an alternative",
    "deprecated": "Deprecated",
}


def status_badge(library: Library, today: date) -> str:
    badge = f'<span class="sg-status sg-status--{attr(library.status)}">'
    badge += f"{esc(STATUS_LABELS[library.status])}</span>"
    if possibly_unmaintained(library, today):
        assert library.latest_release
        badge += (
            ' <span class="sg-status sg-status--stale">Possibly unmaintained: newest release '
            f"{library.latest_release.date.isoformat()}</span>"
        )
    return badge


def render_legend(comparison: Comparison) -> str:
    if not comparison.legend:
        return ""
    items = "".join(
        f'<li><span aria-hidden="true">{esc(e.symbol)}</span> <strong>{esc(e.label)}</strong>: '
        f"{esc(e.meaning)}</li>"
        for e in comparison.legend
    )
    return f'<p><strong>Legend</strong></p><ul class="sg-legend">{items}</ul>'


def render_comparison(catalog: Catalog, slug: str, base: str) -> str:
    comparison = catalog.comparisons[slug]
    legend = {e.key: e for e in comparison.legend}
    columns = [catalog.libraries[c] for c in comparison.columns]
    headers = ["Requirement", *(lib.name for lib in columns)]
    rows = []
    for row in comparison.rows:
        cells = [esc(row.label)]
        for lib in columns:
            cell = row.cells.get(lib.slug)
            if cell is None:
                cells.append('<span class="sg-empty">n/a</span>')
                continue
            mark = ""
            if cell.rating:
                entry = legend[cell.rating]
                mark = (
                    f'<span class="sg-rating sg-rating--{attr(entry.key)}" '
                    f'title="{attr(entry.label)}">{esc(entry.symbol)}</span> '
                )
            note = source_note(cell.source, cell.verified) if cell.source and cell.verified else ""
            cells.append(f"{mark}{esc(cell.text)} {note}".rstrip())
        rows.append(cells)
    head_links = " · ".join(library_link(base, lib) for lib in columns)
    out = [
        f'<div class="sg-comparison" id="comparison-{attr(slug)}">',
        f"<p>{esc(comparison.summary)} Libraries: {head_links}.</p>",
        _sortable(table(headers, rows, caption=comparison.title), len(rows)),
        render_legend(comparison),
        bullet_list(comparison.notes, "sg-notes"),
        changes_note(comparison.changes),
        "</div>",
    ]
    return "".join(out)


RowAttributes = Callable[[Library], str]


def render_category_table(
    catalog: Catalog,
    category: str,
    base: str,
    today: date,
    row_attributes: RowAttributes | None = None,
) -> str:
    libraries = catalog.libraries_in(category)
    rows = [
        [
            library_link(base, lib),
            text(lib.summary),
            status_badge(lib, today),
            esc(lib.recommended_version or "n/a"),
            esc(lib.latest_release.date.isoformat() if lib.latest_release else "n/a"),
        ]
        for lib in libraries
    ]
    headers = ["Library", "Summary", "Status", "Recommended version", "Newest release"]
    attributes = [row_attributes(lib) for lib in libraries] if row_attributes else []
    return _sortable(table(headers, rows, row_attributes=attributes), len(rows))


def render_library_index(
    catalog: Catalog, base: str, today: date, row_attributes: RowAttributes | None = None
) -> str:
    rows = []
    for lib in catalog.libraries.values():
        category = catalog.categories[lib.category]
        rows.append(
            [
                library_link(base, lib),
                link(relative(base, category_url(category.slug)), category.name),
                status_badge(lib, today),
                esc(lib.recommended_version or "n/a"),
                esc(lib.verified.isoformat()),
            ]
        )
    headers = ["Library", "Category", "Status", "Recommended version", "Last verified"]
    libraries = catalog.libraries.values()
    attributes = [row_attributes(lib) for lib in libraries] if row_attributes else []
    return _sortable(table(headers, rows, row_attributes=attributes), len(rows))


def render_category_index(catalog: Catalog, base: str) -> str:
    rows = [
        [
            link(relative(base, category_url(c.slug)), c.name),
            esc(c.summary),
            esc(len(catalog.libraries_in(c.slug))),
        ]
        for c in catalog.categories.values()
    ]
    return _sortable(table(["Category", "What it covers", "Libraries"], rows), len(rows))


def render_use_cases(catalog: Catalog, base: str) -> str:
    out = []
    groups: dict[str, list] = {}
    for use_case in catalog.use_cases.values():
        groups.setdefault(use_case.group, []).append(use_case)
    for group, cases in groups.items():
        out.append(f"<h2>{esc(group)}</h2>")
        for case in cases:
            choice = catalog.libraries[case.choice]
            alternative = (
                f"<p><strong>Alternative:</strong> {esc(case.alternative)}</p>"
                if case.alternative
                else ""
            )
            out.append(
                f'<section class="sg-use-case" id="{attr(case.id)}">'
                f"<h3>{esc(case.title)}</h3>"
                f"<p><strong>Choice:</strong> {library_link(base, choice)}</p>"
                f"{bullet_list(case.reasons)}{alternative}</section>"
            )
    return "".join(out)


def render_stacks(catalog: Catalog, base: str) -> str:
    out = []
    for stack in catalog.stacks.values():
        rows = []
        for role, slugs in stack.parts.items():
            picks = " or ".join(library_link(base, catalog.libraries[s]) for s in slugs)
            rows.append([esc(role.replace("_", " ").capitalize()), picks])
        out.append(
            f'<section class="sg-stack" id="{attr(stack.slug)}">'
            f"<h2>{esc(stack.name)}</h2><p>{esc(stack.summary)}</p>"
            f"{follow_links(base, stack_feed(stack.slug), stack.name, stack_opml(stack.slug))}"
            f"<p><strong>Best for:</strong></p>{bullet_list(stack.best_for)}"
            f"{table(['Part', 'Choice'], rows)}{render_stack_status(catalog, stack)}"
            f"{bullet_list(stack.notes, 'sg-notes')}</section>"
        )
    return "".join(out)


def pyproject_dependencies(catalog: Catalog) -> str:
    """The recommended pyproject.toml, built from the version data (never typed twice)."""
    lines = [
        "[project]",
        'name = "my-service"',
        'version = "0.1.0"',
        f'requires-python = ">={catalog.versions.python}"',
    ]
    groups: list[str] = []
    for group in catalog.versions.groups:
        specs = []
        for pin in group.libraries:
            lib = catalog.libraries[pin.slug]
            extras = pin.extras if pin.extras is not None else lib.extras
            specs.append(
                requirement(
                    {"package": lib.package, "extras": extras, "version": lib.recommended_version}
                )
            )
        if group.name == "dependencies":
            lines += toml_array("dependencies", specs)
        else:
            groups += toml_array(group.name, specs)
    if groups:
        lines += ["", "[dependency-groups]", *groups]
    return "\n".join(lines) + "\n"


def render_versions(catalog: Catalog, base: str, today: date) -> str:
    rows = []
    for group in catalog.versions.groups:
        for pin in group.libraries:
            lib = catalog.libraries[pin.slug]
            release = lib.latest_release
            rows.append(
                [
                    library_link(base, lib),
                    f"<code>{esc(lib.package)}</code>",
                    esc(lib.recommended_version),
                    esc(f"{release.version} ({release.date.isoformat()})" if release else "n/a"),
                    esc(group.title),
                    status_badge(lib, today),
                ]
            )
    headers = ["Library", "Package", "Recommended", "Newest release", "Group", "Status"]
    return _sortable(table(headers, rows), len(rows))


def render_seed_pins(catalog: Catalog) -> str:
    rows = [[f"<code>{esc(p.package)}</code>", esc(p.pin)] for p in catalog.versions.seed_pins]
    return table(["Package", "Source guide pin (early 2024)"], rows)


def pyproject_markdown(catalog: Catalog) -> str:
    return code_block(pyproject_dependencies(catalog), "toml")
