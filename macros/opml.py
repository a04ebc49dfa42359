"""The feed lists: ``feeds/stacks/<stack>.opml`` for every recommended stack, an OPML 2.0
file listing the Atom feed of each library the stack names, which a feed reader imports in one
step ("Follow this stack" on the stacks page).

No date is written (``dateCreated`` is optional), so the file changes only when the data does.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, per_record
from macros.feeds import Site, stack_libraries, stack_records
from macros.render import library_feed, library_url, stack_opml
from macros.xmltext import element, serialise


@declares_outputs
def opml_outputs(catalog: Catalog) -> Iterator[Output]:
    yield from per_record(
        stack_opml("{}"), "stack slug", "the feed list of stack '{}'", stack_records(catalog)
    )


def render_opml(catalog: Catalog, slug: str, site: Site) -> str:
    stack = catalog.stacks[slug]
    root = element(None, "opml", version="2.0")
    head = element(root, "head")
    element(head, "title", f"{stack.name}: {site.name}")
    body = element(root, "body")
    group = element(body, "outline", text=stack.name, title=stack.name)
    for part in stack_libraries(catalog, slug):
        library = catalog.libraries[part]
        element(
            group,
            "outline",
            type="rss",  # the type OPML 2.0 gives every subscription, Atom included
            text=library.name,
            title=library.name,
            xmlUrl=site.absolute(library_feed(part)),
            htmlUrl=site.absolute(library_url(part)),
        )
    return serialise(root)


def opml_files(catalog: Catalog, site: Site) -> dict[str, str]:
    """Site path -> OPML for every recommended stack."""
    return {stack_opml(slug): render_opml(catalog, slug, site) for slug in catalog.stacks}
