"""The attribute filters of the category pages and the all-libraries page.

The build writes each row's facts as ``data-`` attributes and a filter form that starts
``hidden``; ``docs/assets/js/filters.js`` shows the form, hides the rows that do not match and
keeps the choice in the page address (``?async=native&typed=yes``). Without the script the
form stays hidden and every row is shown. The options come from the data: the licence
families, statuses and Python versions that occur.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from macros.catalog import Catalog
from macros.facts import (
    ASYNC_LABELS,
    LICENSE_FAMILY_LABELS,
    library_facts,
    offered_python_versions,
    supports_python,
)
from macros.models import Library
from macros.render import attr, esc, relative
from macros.tables import STATUS_LABELS, possibly_unmaintained

SCRIPT = "assets/js/filters.js"
UNMAINTAINED = "unmaintained"
TYPED_LABELS = {"yes": "Declares typing", "no": "Does not declare typing"}


def row_attributes(catalog: Catalog, today: date) -> Callable[[Library], str]:
    """The facts of a row as ``data-`` attributes, for ``macros.tables``."""
    versions = offered_python_versions(catalog)
    return lambda library: _attributes(library, versions, today)


def _attributes(library: Library, python_versions: Sequence[str], today: date) -> str:
    """An empty value matches no choice: a library without a package is left out when a
    typing or Python version is chosen."""
    facts = library_facts(library)
    typed = "" if facts.typed is None else ("yes" if facts.typed else "no")
    status = [library.status] + ([UNMAINTAINED] if possibly_unmaintained(library, today) else [])
    python = [v for v in python_versions if supports_python(library, v)]
    values = {
        "async": facts.async_support or "",
        "typed": typed,
        "license": facts.license_family or "",
        "status": " ".join(status),
        "python": " ".join(python),
        "category": " ".join([library.category, *library.also_in]),
    }
    return "".join(f' data-{name}="{attr(value)}"' for name, value in values.items())


def _select(name: str, label: str, options: dict[str, str]) -> str:
    choices = "".join(f'<option value="{attr(k)}">{esc(v)}</option>' for k, v in options.items())
    return (
        f'<label for="sg-filter-{attr(name)}">{esc(label)}</label>'
        f'<select id="sg-filter-{attr(name)}" name="{attr(name)}">'
        f'<option value="">Any</option>{choices}</select>'
    )


def _options(catalog: Catalog, members: Sequence[Library], with_category: bool) -> list[str]:
    families = {library_facts(lib).license_family for lib in members}
    statuses = {lib.status for lib in members}
    status_options: dict[str, str] = {k: v for k, v in STATUS_LABELS.items() if k in statuses}
    status_options[UNMAINTAINED] = "Possibly unmaintained"
    versions = offered_python_versions(catalog)
    selects = [
        _select("async", "Async support", ASYNC_LABELS),
        _select("typed", "Typing", TYPED_LABELS),
        _select(
            "license",
            "Licence",
            {k: v for k, v in LICENSE_FAMILY_LABELS.items() if k in families},
        ),
        _select("status", "Status", status_options),
        _select("python", "Installs on Python", {v: v for v in versions}),
    ]
    if with_category:
        names = {slug: category.name for slug, category in catalog.categories.items()}
        selects.append(_select("category", "Category", names))
    return selects


def filterable(
    catalog: Catalog,
    members: Sequence[Library],
    table_html: str,
    base: str,
    *,
    with_category: bool = False,
) -> str:
    """The filter form, the live count and the table it filters, with the page's script."""
    groups = "".join(
        f'<div class="sg-filter">{select}</div>'
        for select in _options(catalog, members, with_category)
    )
    total = len(members)
    form = (
        # Laid out from the first paint (guide.css only makes it unseen under Material's no-js
        # class), so the table below does not shift when the script binds the form.
        '<form class="sg-filters" aria-label="Filter the libraries">'
        f'{groups}<button type="reset" class="md-button">Clear filters</button></form>'
        f'<p class="sg-filter-count" role="status">{total} libraries</p>'
    )
    script = f'<script src="{attr(relative(base, SCRIPT))}" defer></script>'
    return f'<div class="sg-filterable">{form}{table_html}{script}</div>'
