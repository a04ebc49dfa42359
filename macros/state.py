"""The catalog of the build in progress.

The MkDocs hook loads ``data/`` once at the start of every build and hands the result here;
macros read it from here. Nothing is cached across builds, so ``mkdocs serve`` sees YAML edits.
"""

from __future__ import annotations

from typing import Any

from macros.catalog import Catalog
from macros.selector_data import selector_payload

_current: Catalog | None = None
_payload: dict[str, Any] | None = None


def set_catalog(catalog: Catalog) -> None:
    global _current, _payload
    _current = catalog
    _payload = selector_payload(catalog)


def current_payload() -> dict[str, Any]:
    """The selector's compiled decision data for this build (computed once with the catalog)."""
    if _payload is None:
        raise RuntimeError("the guide's data is not loaded: the build hook runs first")
    return _payload


def current_catalog() -> Catalog:
    if _current is None:
        raise RuntimeError("the guide's data is not loaded: the build hook runs first")
    return _current
