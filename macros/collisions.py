"""Nothing the build generates may land where another file goes.

Each module that adds files to the site declares them with ``@declares_outputs``: a function
from the catalog to ``Output`` records (the path it hands MkDocs and the data file and field
the path comes from). ``check_site`` runs in ``on_pre_build``, before MkDocs cleans the site
folder: it compares every declared output with the hand-written files under ``docs/``, the
theme's files and templates, MkDocs' own outputs and every other declared output, by the path
each is written to, and raises a ``DataError`` naming both sources of any clash.
``check_declared`` runs at the end of ``on_files`` and refuses a generated file nobody
declared, so the check cannot fall behind the generators.

``python -m macros.collisions`` prints the slugs that are reserved because a hand-written or
theme file already takes their path (CONTRIBUTING.md lists them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, get_files

from macros.catalog import Catalog, DataError, Problem

SLUG_IN_PATH = "{}"
_SENTINEL = "zzslugzz"


@dataclass(frozen=True)
class Output:
    """One file a generator adds to the site.

    ``path`` is the path under ``docs/`` it is handed to MkDocs as; ``origin`` is the data
    file whose record names it (or, for a fixed file, the module that makes it) and ``field``
    the field in that file whose value is in the path. ``pattern`` is ``path`` with the slug
    replaced by ``{}`` and ``kind`` says what the slug is ("library slug"): together they
    give the reserved slugs."""

    path: str
    origin: str
    what: str
    field: str = ""
    pattern: str = ""
    kind: str = ""

    def describe(self) -> str:
        where = f"{self.origin}, {self.field}" if self.field else self.origin
        return f"{self.what} ({where})"


@dataclass(frozen=True)
class _Taken:
    """A file MkDocs writes whatever the data says: hand-written, from the theme, or its own."""

    source: str
    what: str
    problem_file: str  # where a fix belongs when a fixed file of ours lands on it


Declaration = Callable[[Catalog], Iterable[Output]]
_DECLARATIONS: list[Declaration] = []


def declares_outputs(declaration: Declaration) -> Declaration:
    """Registers a generator's declaration; the hook imports every generator module."""
    _DECLARATIONS.append(declaration)
    return declaration


def declared_outputs(catalog: Catalog) -> list[Output]:
    return [output for declaration in _DECLARATIONS for output in declaration(catalog)]


def per_record(
    pattern: str, kind: str, what: str, records: Iterable[tuple[str, str, str]]
) -> Iterator[Output]:
    """Outputs for records named by a slug: ``records`` gives (slug, data file, field)."""
    for slug, origin, field in records:
        yield Output(
            pattern.format(slug),
            origin,
            what.format(slug),
            field=field,
            pattern=pattern,
            kind=kind,
        )


def fixed(paths: Iterable[str], origin: str, what: str) -> Iterator[Output]:
    """Outputs whose path does not depend on the data (a runtime file, the service worker)."""
    for path in paths:
        yield Output(path, origin, f"{what} {path}")


def _written_to(path: str, config: MkDocsConfig) -> str:
    """Where in the site folder MkDocs writes a file handed to it as ``path``; compared
    case-insensitively, because a site checked out on macOS or Windows would clash too."""
    return File(path, None, config.site_dir, config.use_directory_urls).dest_uri.casefold()


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _relative(path: str, base: Path) -> str | None:
    try:
        return Path(path).resolve().relative_to(base).as_posix()
    except ValueError:
        return None


def _theme_source(file: File, config: MkDocsConfig) -> str:
    project = _project_dir(config)
    inside = _relative(file.abs_src_path or "", project)
    if inside:
        return inside
    return f"{config.theme.name} theme: {file.src_uri}"


def _taken(config: MkDocsConfig) -> dict[str, _Taken]:
    """Every path in the site folder that is not ours to generate, with who writes it."""
    project = _project_dir(config)
    taken: dict[str, _Taken] = {}
    for name in sorted(config.theme.static_templates) + list(config.extra_templates):
        source = f"{config.theme.name} theme: template {name}"
        taken[name.casefold()] = _Taken(source, f"the theme page {name}", source)
    if "search" in config.plugins or "material/search" in config.plugins:
        name = "search/search_index.json"
        taken[name] = _Taken("the search plugin", f"the search index {name}", "mkdocs.yml")
    theme_files = Files([])
    theme_files.add_files_from_theme(config.theme.get_env(), config)
    for file in theme_files:
        source = _theme_source(file, config)
        taken[file.dest_uri.casefold()] = _Taken(source, f"the theme file {source}", source)
    for file in get_files(config):
        if file.inclusion.is_excluded():
            continue
        source = _relative(file.abs_src_path or "", project) or file.src_uri
        kind = "page" if file.is_documentation_page() else "file"
        taken[file.dest_uri.casefold()] = _Taken(
            source, f"the hand-written {kind} {source}", source
        )
    return taken


def _clash(output: Output, dest: str, other: _Taken | Output) -> Problem:
    other_text = other.describe() if isinstance(other, Output) else other.what
    if not output.field and isinstance(other, _Taken):
        # A fixed file of ours: the hand-written or theme file is what has to move.
        message = (
            f"is written to site/{dest}, where the build also writes {output.describe()}; "
            "rename or remove it"
        )
        return Problem(other.problem_file, "", message)
    fix = f"choose another {output.kind}" if output.kind else "change it"
    message = (
        f"gives {output.what}, written to site/{dest}, where {other_text} is written already; {fix}"
    )
    return Problem(output.origin, output.field, message)


def site_problems(catalog: Catalog, config: MkDocsConfig) -> list[Problem]:
    taken = _taken(config)
    claimed: dict[str, Output] = {}
    problems: list[Problem] = []
    for output in declared_outputs(catalog):
        dest = _written_to(output.path, config)
        if dest in taken:
            problems.append(_clash(output, dest, taken[dest]))
        elif dest in claimed:
            problems.append(_clash(output, dest, claimed[dest]))
        else:
            claimed[dest] = output
    return problems


def check_site(catalog: Catalog, config: MkDocsConfig) -> None:
    """Raises a DataError for every generated file that would overwrite or be overwritten."""
    problems = site_problems(catalog, config)
    if problems:
        raise DataError(problems)


def check_declared(files: Files, catalog: Catalog) -> None:
    """Refuses a generated file that no declaration lists: it would escape ``check_site``."""
    declared = {output.path for output in declared_outputs(catalog)}
    for file in files:
        if file.generated_by and file.src_uri not in declared:
            raise PluginError(
                f"{file.src_uri} is generated (by {file.generated_by}) but not declared: "
                "list it in its module's @declares_outputs function (macros/collisions.py)"
            )


def reserved_slugs(catalog: Catalog, config: MkDocsConfig) -> dict[str, list[str]]:
    """Per kind of slug, the slugs whose generated path a hand-written or theme file holds."""
    taken = _taken(config)
    patterns = {(o.kind, o.pattern) for o in declared_outputs(catalog) if o.pattern}
    reserved: dict[str, set[str]] = {}
    for kind, pattern in sorted(patterns):
        sample = _written_to(pattern.format(_SENTINEL), config)
        regex = re.compile(re.escape(sample).replace(_SENTINEL, "([a-z0-9]+(?:-[a-z0-9]+)*)"))
        found = {m.group(1) for dest in taken if (m := regex.fullmatch(dest))}
        found |= {word for word in ("index",) if _written_to(pattern.format(word), config) in taken}
        if found:
            reserved.setdefault(kind, set()).update(found)
    return {kind: sorted(slugs) for kind, slugs in sorted(reserved.items())}


def reserved_markdown(reserved: dict[str, list[str]]) -> str:
    lines = [
        f"- {kind}: {', '.join(f'`{slug}`' for slug in slugs)}" for kind, slugs in reserved.items()
    ]
    return "\n".join(lines)


def main() -> None:
    from mkdocs.config import load_config

    import macros.hooks  # noqa: F401  (imports every generator module, so all are declared)
    from macros import collisions  # the module the generators registered with, not __main__
    from macros.catalog import PROJECT_DIR, load_catalog

    config = load_config(str(PROJECT_DIR / "mkdocs.yml"))
    print(collisions.reserved_markdown(collisions.reserved_slugs(load_catalog(), config)))


if __name__ == "__main__":
    main()
