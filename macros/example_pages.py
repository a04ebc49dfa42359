"""One page per code example (``examples/<id>/``): its summary, the libraries it uses and its
code, from ``data/examples.yaml`` and ``data/examples/``.

Library and category pages list their examples with a link here instead of carrying the code:
a highlighted example is hundreds of elements, and one example is shown on several pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, per_record
from macros.models import Example
from macros.render import (
    changes_note,
    code_block,
    esc,
    library_link,
    link,
    md_heading,
    relative,
)


def example_url(example_id: str) -> str:
    return f"examples/{example_id}/"


@declares_outputs
def example_outputs(catalog: Catalog) -> Iterator[Output]:
    source = catalog.source_of("examples")
    records = [(e, source, f"examples[{i}].id") for i, e in enumerate(catalog.examples)]
    yield from per_record("examples/{}.md", "example id", "the page of example '{}'", records)


def render_example_page(catalog: Catalog, example_id: str, front_matter: str) -> str:
    example = catalog.examples[example_id]
    base = example_url(example_id)
    libraries = ", ".join(library_link(base, catalog.libraries[s]) for s in example.libraries)
    return (
        f"{front_matter}# {md_heading(example.title)}\n\n<p>{esc(example.summary)}</p>\n\n"
        f"<p>Libraries: {libraries}.</p>\n\n"
        f"{code_block(catalog.example_code[example_id], example.language)}\n\n"
        f"{changes_note(example.changes)}\n"
    )


def example_list(examples: Iterable[Example], base: str) -> str:
    """The examples as links to their pages, each with its summary."""
    items = [
        f"<li>{link(relative(base, example_url(e.id)), e.title)}: {esc(e.summary)}</li>"
        for e in examples
    ]
    return f'<ul class="sg-examples">{"".join(items)}</ul>' if items else ""
