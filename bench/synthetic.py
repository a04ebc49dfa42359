"""Synthetic data sets for the build benchmark: a copy of ``data/`` with any number of libraries.

``synthetic_data(source_data, dest, libraries=N)`` copies ``data/`` to ``dest`` and rewrites
``dest/libraries/`` so it holds exactly N valid library files:

- the real libraries that the rest of the project names are kept (categories, comparisons,
  stacks, use cases, versions, examples and the decision tree in ``data/``, and the macro calls
  and links in ``docs/`` beside it), so every cross-reference still resolves;
- the rest are clones of the real libraries under new slugs ``<slug>-<n>`` (n = 2, 3, ...),
  taken in turn from each category so they spread over the real categories in the real
  proportions; a clone's alternatives point at clones of the same generation, or at kept
  real libraries, never at a slug that does not exist.

The result passes ``macros.catalog.load_catalog(dest)`` (checked unless ``validate=False``).
Data sets are written to temporary folders by ``bench.build`` and never committed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from macros.catalog import load_catalog

NAME_MAX = 60
SLUG_MAX = 60
# In docs/: macro arguments ({{ lib("fastapi") }}) and links to library pages or their JSON.
MACRO_CALL = re.compile(r"\{\{(.*?)\}\}", re.S)
QUOTED = re.compile(r"""["']([a-z0-9]+(?:-[a-z0-9]+)*)["']""")
LIBRARY_LINK = re.compile(r"libraries/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.md|\.json|/)")


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


def _strings(value: Any) -> Iterator[str]:
    """Every string in a YAML document, mapping keys included (weights are keyed by slug)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def named_elsewhere(data: Path, docs: Path | None, slugs: Iterable[str]) -> set[str]:
    """The library slugs that files other than ``data/libraries/*.yaml`` refer to."""
    known = set(slugs)
    found: set[str] = set()
    for path in sorted(data.rglob("*.yaml")):
        if path.parent.name == "libraries" or "schema" in path.parts:
            continue
        found |= known & set(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    if docs is not None and docs.is_dir():
        for path in sorted(docs.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            for call in MACRO_CALL.findall(text):
                found |= known & set(QUOTED.findall(call))
            found |= known & set(LIBRARY_LINK.findall(text))
    return found


def _by_category_in_turn(libraries: dict[str, dict[str, Any]]) -> list[str]:
    """Slugs ordered first of each category, then second of each, ...: any prefix spreads."""
    groups: dict[str, list[str]] = {}
    for slug in sorted(libraries):
        groups.setdefault(libraries[slug]["category"], []).append(slug)
    order: list[str] = []
    depth = max(len(members) for members in groups.values())
    for index in range(depth):
        order.extend(members[index] for members in groups.values() if index < len(members))
    return order


def _clone_slugs(order: list[str], count: int, taken: set[str]) -> list[tuple[str, str, int]]:
    """(new slug, source slug, generation) for ``count`` clones, none colliding with ``taken``."""
    clones: list[tuple[str, str, int]] = []
    used = set(taken)
    for index in range(count):
        source = order[index % len(order)]
        generation = index // len(order) + 2
        slug = f"{source}-{generation}"
        while slug in used:  # a real slug that already ends in -<n>: move to a later generation
            generation += len(order) + count
            slug = f"{source}-{generation}"
        if len(slug) > SLUG_MAX:
            raise ValueError(f"clone slug {slug!r} is longer than {SLUG_MAX} characters")
        used.add(slug)
        clones.append((slug, source, generation))
    return clones


def _clone_name(name: str, generation: int) -> str:
    suffix = f" {generation}"
    return name[: NAME_MAX - len(suffix)].rstrip() + suffix


def synthetic_data(
    source_data: Path,
    dest: Path,
    libraries: int,
    *,
    docs: Path | None = None,
    validate: bool = True,
) -> Path:
    """Copy ``source_data`` to ``dest`` with exactly ``libraries`` library files; return ``dest``.

    ``docs`` is the docs/ folder whose references must keep resolving (default: the one beside
    ``source_data``). Raises ValueError when ``libraries`` is smaller than the number of real
    libraries the rest of the project names.
    """
    source_data = Path(source_data)
    dest = Path(dest)
    docs = docs if docs is not None else source_data.parent / "docs"
    real = {path.stem: _read(path) for path in sorted((source_data / "libraries").glob("*.yaml"))}
    if not real:
        raise ValueError(f"{source_data / 'libraries'} holds no library files")
    for slug, record in real.items():
        if record.get("slug") != slug:
            raise ValueError(f"{source_data / 'libraries' / slug}.yaml: slug does not match")

    kept = named_elsewhere(source_data, docs, real)
    if libraries < len(kept):
        raise ValueError(
            f"{libraries} libraries is fewer than the {len(kept)} real ones the guide names; "
            f"ask for at least {len(kept)}"
        )
    clones = _clone_slugs(_by_category_in_turn(real), libraries - len(kept), set(real))
    final = kept | {slug for slug, _, _ in clones}

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source_data, dest, ignore=shutil.ignore_patterns("schema"))
    target = dest / "libraries"
    shutil.rmtree(target)
    target.mkdir()

    def write(record: dict[str, Any]) -> None:
        text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
        (target / f"{record['slug']}.yaml").write_text(text, encoding="utf-8")

    for slug in sorted(kept):
        record = dict(real[slug])
        record["alternatives"] = [a for a in record.get("alternatives", []) if a in final]
        write(record)
    for slug, source, generation in clones:
        record = dict(real[source])
        record["slug"] = slug
        record["name"] = _clone_name(str(record["name"]), generation)
        alternatives: list[str] = []
        for alternative in record.get("alternatives", []):
            same_generation = f"{alternative}-{generation}"
            pick = same_generation if same_generation in final else alternative
            if pick in final and pick != slug and pick not in alternatives:
                alternatives.append(pick)
        record["alternatives"] = alternatives
        write(record)

    written = len(list(target.glob("*.yaml")))
    if written != libraries:
        raise AssertionError(f"wrote {written} library files, expected {libraries}")
    if validate:
        load_catalog(dest)
    return dest
