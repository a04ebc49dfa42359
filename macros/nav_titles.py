"""The titles of the navigation and the table of contents, without Material's ellipsis watcher.

Material wraps every title of the navigation and the table of contents in
``<span class="md-ellipsis">``, and its start-up (the ellipsis patch) watches each such element
for visibility, to give the ones whose text overflows a tooltip: about 45 watchers on each of
the guide's pages, every one of them matched against every visibility change. These titles
wrap, so they do not overflow. ``plain_titles`` (a template filter over Material's
``site_nav`` block, in ``overrides/main.html``) gives them the class ``TITLE_CLASS`` instead,
and ``title_css`` carries Material's rules for ``.md-ellipsis`` over to it, copied from
Material's stylesheet at build time, so they look the same. The header's title keeps
Material's class and its tooltip.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.styles import material_stylesheet, renamed_rules, style_element

MATERIAL_CLASS = "md-ellipsis"
TITLE_CLASS = "sg-title"
MATERIAL_TITLE = f'<span class="{MATERIAL_CLASS}">'
GUIDE_TITLE = f'<span class="{TITLE_CLASS}">'


def plain_titles(site_nav: str) -> Markup:
    """Material's navigation and contents sidebars with their titles' class replaced."""
    return Markup(str(site_nav).replace(MATERIAL_TITLE, GUIDE_TITLE))


def title_css(config: MkDocsConfig) -> Markup:
    """Material's rules for ``.md-ellipsis``, for ``.sg-title``, as a ``<style>`` element."""
    stylesheet = material_stylesheet(config)
    css = renamed_rules(stylesheet.read_text("utf-8"), f".{MATERIAL_CLASS}", f".{TITLE_CLASS}")
    if f".{TITLE_CLASS}{{" not in css:
        raise PluginError(f"Material's stylesheet has no rule for .{MATERIAL_CLASS} any more")
    return style_element(css, stylesheet.name)
