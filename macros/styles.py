"""Stylesheets written into every page's ``<head>`` instead of linked: Material's palette
stylesheet and the guide's ``docs/assets/css/guide.css``; and the selector's
``docs/assets/css/selector.css``, written into the content of the pages that show it (so
instant navigation brings it in with the page).

A linked stylesheet blocks the first paint until it has arrived; these two are small (about
3.5 KB gzipped together), so a page waits for Material's main stylesheet alone. The template
(``overrides/main.html``) pipes Material's own styles block through ``inline_palette`` and
writes ``guide_css`` after it, where ``extra_css`` would have linked it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.render import PREWRAPPED

GUIDE_CSS = "assets/css/guide.css"
SELECTOR_CSS = "assets/css/selector.css"
PALETTE_LINK = re.compile(
    r'<link rel="stylesheet" href="[^"]*(assets/stylesheets/palette\.[0-9a-f]+\.min\.css)">'
)


# A string, a comment, a run of whitespace, or anything else up to the next of those.
CSS_TOKEN = re.compile(
    r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(/\*.*?\*/)|(\s+)|([^"'/\s]+|/)""", re.S
)
# Whitespace after these means nothing; before the first four neither.
TIGHT_AFTER = "{};,:>"
TIGHT_BEFORE = "{};,>"


def compact_css(css: str) -> str:
    """``css`` without its comments and the whitespace that means nothing, strings untouched.

    Written into every page, the sources' comments and indentation are bytes each page sends
    again; the selector page's HTML then needed a second round trip before its first paint.
    """
    tokens: list[tuple[str, str]] = []  # (kind, text): "string", "space" or "other"
    for string, comment, space, other in CSS_TOKEN.findall(css):
        if comment:
            continue
        kind, text = ("string", string) if string else ("space", " ") if space else ("other", other)
        if kind == "space" and tokens and tokens[-1][0] == "space":
            continue
        tokens.append((kind, text))
    out: list[str] = []
    for at, (kind, text) in enumerate(tokens):
        if kind == "space":
            following = tokens[at + 1][1] if at + 1 < len(tokens) else "{"
            if out and out[-1][-1] not in TIGHT_AFTER and following[0] not in TIGHT_BEFORE:
                out.append(" ")
            continue
        if kind == "other":
            text = text.replace(";}", "}")
            if text.startswith("}") and out and out[-1].endswith(";"):
                out[-1] = out[-1][:-1]
        out.append(text)
    return "".join(out)


def style_element(css: str, source: str) -> Markup:
    if "</style" in css.lower():
        raise PluginError(f"{source} holds '</style': it cannot be written into a page")
    return Markup(f"<style>{compact_css(css)}</style>")


def _theme_file(config: MkDocsConfig, path: str) -> Path:
    for folder in config.theme.dirs:
        candidate = Path(folder) / path
        if candidate.is_file():
            return candidate
    raise PluginError(f"the theme has no {path}")


COLOR_ATTRIBUTE = re.compile(r"\[data-md-color-(primary|accent)=([\w-]+)\]")


def _split_top(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def _used_selector(selector: str, colors: set[str]) -> bool:
    return all(value in colors for _, value in COLOR_ATTRIBUTE.findall(selector))


def _rules(css: str, choose: Callable[[str], str | None]) -> str:
    """``css`` with each rule's selectors passed through ``choose`` (``None`` drops one), rules
    left without a selector dropped, inside at-rules as well."""
    out, at = [], 0
    while at < len(css):
        brace = css.find("{", at)
        if brace < 0:
            out.append(css[at:])
            break
        prelude = css[at:brace]
        depth, end = 1, brace + 1
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[brace + 1 : end - 1]
        if prelude.lstrip().startswith("@"):
            inner = _rules(body, choose) if "{" in body else body
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        else:
            kept = [c for c in map(choose, _split_top(prelude, ",")) if c is not None]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
        at = end
    return "".join(out)


def only_colors(css: str, colors: set[str]) -> str:
    """Material's palette stylesheet without the rules for the colours the site does not use.

    The stylesheet holds every primary and accent colour Material offers (about 20 of each);
    a page that carries it written in pays for all of them in bytes and in style matching.
    """
    return _rules(css, lambda selector: selector if _used_selector(selector, colors) else None)


UNCLASSED_TABLE = "table:not([class])"


def renamed_rules(css: str, old: str, new: str) -> str:
    """The rules of ``css`` whose selectors hold ``old``, with ``old`` replaced by ``new``
    (selectors without it dropped), in their at-rules."""

    def choose(selector: str) -> str | None:
        return selector.replace(old, new) if old in selector else None

    # Statements (@charset) and at-rules that hold declarations, not rules (@font-face), have
    # nothing to do with selectors.
    kept = _rules(re.sub(r"@[\w-]+[^{};]*;", "", css), choose)
    return re.sub(r"@(?!media|supports)[\w-]+[^{}]*\{[^{}]*\}", "", kept)


def prewrapped_table_rules(css: str) -> str:
    """Material's rules for ``table:not([class])``, for the tables the build wraps itself
    (``macros.render.PREWRAPPED``), which carry a class so that Material does not wrap them
    again."""
    return renamed_rules(css, UNCLASSED_TABLE, f"table.{PREWRAPPED}")


def material_stylesheet(config: MkDocsConfig) -> Path:
    """The theme's main stylesheet, ``assets/stylesheets/main.<hash>.min.css``."""
    found = sorted(
        path
        for folder in config.theme.dirs
        for path in (Path(folder) / "assets" / "stylesheets").glob("main.*.min.css")
    )
    if not found:
        raise PluginError("the theme has no assets/stylesheets/main.*.min.css")
    return found[0]


def table_css(config: MkDocsConfig) -> Markup:
    """``prewrapped_table_rules`` of Material's main stylesheet, as a ``<style>`` element."""
    stylesheet = material_stylesheet(config)
    css = prewrapped_table_rules(stylesheet.read_text("utf-8"))
    if f"table.{PREWRAPPED}" not in css:
        raise PluginError(f"Material's stylesheet has no rules for {UNCLASSED_TABLE} any more")
    return style_element(css, stylesheet.name)


def palette_colors(config: MkDocsConfig) -> set[str]:
    """The primary and accent colours of the theme's palettes, as Material names them in CSS."""
    palettes = config.theme.get("palette") or []
    if isinstance(palettes, dict):
        palettes = [palettes]
    colors = {"indigo"}  # Material's default for both
    for option in palettes:
        for key in ("primary", "accent"):
            colors.add(str(option.get(key) or "indigo").replace(" ", "-"))
    return colors


def palette_inliner(config: MkDocsConfig):
    """A template filter: Material's styles block with the palette stylesheet written in, only
    the colours the site's palettes use."""
    colors = palette_colors(config)
    # Every page writes in the same stylesheet: trimmed once per build (the filter is made in
    # on_env), not once per page, which at 1,000 libraries was a third of the build.
    written: dict[str, str] = {}

    def inline_palette(styles: str) -> Markup:
        def replace(match: re.Match[str]) -> str:
            path = match.group(1)
            if path not in written:
                css = only_colors(_theme_file(config, path).read_text("utf-8"), colors)
                written[path] = style_element(css, path)
            return written[path]

        return Markup(PALETTE_LINK.sub(replace, str(styles)))

    return inline_palette


def guide_css(config: MkDocsConfig, name: str = GUIDE_CSS) -> Markup:
    """The guide's stylesheet (or another of ``docs/``) as a ``<style>`` element."""
    path = Path(config.docs_dir) / name
    return style_element(path.read_text("utf-8"), f"docs/{name}")
