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
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

GUIDE_CSS = "assets/css/guide.css"
SELECTOR_CSS = "assets/css/selector.css"
PALETTE_LINK = re.compile(
    r'<link rel="stylesheet" href="[^"]*(assets/stylesheets/palette\.[0-9a-f]+\.min\.css)">'
)


def _style(css: str, source: str) -> Markup:
    if "</style" in css.lower():
        raise PluginError(f"{source} holds '</style': it cannot be written into a page")
    return Markup(f"<style>{css}</style>")


def _theme_file(config: MkDocsConfig, path: str) -> Path:
    for folder in config.theme.dirs:
        candidate = Path(folder) / path
        if candidate.is_file():
            return candidate
    raise PluginError(f"the theme has no {path}")


def palette_inliner(config: MkDocsConfig):
    """A template filter: Material's styles block with the palette stylesheet written in."""

    def inline_palette(styles: str) -> Markup:
        def replace(match: re.Match[str]) -> str:
            path = match.group(1)
            return _style(_theme_file(config, path).read_text("utf-8"), path)

        return Markup(PALETTE_LINK.sub(replace, str(styles)))

    return inline_palette


def guide_css(config: MkDocsConfig, name: str = GUIDE_CSS) -> Markup:
    """The guide's stylesheet (or another of ``docs/``) as a ``<style>`` element."""
    path = Path(config.docs_dir) / name
    return _style(path.read_text("utf-8"), f"docs/{name}")
