"""HTML building blocks shared by every generated table and page.

Text from ``data/`` only ever reaches a page through ``esc`` (element text) or ``attr``
(attribute values), and never through Markdown: generated blocks are raw HTML without blank
lines, which Python-Markdown passes through untouched, so a contributor's ``[x](javascript:)``,
``<script>`` or ``{{ jinja }}`` stays inert text. URLs come only from fields already validated
as https, or from the site's own page paths.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Sequence
from datetime import date

import yaml

from macros.models import Change, Claim, Library, Source

Text = str | Claim


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def attr(value: object) -> str:
    return html.escape(str(value), quote=True)


# LibYAML's emitter where PyYAML has it: the pure-Python one was a tenth of the time spent
# writing the generated pages.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, object]) -> str:
    """A generated page's front matter, written by a YAML emitter, so no text from the data
    can end a string early."""
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, width=10_000) + "---\n\n"


def page_url(src_uri: str) -> str:
    """The site URL (directory style, relative to the site root) of a Markdown source file."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page URL to another (both relative to the site root)."""
    to_path, _, anchor = to_url.partition("#")
    start = from_url.rstrip("/") or "."
    rel = posixpath.relpath(to_path.rstrip("/") or ".", start)
    if to_path.endswith("/") or not to_path:
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


# The characters Python-Markdown accepts a backslash escape for (markdown.Markdown.ESCAPED_CHARS).
MARKDOWN_PUNCTUATION = set("\\`*_{}[]()>#+-.!")


def md_heading(value: object) -> str:
    """Text for a Markdown heading: HTML-escaped, Markdown punctuation backslash-escaped, so
    no link, emphasis or ``{: attribute}`` list can form from it."""
    out = []
    for char in html.escape(str(value).replace("\n", " "), quote=True):
        out.append(f"\\{char}" if char in MARKDOWN_PUNCTUATION else char)
    return "".join(out)


def link(href: str, label: str, *, external: bool = False, cls: str = "") -> str:
    extra = ' rel="noopener"' if external else ""
    klass = f' class="{attr(cls)}"' if cls else ""
    return f'<a href="{attr(href)}"{klass}{extra}>{esc(label)}</a>'


def text(item: Text) -> str:
    """A sentence; a claim gets its source and verification date beside it."""
    if isinstance(item, Claim):
        return f"{esc(item.text)} {source_note(item.source, item.verified)}"
    return esc(item)


def source_note(url: str, verified: date) -> str:
    return (
        f'<small class="sg-source">(<a href="{attr(url)}" rel="noopener">source</a>, '
        f"verified {verified.isoformat()})</small>"
    )


def bullet_list(items: Iterable[Text], cls: str = "") -> str:
    klass = f' class="{attr(cls)}"' if cls else ""
    rows = "".join(f"<li>{text(item)}</li>" for item in items)
    return f"<ul{klass}>{rows}</ul>" if rows else ""


def paragraph(item: Text, cls: str = "") -> str:
    klass = f' class="{attr(cls)}"' if cls else ""
    return f"<p{klass}>{text(item)}</p>"


# Tables the build wraps itself in Material's scroll wrapper carry this class: Material's script
# wraps every ``table:not([class])`` again once the page has loaded, moving the table, which
# restyles and lays out all of it in that task. ``macros.styles.table_css`` gives them the
# styles Material keeps for ``table:not([class])``.
PREWRAPPED = "sg-data-table"
TABLE_OPEN = f'<table class="{PREWRAPPED}">'
SORTABLE_TABLE_OPEN = f'<table class="{PREWRAPPED}" data-sortable="true">'


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    caption: str = "",
    row_attributes: Sequence[str] = (),
) -> str:
    """A table of pre-rendered HTML cells; headers are plain text. ``row_attributes`` are
    pre-rendered attributes for each ``<tr>`` (``macros.filters``)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    rows = list(rows)
    extra = list(row_attributes) or [""] * len(rows)
    body = "".join(
        f"<tr{extra[i]}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
        for i, row in enumerate(rows)
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        f"{TABLE_OPEN}{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</div></div>"
    )


def admonition(kind: str, title: str, body: str) -> str:
    return (
        f'<div class="admonition {attr(kind)}"><p class="admonition-title">{esc(title)}</p>'
        f"{body}</div>"
    )


def changes_note(changes: Sequence[Change], subject: str = "") -> str:
    """The open record of advice that differs from the source guides."""
    if not changes:
        return ""
    items = []
    for change in changes:
        items.append(
            "<li>"
            f"<p><strong>Was:</strong> {esc(change.was)}</p>"
            f"<p><strong>Now:</strong> {esc(change.now)}</p>"
            f"<p><strong>Why:</strong> {esc(change.why)} "
            f"{source_note(change.source, change.verified)}</p>"
            "</li>"
        )
    title = f"Changed since the source guide{': ' + subject if subject else ''}"
    return admonition("note sg-changed", title, f'<ul class="sg-changes">{"".join(items)}</ul>')


def sources_list(sources: Sequence[Source]) -> str:
    items = "".join(
        f"<li>{link(s.url, s.title, external=True)} (verified {s.verified.isoformat()})</li>"
        for s in sources
    )
    return f'<ul class="sg-sources">{items}</ul>'


STACKS_PAGE = "stacks/"
USE_CASES_PAGE = "choosing/use-cases/"
VERSIONS_PAGE = "versions/"
# The page each comparison is shown on.
COMPARISON_PAGES = {
    "quick-selection": "choosing/quick-selection/",
    "async-frameworks": "stack/async-frameworks/",
    "performance": "choosing/performance/",
}
ALL_FEED = "feeds/all.xml"


def library_feed(slug: str) -> str:
    return f"feeds/libraries/{slug}.xml"


def category_feed(slug: str) -> str:
    return f"feeds/stack/{slug}.xml"


def stack_feed(slug: str) -> str:
    return f"feeds/stacks/{slug}.xml"


def stack_opml(slug: str) -> str:
    return f"feeds/stacks/{slug}.opml"


def badge_path(slug: str) -> str:
    return f"badges/{slug}.svg"


def library_url(slug: str) -> str:
    return f"libraries/{slug}/"


def category_url(slug: str) -> str:
    return f"stack/{slug}/"


def library_link(base: str, library: Library) -> str:
    return link(relative(base, library_url(library.slug)), library.name)


def code_block(source: str, language: str) -> str:
    """A fenced code block whose fence is longer than any backtick run in the source."""
    longest = run = 0
    for char in source:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{source.rstrip()}\n{fence}"


def follow_links(
    base: str, feed: str, subject: str, opml: str = "", *, label: str = "Follow:"
) -> str:
    """The visible "Follow" line of a page: its Atom feed and, for a stack, its feed list."""
    links = [
        f'<a href="{attr(relative(base, feed))}" type="application/atom+xml">'
        f"Atom feed of {esc(subject)}</a>"
    ]
    if opml:
        links.append(
            f'<a href="{attr(relative(base, opml))}" type="text/x-opml" download>'
            "Follow this stack: feed list (OPML) of its libraries</a>"
        )
    lead = f"<strong>{esc(label)}</strong> " if label else ""
    return f'<p class="sg-follow">{lead}{" · ".join(links)}</p>'
