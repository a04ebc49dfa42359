"""Libraries side by side: the ``compare/`` page and the pre-built comparison of each library
with its alternatives (``compare/<slug>/``).

``ROWS`` is the one list of what a comparison shows. The pre-built pages render it here from
the records of ``api/v1/libraries/<slug>.json`` (``macros.export.library_record``); the
``compare/`` page hands it to ``docs/assets/js/compare.js`` in a data attribute, and the script
renders the same rows from the same JSON for any two to four libraries the reader picks. A row
whose values differ between the libraries is marked, in words as well as by colour.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, per_record
from macros.export import API_ROOT, library_record
from macros.facts import ASYNC_LABELS
from macros.render import (
    TABLE_OPEN,
    attr,
    category_url,
    esc,
    front_matter,
    library_url,
    link,
    md_heading,
    relative,
)
from macros.tables import STATUS_LABELS

PAGE = "compare/"
SCRIPT = "assets/js/compare.js"
MAX_LIBRARIES = 4
MISSING = "n/a"
DIFFERS = "differs"
NOTHING_CHOSEN = f"Choose two to {MAX_LIBRARIES} libraries to compare."

# (record key, row label, how the value is shown); compare.js knows the same kinds.
ROWS: list[tuple[str, str, str]] = [
    ("category", "Category", "category"),
    ("status", "Status", "status"),
    ("license", "Licence", "text"),
    ("requires_python", "Requires Python", "text"),
    ("python_versions", "Python versions (classifiers)", "list"),
    ("typed", "Typed (PEP 561)", "bool"),
    ("async_support", "Async support", "async"),
    ("framework", "Framework", "slug"),
    ("recommended_version", "Recommended version", "text"),
    ("latest_release", "Newest release", "release"),
    ("first_release", "First release", "text"),
    ("releases_last_12_months", "Releases in the last 12 months", "text"),
    ("best_for", "Best for", "texts"),
    ("pros", "Pros", "texts"),
    ("cons", "Cons", "texts"),
    ("alternatives", "Alternatives", "slugs"),
    ("appears_in", "In the guide's stacks and use cases", "appears"),
    ("sources", "Sources", "sources"),
    ("verified", "Last verified", "text"),
]


def prebuilt_slugs(catalog: Catalog, slug: str) -> list[str]:
    """A library and the first of its alternatives, as many as fit in one comparison."""
    return [slug, *catalog.libraries[slug].alternatives][:MAX_LIBRARIES]


@declares_outputs
def prebuilt_outputs(catalog: Catalog) -> Iterator[Output]:
    records = [
        (slug, catalog.source_of("library", slug), "slug")
        for slug, library in catalog.libraries.items()
        if library.alternatives
    ]
    what = "the pre-built comparison of library '{}'"
    yield from per_record(PAGE + "{}.md", "library slug", what, records)


def prebuilt_url(slug: str) -> str:
    return f"{PAGE}{slug}/"


def compare_href(base: str, slugs: Sequence[str]) -> str:
    return relative(base, PAGE) + "?libs=" + ",".join(slugs)


def names_phrase(catalog: Catalog, slugs: Sequence[str]) -> str:
    names = [catalog.libraries[s].name for s in slugs]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def compare_title(catalog: Catalog, slugs: Sequence[str]) -> str:
    return f"{catalog.libraries[slugs[0]].name} compared with {names_phrase(catalog, slugs[1:])}"


def _shown(record: dict[str, Any]) -> dict[str, str]:
    """What each row shows of one record, as JSON text, so equal values compare equal."""
    out = {}
    for key, _, _ in ROWS:
        shown = [record[key], record["possibly_unmaintained"]] if key == "status" else record[key]
        out[key] = json.dumps(shown, sort_keys=True)
    return out


def shown_values(catalog: Catalog, slug: str, today: date) -> dict[str, str]:
    """``_shown`` of a library's record, once per build: a library is in several comparisons."""
    return catalog.memo(
        ("compare_shown", slug, today), lambda: _shown(library_record(catalog, slug, today))
    )


def differs(key: str, shown: Sequence[dict[str, str]]) -> bool:
    """Whether the libraries (their ``shown_values``) show different values in a row."""
    return len({values[key] for values in shown}) > 1


def _items(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else MISSING


def _source(url: str, verified: str = "") -> str:
    when = f", verified {esc(verified)}" if verified else ""
    note = f'(<a href="{attr(url)}" rel="noopener">source</a>{when})'
    return f'<small class="sg-source">{note}</small>'


def _claim(item: Any) -> str:
    if isinstance(item, dict):
        return f"{esc(item['text'])} {_source(item['source'], item['verified'])}"
    return esc(item)


def _library_link(catalog: Catalog, slug: str, base: str) -> str:
    return link(relative(base, library_url(slug)), catalog.libraries[slug].name)


def _appearances(value: dict[str, list[dict[str, Any]]], base: str) -> list[str]:
    out = []
    for stack in value["stacks"]:
        href = relative(base, "stacks/#" + stack["slug"])
        roles = ", ".join(role.replace("_", " ") for role in stack["roles"])
        out.append(f"Stack: {link(href, stack['name'])} ({esc(roles)})")
    for case in value["use_cases"]:
        href = relative(base, "choosing/use-cases/#" + case["id"])
        out.append(f"Use case: {link(href, case['title'])}")
    return out


def _cell(catalog: Catalog, kind: str, record: dict[str, Any], key: str, base: str) -> str:
    value = record[key]
    if kind == "status":
        label = esc(STATUS_LABELS[value])
        return label + ("; possibly unmaintained" if record["possibly_unmaintained"] else "")
    if value is None:
        return MISSING
    if kind == "bool":
        return "Yes" if value else "Not declared"
    if kind == "list":
        return esc(", ".join(value)) if value else "none declared"
    if kind == "async":
        return f"{esc(ASYNC_LABELS[value])} {_source(record['async_support_source'])}"
    if kind == "release":
        return esc(f"{value['version']} ({value['date']})")
    if kind == "category":
        return link(relative(base, category_url(value)), catalog.categories[value].name)
    if kind == "slug":
        return _library_link(catalog, value, base)
    if kind == "slugs":
        return _items([_library_link(catalog, slug, base) for slug in value])
    if kind == "texts":
        return _items([_claim(item) for item in value])
    if kind == "sources":
        return _items(
            [f"{link(s['url'], s['title'], external=True)} ({esc(s['verified'])})" for s in value]
        )
    if kind == "appears":
        return _items(_appearances(value, base))
    return esc(value)


def render_compare_table(catalog: Catalog, slugs: Sequence[str], base: str, today: date) -> str:
    records = [library_record(catalog, slug, today) for slug in slugs]
    shown = [shown_values(catalog, slug, today) for slug in slugs]
    head = "".join(
        f'<th scope="col">{_library_link(catalog, r["slug"], base)}</th>' for r in records
    )
    body = []
    for key, label, kind in ROWS:
        marked = differs(key, shown)
        row_class = ' class="sg-differs"' if marked else ""
        mark = f' <span class="sg-differs-mark">{DIFFERS}</span>' if marked else ""
        cells = "".join(f"<td>{_cell(catalog, kind, r, key, base)}</td>" for r in records)
        body.append(f'<tr{row_class}><th scope="row">{esc(label)}{mark}</th>{cells}</tr>')
    caption = esc(compare_title(catalog, list(slugs)))
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table sg-compare-table">'
        f'{TABLE_OPEN}<caption>{caption}</caption><thead><tr><th scope="col">Fact</th>{head}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table></div></div>"
    )


def render_prebuilt_page(catalog: Catalog, slug: str, today: date) -> str:
    """The static comparison of one library with its alternatives, as Markdown source."""
    slugs = prebuilt_slugs(catalog, slug)
    base = prebuilt_url(slug)
    title = compare_title(catalog, slugs)
    # Out of the site search: every fact here is on the libraries' own pages already.
    meta = {
        "title": title,
        "description": esc(title),
        "render_macros": False,
        "search": {"exclude": True},
    }
    front = front_matter(meta)
    back = _library_link(catalog, slug, base)
    change = f'<a href="{attr(compare_href(base, slugs))}">choose other libraries</a>'
    return (
        f"{front}# {md_heading(title)}\n\n"
        f"<p>Facts, pros, cons and sources side by side; rows marked “{DIFFERS}” are where "
        f"they differ. Back to {back}, or {change} to compare.</p>\n\n"
        f"{render_compare_table(catalog, slugs, base, today)}\n"
    )


def prebuilt_list(catalog: Catalog, base: str) -> str:
    """Links to every pre-built comparison: how readers without JavaScript, and search
    engines, reach them."""
    items = []
    for slug, library in catalog.libraries.items():
        if library.alternatives:
            title = compare_title(catalog, prebuilt_slugs(catalog, slug))
            items.append(f"<li>{link(relative(base, prebuilt_url(slug)), title)}</li>")
    return f'<ul class="sg-compare-list">{"".join(items)}</ul>'


def _picker(catalog: Catalog) -> str:
    """The four pickers, each with "None" only, and their libraries once, in a ``<template>``
    that compare.js copies into them after load: four lists of every library, laid out from
    the first paint, would have Chromium style some 1,000 more elements while the page loads,
    and again when Material's script restyles the page."""
    options = "".join(
        f'<option value="{attr(lib.slug)}">{esc(lib.name)}</option>'
        for lib in sorted(catalog.libraries.values(), key=lambda lib: lib.name.lower())
    )
    picks = "".join(
        f'<div class="sg-filter"><label for="compare-{i}">Library {i}</label>'
        f'<select id="compare-{i}" name="lib"><option value="">None</option></select>'
        "</div>"
        for i in range(1, MAX_LIBRARIES + 1)
    )
    only = (
        '<label class="sg-compare-only"><input type="checkbox" id="compare-only-differences"> '
        "Only rows that differ</label>"
    )
    return (
        f'<template id="compare-options">{options}</template>'
        # Laid out from the first paint, as the filter forms are (guide.css keeps it unseen under
        # Material's no-js class), so what follows does not move when compare.js binds it.
        '<form class="sg-filters sg-compare-form" aria-label="Libraries to compare">'
        f"{picks}{only}</form>"
    )


def compare_config(catalog: Catalog) -> str:
    """What compare.js needs besides the library JSON: the rows and the labels of values."""
    config = {
        "rows": ROWS,
        "status": STATUS_LABELS,
        "async": ASYNC_LABELS,
        "categories": {slug: c.name for slug, c in catalog.categories.items()},
        "max": MAX_LIBRARIES,
        "missing": MISSING,
        "differs": DIFFERS,
        "nothing": NOTHING_CHOSEN,
    }
    return json.dumps(config, sort_keys=True, separators=(",", ":"))


# Run while the page is parsed, before its first paint: an address naming two libraries the
# pickers know (a shared link) gets a comparison in a moment, so its place is held from the start
# and what follows does not jump down when it arrives (compare.js lets go once the table fills
# it).
RESERVE_SCRIPT = (
    "<script>(function(){"
    'var libs=new URLSearchParams(location.search).get("libs"),known={},found=[];'
    "if(!libs)return;"
    'Array.prototype.forEach.call(document.getElementById("compare-options").content.children,'
    "function(option){if(option.value)known[option.value]=true});"
    'libs.split(",").forEach(function(slug){slug=slug.trim();'
    "if(known[slug]===true&&found.indexOf(slug)<0)found.push(slug)});"
    'if(found.length>1)document.getElementById("compare-result").classList.add("sg-compare-pending")'
    "})()</script>"
)


def render_compare_tool(catalog: Catalog, base: str) -> str:
    """The interactive part of ``compare/``: the form and the status of a page without a
    choice, which compare.js takes over; both unseen until Material's script ran."""
    root = relative(base, "")
    return (
        f'<div class="sg-compare" data-root="{attr(root)}" data-api="{attr(root + API_ROOT)}/" '
        f'data-config="{attr(compare_config(catalog))}">'
        f"{_picker(catalog)}"
        '<p id="compare-notice" class="sg-notice" role="status" hidden></p>'
        f'<p id="compare-status" class="sg-filter-count" role="status">{esc(NOTHING_CHOSEN)}</p>'
        f'<div id="compare-result"></div>{RESERVE_SCRIPT}'
        f'<script src="{attr(relative(base, SCRIPT))}" async></script></div>'
    )
