"""The generated pages: one per library (``libraries/<slug>.md``) and one per category
(``stack/<slug>.md``), as Markdown source handed to MkDocs by the build hook.

Headings are Markdown (so they reach the table of contents); everything else is HTML from
``macros.render``, so text from the data is escaped and never parsed as Markdown. Pages
switch off macro rendering in their front matter: data text is not a template.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from macros.badges import badge_section
from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, per_record
from macros.compare import compare_href, names_phrase, prebuilt_slugs
from macros.example_pages import example_list, render_example_page
from macros.facts import ASYNC_LABELS, library_facts
from macros.feeds import Site
from macros.filters import filterable, row_attributes
from macros.models import Library, LibraryGroup
from macros.render import (
    COMPARISON_PAGES,
    STACKS_PAGE,
    USE_CASES_PAGE,
    bullet_list,
    category_feed,
    category_url,
    changes_note,
    esc,
    follow_links,
    front_matter,
    library_feed,
    library_link,
    library_url,
    link,
    md_heading,
    paragraph,
    relative,
    source_note,
    sources_list,
    table,
    text,
)
from macros.tables import render_category_table, render_comparison, status_badge


@declares_outputs
def page_outputs(catalog: Catalog) -> Iterator[Output]:
    libraries = [(s, catalog.source_of("library", s), "slug") for s in catalog.libraries]
    yield from per_record("libraries/{}.md", "library slug", "the page of library '{}'", libraries)
    source = catalog.source_of("categories")
    categories = [(s, source, f"categories[{i}].slug") for i, s in enumerate(catalog.categories)]
    yield from per_record("stack/{}.md", "category slug", "the page of category '{}'", categories)


def _front_matter(title: str, description: str) -> str:
    # render_macros: false keeps mkdocs-macros from treating data text as a Jinja template.
    # The theme prints the description into a <meta> attribute unescaped, so it is escaped.
    return front_matter({"title": title, "description": esc(description), "render_macros": False})


def _section(heading: str, body: str) -> str:
    return f"## {md_heading(heading)}\n\n{body}\n\n" if body else ""


def _appearances(catalog: Catalog, library: Library, base: str) -> str:
    items = []
    for stack in catalog.stacks.values():
        roles = [role for role, slugs in stack.parts.items() if library.slug in slugs]
        if roles:
            label = ", ".join(r.replace("_", " ") for r in roles)
            href = relative(base, f"{STACKS_PAGE}#{stack.slug}")
            items.append(f"<li>{link(href, stack.name)} as {esc(label)}</li>")
    for case in catalog.use_cases.values():
        if case.choice == library.slug:
            href = relative(base, f"{USE_CASES_PAGE}#{case.id}")
            items.append(f"<li>Use case: {link(href, case.title)}</li>")
    for comparison in catalog.comparisons.values():
        if library.slug in comparison.columns and comparison.slug in COMPARISON_PAGES:
            href = relative(
                base, COMPARISON_PAGES[comparison.slug] + f"#comparison-{comparison.slug}"
            )
            items.append(f"<li>Comparison: {link(href, comparison.title)}</li>")
    for group in catalog.versions.groups:
        if any(pin.slug == library.slug for pin in group.libraries):
            href = relative(base, "versions/")
            items.append(f"<li>Recommended versions: {link(href, group.title)}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _facts(catalog: Catalog, library: Library, base: str, today: date) -> str:
    category = catalog.categories[library.category]
    rows = [
        ["Category", link(relative(base, category_url(category.slug)), category.name)],
        ["Kind", esc(library.kind)],
        ["Status", status_badge(library, today)],
    ]
    if library.install:
        rows.append(["Install", f"<code>{esc(library.install)}</code>"])
    if library.package:
        rows.append(["Package", f"<code>{esc(library.package)}</code>"])
    if library.recommended_version:
        rows.append(["Recommended version", esc(library.recommended_version)])
    if library.latest_release:
        release = library.latest_release
        rows.append(["Newest release", esc(f"{release.version} ({release.date.isoformat()})")])
    rows += _package_rows(library)
    rows += _async_rows(catalog, library, base)
    links = [link(library.links.docs, "Documentation", external=True)]
    if library.links.pypi:
        links.append(link(library.links.pypi, "PyPI", external=True))
    if library.links.repository:
        links.append(link(library.links.repository, "Repository", external=True))
    rows.append(["Links", " · ".join(links)])
    rows.append(["Last verified", esc(library.verified.isoformat())])
    return table(["Fact", "Value"], rows)


def _package_rows(library: Library) -> list[list[str]]:
    facts = library_facts(library)
    if library.package_facts is None:
        return []
    versions = ", ".join(facts.python_versions) or "not declared"
    checked = f" (package index read {facts.package_checked})"
    return [
        ["Licence", esc(facts.license)],
        ["Requires Python", f"<code>{esc(facts.requires_python)}</code>"],
        ["Python versions (classifiers)", esc(versions)],
        ["Typed (PEP 561)", "Yes" if facts.typed else "Not declared"],
        ["First release", esc(facts.first_release or "not known")],
        ["Releases in the last 12 months", esc(f"{facts.releases_last_12_months}{checked}")],
    ]


def _async_rows(catalog: Catalog, library: Library, base: str) -> list[list[str]]:
    rows = []
    if library.async_support:
        support = library.async_support
        label = esc(ASYNC_LABELS[support.level])
        rows.append(["Async support", f"{label} {source_note(support.source, support.verified)}"])
    if library.framework:
        rows.append(["Framework", library_link(base, catalog.libraries[library.framework])])
    return rows


def _examples(catalog: Catalog, slugs: set[str], base: str, *, category: str | None = None) -> str:
    examples = [
        example
        for example in catalog.examples.values()
        if (category and example.category == category) or slugs & set(example.libraries)
    ]
    return example_list(examples, base)


def render_example(catalog: Catalog, example_id: str) -> str:
    """The page of one code example (``macros.example_pages``), with its front matter."""
    example = catalog.examples[example_id]
    return render_example_page(catalog, example_id, _front_matter(example.title, example.summary))


def _follow(library: Library, today: date, site: Site | None) -> str:
    """The feed link and the badge with its snippets; the snippets need the site's URL."""
    if site is None:
        return ""
    base, feed = library_url(library.slug), library_feed(library.slug)
    links = follow_links(base, feed, library.name, label="New releases, advice and status:")
    return _section("Follow", f"{links}\n\n{badge_section(library, today, site.name, site.url)}")


def _alternatives(catalog: Catalog, library: Library, base: str) -> str:
    if not library.alternatives:
        return ""
    items = "".join(
        f"<li>{library_link(base, catalog.libraries[a])}</li>" for a in library.alternatives
    )
    slugs = prebuilt_slugs(catalog, library.slug)
    compare = link(compare_href(base, slugs), f"Compare with {names_phrase(catalog, slugs[1:])}")
    return f'<ul>{items}</ul><p class="sg-compare-link">{compare}</p>'


def render_library_page(
    catalog: Catalog, slug: str, edit_url: str, today: date, *, site: Site | None = None
) -> str:
    library = catalog.libraries[slug]
    base = library_url(slug)
    parts = [
        _front_matter(library.name, str(getattr(library.summary, "text", library.summary))),
        f"# {md_heading(library.name)}\n\n",
        paragraph(library.summary, "sg-summary") + "\n\n",
        _facts(catalog, library, base, today) + "\n\n",
        changes_note(library.changes, library.name) + "\n\n",
        _section("Best for", bullet_list(library.best_for)),
        _section("Pros", bullet_list(library.pros)),
        _section("Cons", bullet_list(library.cons)),
        _section("When to use", bullet_list(library.when_to_use)),
        _section("Typical uses", bullet_list(library.typical_uses)),
        _section("Alternatives", _alternatives(catalog, library, base)),
        _section("Where the guide uses it", _appearances(catalog, library, base)),
        _section("Examples", _examples(catalog, {slug}, base)),
        _follow(library, today, site),
        _section("Sources", sources_list(library.sources)),
        f'<p class="sg-edit">{link(edit_url, "Edit this data", external=True)} '
        f"(last verified {esc(library.verified.isoformat())})</p>\n",
    ]
    return "".join(parts)


def _group(catalog: Catalog, group: LibraryGroup, base: str) -> str:
    members = "".join(
        f"<li>{library_link(base, catalog.libraries[s])}: {text(catalog.libraries[s].summary)}</li>"
        for s in group.libraries
    )
    note = paragraph(group.note) if group.note else ""
    return _section(group.title, f"{note}<ul>{members}</ul>")


def _filtered_table(catalog: Catalog, slug: str, base: str, today: date) -> str:
    attributes = row_attributes(catalog, today)
    table_html = render_category_table(catalog, slug, base, today, attributes)
    return filterable(catalog, catalog.libraries_in(slug), table_html, base)


def render_category_page(catalog: Catalog, slug: str, edit_url: str, today: date) -> str:
    category = catalog.categories[slug]
    base = category_url(slug)
    members = catalog.libraries_in(slug)
    changed = [changes_note(lib.changes, lib.name) for lib in members if lib.category == slug]
    comparisons = [c for c in catalog.comparisons.values() if COMPARISON_PAGES.get(c.slug) == base]
    parts = [
        _front_matter(category.name, category.summary),
        f"# {md_heading(category.name)}\n\n",
        f'<p class="sg-summary">{esc(category.summary)}</p>\n\n',
        follow_links(base, category_feed(slug), category.name) + "\n\n",
        bullet_list(category.intro) + "\n\n" if category.intro else "",
        _section("Libraries", _filtered_table(catalog, slug, base, today)),
        *(_group(catalog, group, base) for group in category.groups),
        *(_section(c.title, render_comparison(catalog, c.slug, base)) for c in comparisons),
        _section("Examples", _examples(catalog, set(), base, category=slug)),
        _section(
            "What changed since the source guide", changes_note(category.changes) + "".join(changed)
        ),
        f'<p class="sg-edit">{link(edit_url, "Edit this data", external=True)}</p>\n',
    ]
    return "".join(parts)


def framework_details(catalog: Catalog, slugs: list[str], base: str) -> str:
    """The source guide's "Detailed Framework Comparison": one block per framework."""
    out = []
    for slug in slugs:
        lib = catalog.libraries[slug]
        out.append(
            f'<section class="sg-framework" id="{esc(slug)}"><h2>{esc(lib.name)}</h2>'
            f"{paragraph(lib.summary)}"
            f"<h3>Best for</h3>{bullet_list(lib.best_for)}"
            f"<h3>Core strengths</h3>{bullet_list(lib.pros)}"
            f"<h3>Typical use cases</h3>{bullet_list(lib.typical_uses or lib.when_to_use)}"
            f"<p>{library_link(base, lib)}: all facts, sources and alternatives.</p></section>"
        )
    return "".join(out)
