"""Material's navigation, rendered once per folder for the pages that are not in it.

The navigation is written into every page, and rendering it was a third of the build at
1,000 libraries. On a page that is not in the navigation (the generated library, comparison
and example pages: nearly every page) no item is active or current, and its links are relative
to the page's folder, so every such page in one folder gets the same HTML. ``install`` puts a
small template in front of the theme's ``partials/nav.html`` (the guide's override if there is
one, else Material's) that asks ``NavOnce`` for the HTML: rendered the first time for a folder,
reused after. Pages in the navigation render it as before.

Some partials depend on nothing but the build's settings: the search dialog and the palette
toggle with its script (``ONCE``) are rendered once per build the same way, through ``Once``,
which ``overrides/main.html`` also asks for Material's ``__config`` script (the same for every
page with the same ``base_url``, pages under ``assets/`` aside). ``NavOnce`` and ``Once``
belong to one build's template environment (``on_env``), so nothing outlives the build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, Environment, PrefixLoader
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

NAV_TEMPLATE = "partials/nav.html"
# The theme's own templates stay reachable under this prefix, for the wrapper to include.
PREFIX = "theme"
WRAPPER = (
    "{% call guide_nav_once(page, nav) %}"
    f'{{% include "{PREFIX}/{NAV_TEMPLATE}" %}}'
    "{% endcall %}"
)
# Partials whose HTML is the same on every page: they read the build's settings and
# translations only, never the page, its URL or the navigation.
ONCE = ("partials/search.html", "partials/palette.html", "partials/javascripts/palette.html")


def _once_wrapper(name: str) -> str:
    return f'{{% call guide_once("{name}") %}}{{% include "{PREFIX}/{name}" %}}{{% endcall %}}'


def _listed(page: Page, nav: Navigation) -> bool:
    return any(listed is page for listed in nav.pages)


class NavOnce:
    """The navigation's HTML by page folder, for pages outside the navigation."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[str, bool], Any] = {}

    def __call__(self, page: Page | None, nav: Navigation | None, caller: Callable[[], Any]) -> Any:
        # By identity: Page.__eq__ compares titles, and this runs for every page.
        if page is None or nav is None or page.parent is not None or _listed(page, nav):
            return caller()
        # Links are relative to the page: the same for every page whose URL differs only in
        # its last segment.
        url = page.url
        folder = (url[: url.rstrip("/").rfind("/") + 1], url.endswith("/"))
        if folder not in self.rendered:
            self.rendered[folder] = caller()
        return self.rendered[folder]


class Once:
    """HTML by key, rendered the first time a key is asked for."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[str, ...], Any] = {}

    def __call__(self, *key: str, caller: Callable[[], Any]) -> Any:
        if key not in self.rendered:
            self.rendered[key] = caller()
        return self.rendered[key]


def install(env: Environment) -> None:
    """Renders ``partials/nav.html`` through ``NavOnce`` and the ``ONCE`` partials through
    ``Once`` in this environment."""
    theme: BaseLoader = env.loader  # type: ignore[assignment]
    wrappers = {NAV_TEMPLATE: WRAPPER, **{name: _once_wrapper(name) for name in ONCE}}
    env.loader = ChoiceLoader([DictLoader(wrappers), PrefixLoader({PREFIX: theme}), theme])
    env.globals["guide_nav_once"] = NavOnce()
    env.globals["guide_once"] = Once()
