"""Empty sitemaps in the feed folders (``feeds/sitemap.xml``, ``feeds/libraries/sitemap.xml``,
and so on).

Material's instant navigation takes every ``<link rel="alternate">`` of a page for another
language version of the site and fetches ``sitemap.xml`` beside it. The pages' Atom feed
links are such links; without a file there each page logs a 404 in the console, which
browsers' audits count against the page. An empty ``urlset`` answers and maps no page.
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed

FEED_FOLDERS = ("feeds", "feeds/libraries", "feeds/stack", "feeds/stacks")
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def probe_paths() -> list[str]:
    return [f"{folder}/sitemap.xml" for folder in FEED_FOLDERS]


@declares_outputs
def probe_outputs(catalog: Catalog) -> Iterable[Output]:
    return fixed(probe_paths(), "macros/sitemap_probes.py", "the empty sitemap")
