"""XML output shared by the feeds, the OPML lists and the badges: element trees serialised by
the standard library, with every piece of data text made representable in XML first.

ElementTree escapes ``<``, ``&`` and quotes, but writes control characters as they are, and
XML 1.0 has no way to carry most of them (not even as ``&#1;``): a single one makes a whole
feed unreadable. ``clean`` replaces each character XML cannot hold with U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Everything outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets).
NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def clean(value: object) -> str:
    return NOT_XML_CHAR.sub("\ufffd", str(value))


def element(
    parent: ET.Element | None, tag: str, text: object = None, /, **attributes: object
) -> ET.Element:
    """A child of ``parent`` (or a root) whose text and attribute values are cleaned; an
    ``_`` in a keyword stands for ``-`` (``aria_label=`` writes ``aria-label``)."""
    attrib = {key.replace("_", "-"): clean(value) for key, value in attributes.items()}
    node = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text is not None:
        node.text = clean(text)
    return node


def serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
