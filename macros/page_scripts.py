"""Inline scripts inside pages' articles: the selector's loader (``docs/assets/js/
selector-loader.js``, written in without its comments) and the compare page's reserve script.

Material's instant navigation runs the scripts of the article it brings in under the policy of
the page the reader came from, so every page's Content-Security-Policy allows these
(``article_script_hashes``), not only the pages that carry them.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.compare import RESERVE_SCRIPT
from macros.security import inline_script_hashes

SELECTOR_LOADER = "assets/js/selector-loader.js"


def selector_loader(config: MkDocsConfig) -> Markup:
    """The loader's code, for the body of the ``<script>`` the template writes with its data
    attributes (``overrides/main.html``)."""
    text = (Path(config.docs_dir) / SELECTOR_LOADER).read_text("utf-8")
    code = "".join(line for line in text.splitlines(True) if not line.lstrip().startswith("//"))
    if "</script" in code.lower():
        raise PluginError(f"docs/{SELECTOR_LOADER} holds '</script': it cannot be written in")
    return Markup(code.strip())


def article_script_hashes(loader: str) -> frozenset[str]:
    """The policy's hashes for every inline script an article can bring in."""
    return frozenset(inline_script_hashes(f"<script>{loader}</script>{RESERVE_SCRIPT}"))
