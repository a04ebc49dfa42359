"""Plain fenced code blocks of generated pages, highlighted as ``pymdownx.superfences`` and
``pymdownx.highlight`` write them, with Pygments' formatters and lexers made once per build.

pymdownx makes a new Pygments formatter for every block, and a formatter works out a whole
stylesheet when it is made: on a library page the two badge snippets took about two thirds of
its Markdown time. ``Highlighter.from_config`` reads the ``pymdownx.highlight`` settings of
``mkdocs.yml`` and ``highlight(source, language, index)`` returns the block's HTML, the same
bytes pymdownx writes for the ``index``-th highlighted block of a page (the index names its
line anchors), or None when it cannot promise that (settings or a language it does not
handle): the block then stays for pymdownx. ``macros.fragments`` decides which fences are plain
and keeps the order; ``tests/test_fragments.py`` compares every generated page both ways.
"""

from __future__ import annotations

import re
from typing import Any

from pygments import highlight as pygments_highlight
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from pymdownx.highlight import DEFAULT_CONFIG, BlockHtmlFormatter

# pymdownx's own pattern for the formatter's opening <div>, where it adds the language class.
_OPENING = re.compile(r'^<(div)(\s*class="(.*?)")?\s*>')
# Settings under which pymdownx writes a plain block differently than this module does.
_UNSUPPORTED = {
    "use_pygments": False,
    "guess_lang": True,
    "linenums": True,
    "auto_title": True,
    "code_attr_on_pre": True,
}
CSS_CLASS = "highlight"  # superfences' default class of a highlighted block


class Highlighter:
    """Highlights plain fenced blocks with the settings of one build."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self._lexers: dict[str, Lexer | None] = {}
        self._formatters: dict[int, BlockHtmlFormatter] = {}

    @classmethod
    def from_config(cls, extensions: list[str], mdx_configs: dict[str, Any]) -> Highlighter | None:
        """For ``mkdocs.yml``'s ``markdown_extensions``; None if pymdownx does not highlight
        fences there, or not with settings this module handles."""
        if "pymdownx.superfences" not in extensions or "pymdownx.highlight" not in extensions:
            return None
        if mdx_configs.get("pymdownx.superfences"):
            return None  # custom fences, or a css_class of its own
        settings = {key: value[0] for key, value in DEFAULT_CONFIG.items()}
        settings.update(mdx_configs.get("pymdownx.highlight") or {})
        if any(settings.get(key) == value for key, value in _UNSUPPORTED.items()):
            return None
        if settings["extend_pygments_lang"] or settings["linenums"] not in (None, False):
            return None
        if settings["default_lang"] or settings["line_spans"]:
            return None
        return cls(settings)

    def _lexer(self, language: str) -> Lexer | None:
        if language not in self._lexers:
            try:
                lexer = get_lexer_by_name(language, stripnl=self.settings["stripnl"])
            except ClassNotFound:
                lexer = None
            self._lexers[language] = lexer
        return self._lexers[language]

    def _formatter(self, index: int) -> BlockHtmlFormatter:
        if index not in self._formatters:
            anchors = self.settings["line_anchors"] or (
                "__codelineno" if self.settings["anchor_linenums"] else ""
            )
            self._formatters[index] = BlockHtmlFormatter(
                cssclass=CSS_CLASS,
                linenos=False,
                linenostart=1,
                linenostep=1,
                linenospecial=0,
                style=self.settings["pygments_style"],
                noclasses=self.settings["noclasses"],
                hl_lines=[],
                wrapcode=True,
                filename="",
                linespans="",
                lineanchors=f"{anchors}-{index}" if anchors else "",
                anchorlinenos=self.settings["anchor_linenums"],
            )
        return self._formatters[index]

    def highlight(self, source: str, language: str, index: int) -> str | None:
        """The HTML of a fence holding ``source`` in ``language``, the page's block ``index``."""
        lexer = self._lexer(language)
        if lexer is None:
            # pymdownx would fall back to plain text under another name.
            return None
        code = pygments_highlight(source, lexer, self._formatter(index))
        if self.settings["pygments_lang_class"]:
            match = _OPENING.match(code)
            if match is None:
                return None
            classes = [self.settings["language_prefix"] + language]
            if match.group(2):
                classes.append(match.group(3).strip())
            code = f'<{match.group(1)} class="{" ".join(classes)}">{code[match.end(0) :]}'
        return code
