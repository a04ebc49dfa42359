"""Loading and validating ``data/``: the only module that reads the guide's YAML.

``load_catalog()`` parses every data file with a strict YAML loader (no aliases, no duplicate
keys, a size cap, UTF-8 only), validates each against its model in ``macros.models``, then
checks what one file says about another (a slug that must exist, a duplicate). It collects
every problem before failing, so a contributor sees them all at once, each naming the file,
the field and, where YAML knows it, the line.

Reading is one ``_read_*`` function per file kind, listed in ``READERS``; each cross-file rule
is one short function named as the sentence it checks (``stack_parts_are_defined_libraries``),
listed in ``CROSS_REFERENCE_CHECKS``. A new rule is a new function added to that list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from macros.composition import Composition, composition_problems
from macros.decision import DecisionTree, tree_problems
from macros.models import (
    Categories,
    Category,
    Comparison,
    Example,
    Examples,
    InstallCheck,
    Library,
    Stack,
    Stacks,
    UseCase,
    UseCases,
    Versions,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
MAX_FILE_BYTES = 256 * 1024
INSTALL_CHECK_FILE = "install_check.yaml"

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(file)'}: {self.message}"


class DataError(Exception):
    """Raised with every problem found in ``data/``; nothing has been written when it is."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the guide's data:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


@dataclass(frozen=True)
class Catalog:
    """Everything in ``data/``, validated, with cross-references checked."""

    root: Path
    libraries: dict[str, Library]
    categories: dict[str, Category]
    comparisons: dict[str, Comparison]
    use_cases: dict[str, UseCase]
    stacks: dict[str, Stack]
    versions: Versions
    examples: dict[str, Example]
    decision_tree: DecisionTree
    composition: Composition
    example_code: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    install_check: InstallCheck | None = None
    # Values derived from the data that several pages need (``memo``). A catalog is loaded
    # once per build, so they live as long as the build and never see stale data.
    derived: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, computed once for this catalog under ``key``. Callers do not modify
        what it returns: the next page gets the same object."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def source_of(self, kind: str, key: str = "") -> str:
        """The data file (relative to the project) that defines a record, for edit links."""
        return self.sources[f"{kind}:{key}"]

    def libraries_in(self, category: str) -> list[Library]:
        return list(_members(self.libraries, category))


class _StrictConstruction:
    """Refuses duplicate keys and remembers where construction is, for error lines."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # Remembered so a value the constructors reject (2026-02-30) is reported on its line.
        self.last_mark = node.start_mark
        return super().construct_object(node, deep=deep)  # type: ignore[misc]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.MarkedYAMLError(
                    None,
                    None,
                    f"duplicate key {key!r} (first on line {seen[key]}); keep one",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _FastLoader(_StrictConstruction, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser where PyYAML has it: several times faster on a large data set.
    Aliases are refused by ``_line_map`` before anything is constructed."""


class _ExactLoader(_StrictConstruction, yaml.SafeLoader):
    """PyYAML's own parser, used to explain an error: it knows where an alias was written and
    words its messages more precisely (it names a tab, for instance)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed in the guide's data", event.start_mark
            )
        return super().compose_node(parent, index)


@dataclass
class _Document:
    path: str
    data: Any
    lines: dict[tuple, int]


def _line_map(node: yaml.Node | None) -> dict[tuple, int]:
    """Field path -> line, for every key and list item; refuses aliases (*name)."""
    lines: dict[tuple, int] = {}
    seen: set[int] = set()

    def walk(node: yaml.Node, path: tuple) -> None:
        if id(node) in seen:
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed in the guide's data", node.start_mark
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.MarkedYAMLError(
                        None,
                        None,
                        "mapping keys must be plain words or numbers",
                        key_node.start_mark,
                    )
                child = (*path, key_node.value)
                lines[child] = key_node.start_mark.line + 1
                walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*path, index)
                lines[child] = item.start_mark.line + 1
                walk(item, child)

    if node is not None:
        walk(node, ())
    return lines


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class _ParseError(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def _parse(text: str, loader_class: type) -> tuple[Any, dict[tuple, int]]:
    """Data and line map of one document; a YAMLError from the fast loader propagates so the
    exact one can explain it, every other failure becomes a _ParseError."""
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        lines = _line_map(node)
        return (loader.construct_document(node) if node is not None else None), lines
    except yaml.MarkedYAMLError as exc:
        if loader_class is _FastLoader:
            raise
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
        raise _ParseError(f"YAML syntax: {message}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        if loader_class is _FastLoader:
            raise
        raise _ParseError(f"YAML syntax: {exc}") from None
    except RecursionError:
        raise _ParseError("YAML nested too deeply to read; flatten the structure") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise these for values such as 2026-02-30 or huge integers.
        mark = getattr(loader, "last_mark", None)
        line = mark.line + 1 if mark else None
        raise _ParseError(f"YAML value cannot be read: {exc}", line) from None
    finally:
        if loader is not None:
            loader.dispose()


def read_yaml(path: Path, base: Path) -> tuple[_Document | None, list[Problem]]:
    """Parse one YAML file strictly; problems name the file and, where known, the line."""
    name = _relative(path, base)
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024
        message = f"file is {len(raw) // 1024} KB; data files are limited to {limit} KB"
        return None, [Problem(name, "", message)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"is not UTF-8 (byte {exc.start}); save the file as UTF-8"
        return None, [Problem(name, "", message, line)]
    try:
        data, lines = _parse(text, _FastLoader)
    except yaml.YAMLError:
        try:
            data, lines = _parse(text, _ExactLoader)
        except _ParseError as exc:
            return None, [Problem(name, "", exc.message, exc.line)]
    except _ParseError as exc:
        return None, [Problem(name, "", exc.message, exc.line)]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "must be a mapping of field: value at the top level")]
    return _Document(name, data, lines), []


def _field_path(data: Any, loc: tuple) -> tuple:
    """The parts of a pydantic error location that name data, without union tags.

    A part missing from the data is kept when it is the last (a missing field) and dropped
    otherwise (the tag of a union member, such as ``claim`` in ``pros[0].claim.source``).
    """
    path: list = []
    current = data
    for index, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_dict or in_list:
            current = current[part]
            path.append(part)
        elif index == len(loc) - 1 and isinstance(current, dict | list):
            path.append(part)
    return tuple(path)


def _format_path(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_for(doc: _Document, path: tuple) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in doc.lines:
            return doc.lines[path[:end]]
    return None


def _explain(error: ErrorDetails, model: type[BaseModel], path: tuple) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required but missing; add it"
    if kind == "extra_forbidden":
        owner = model
        for part in path[:-1]:
            info = owner.model_fields.get(part) if isinstance(part, str) else None
            annotation = getattr(info, "annotation", None)
            owner = _inner_model(annotation) or owner
        allowed = ", ".join(owner.model_fields)
        return f"is not a known field; allowed fields: {allowed}"
    message = error["msg"].removeprefix("Value error, ")
    given = error.get("input")
    if kind in {"literal_error", "string_pattern_mismatch", "enum"} and isinstance(given, str):
        message += f" (got {given[:60]!r})"
    return message


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def validate_document(doc: _Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = _field_path(doc.data, error["loc"])
            problems.append(
                Problem(
                    doc.path,
                    _format_path(path),
                    _explain(error, model, path),
                    _line_for(doc, path),
                )
            )
        return None, problems


def _load(
    path: Path, model: type[M], problems: list[Problem], base: Path
) -> tuple[M | None, _Document | None]:
    if not path.is_file():
        problems.append(Problem(_relative(path, base), "", "file is missing; the guide needs it"))
        return None, None
    doc, found = read_yaml(path, base)
    problems.extend(found)
    if doc is None:
        return None, None
    record, found = validate_document(doc, model)
    problems.extend(found)
    return record, doc


class _Checker:
    """Cross-file checks that read as sentences: ``check.exists(doc, path, slug, libraries)``."""

    def __init__(self, problems: list[Problem], unreadable: set[str] | None = None):
        self.problems = problems
        # Slugs whose own file failed to load: their error is reported already, and naming
        # them elsewhere is not a second mistake.
        self.unreadable = unreadable or set()

    def error(self, doc: _Document, path: tuple, message: str) -> None:
        self.problems.append(Problem(doc.path, _format_path(path), message, _line_for(doc, path)))

    def exists(self, doc: _Document, path: tuple, slug: str, known: dict, what: str) -> None:
        if slug not in known and slug not in self.unreadable:
            hint = _closest(slug, known)
            self.error(doc, path, f"names {what} {slug!r}, which is not defined{hint}")


def _closest(slug: str, known: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(slug, list(known), n=1)
    return f"; did you mean {match[0]!r}?" if match else ""


def _unique(
    items: Iterable[Any],
    key: Callable[[Any], str],
    doc: _Document,
    list_field: str,
    check: _Checker,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for index, item in enumerate(items):
        k = key(item)
        if k in out:
            check.error(doc, (list_field, index), f"duplicate id {k!r}; ids must be unique")
        out[k] = item
    return out


# Reading, one function per file kind. Each reports its own file's problems (syntax, fields,
# duplicate ids) and returns the records keyed by slug or id, with the document they came from
# so the cross-reference checks can name a line.


@dataclass
class _Data:
    """Every file read and validated, before the cross-references are checked."""

    root: Path
    check: _Checker
    sources: dict[str, str] = field(default_factory=dict)
    libraries: dict[str, Library] = field(default_factory=dict)
    library_docs: dict[str, _Document] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    categories_doc: _Document | None = None
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    comparison_docs: dict[str, _Document] = field(default_factory=dict)
    use_cases: dict[str, UseCase] = field(default_factory=dict)
    use_cases_doc: _Document | None = None
    stacks: dict[str, Stack] = field(default_factory=dict)
    stacks_doc: _Document | None = None
    versions: Versions | None = None
    versions_doc: _Document | None = None
    examples: dict[str, Example] = field(default_factory=dict)
    examples_doc: _Document | None = None
    example_code: dict[str, str] = field(default_factory=dict)
    tree: DecisionTree | None = None
    tree_doc: _Document | None = None
    composition: Composition | None = None
    composition_doc: _Document | None = None
    install_check: InstallCheck | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.check.problems

    def read(self, name: str, model: type[M], kind: str) -> tuple[M | None, _Document | None]:
        """One top-level file, recorded as the source of ``kind`` when it validates."""
        record, doc = _load(self.root / name, model, self.problems, self.root.parent)
        if record is None or doc is None:
            return None, None
        self.sources[f"{kind}:"] = doc.path
        return record, doc


def _read_libraries(data: _Data) -> None:
    data.libraries, data.library_docs = _load_libraries(data.root, data.check)
    for slug, doc in data.library_docs.items():
        data.sources[f"library:{slug}"] = doc.path


def _load_libraries(root: Path, check: _Checker) -> tuple[dict[str, Library], dict[str, _Document]]:
    problems = check.problems
    libraries: dict[str, Library] = {}
    docs: dict[str, _Document] = {}
    for path in sorted((root / "libraries").glob("*.yaml")):
        library, doc = _load(path, Library, problems, root.parent)
        if library is None or doc is None:
            check.unreadable.add(path.stem)
            continue
        if library.slug in libraries:
            check.error(
                doc,
                ("slug",),
                f"duplicate slug {library.slug!r}: {docs[library.slug].path} defines it already",
            )
            continue
        if path.stem != library.slug:
            check.error(doc, ("slug",), f"must match the file name: rename to {library.slug}.yaml")
        libraries[library.slug] = library
        docs[library.slug] = doc
    if not libraries and not problems:
        where = _relative(root / "libraries", root.parent)
        problems.append(Problem(where, "", "no library files found"))
    return libraries, docs


def _read_categories(data: _Data) -> None:
    model, doc = data.read("categories.yaml", Categories, "categories")
    if model and doc:
        data.categories = _unique(model.categories, lambda c: c.slug, doc, "categories", data.check)
        data.categories_doc = doc


def _read_comparisons(data: _Data) -> None:
    for path in sorted((data.root / "comparisons").glob("*.yaml")):
        comparison, doc = _load(path, Comparison, data.problems, data.root.parent)
        if comparison is None or doc is None:
            continue
        if path.stem != comparison.slug:
            data.check.error(
                doc, ("slug",), f"must match the file name: rename to {comparison.slug}.yaml"
            )
        data.comparisons[comparison.slug] = comparison
        data.comparison_docs[comparison.slug] = doc
        data.sources[f"comparison:{comparison.slug}"] = doc.path


def _read_use_cases(data: _Data) -> None:
    model, doc = data.read("use_cases.yaml", UseCases, "use_cases")
    if model and doc:
        data.use_cases = _unique(model.use_cases, lambda u: u.id, doc, "use_cases", data.check)
        data.use_cases_doc = doc


def _read_stacks(data: _Data) -> None:
    model, doc = data.read("stacks.yaml", Stacks, "stacks")
    if model and doc:
        data.stacks = _unique(model.stacks, lambda s: s.slug, doc, "stacks", data.check)
        data.stacks_doc = doc


def _read_versions(data: _Data) -> None:
    data.versions, data.versions_doc = data.read("versions.yaml", Versions, "versions")


def _read_examples(data: _Data) -> None:
    model, doc = data.read("examples.yaml", Examples, "examples")
    if not (model and doc):
        return
    data.examples = _unique(model.examples, lambda e: e.id, doc, "examples", data.check)
    data.examples_doc = doc
    for index, example in enumerate(data.examples.values()):
        code_path = data.root / "examples" / example.file
        if code_path.is_file():
            data.example_code[example.id] = code_path.read_text(encoding="utf-8")
        else:
            message = f"data/examples/{example.file} not found"
            data.check.error(doc, ("examples", index, "file"), message)


def _read_decision_tree(data: _Data) -> None:
    data.tree, data.tree_doc = data.read("decision_tree.yaml", DecisionTree, "decision_tree")


def _read_composition(data: _Data) -> None:
    data.composition, data.composition_doc = data.read(
        "composition.yaml", Composition, "composition"
    )


def _read_install_check(data: _Data) -> None:
    # Written by `make check-stacks`; without it the pages say the stacks are not checked yet.
    if (data.root / INSTALL_CHECK_FILE).is_file():
        data.install_check, _ = data.read(INSTALL_CHECK_FILE, InstallCheck, "install_check")


READERS: tuple[Callable[[_Data], None], ...] = (
    _read_libraries,
    _read_categories,
    _read_comparisons,
    _read_use_cases,
    _read_stacks,
    _read_versions,
    _read_examples,
    _read_decision_tree,
    _read_composition,
    _read_install_check,
)


# Cross-references: what one file says about another. They run once every file is read, so a
# missing target is really missing; a check whose file did not load has nothing to check.


def libraries_name_defined_categories(data: _Data) -> None:
    if not data.categories:
        return
    for slug, library in data.libraries.items():
        doc = data.library_docs[slug]
        data.check.exists(doc, ("category",), library.category, data.categories, "category")
        for i, extra in enumerate(library.also_in):
            data.check.exists(doc, ("also_in", i), extra, data.categories, "category")


def category_groups_name_defined_libraries(data: _Data) -> None:
    if not (data.categories and data.categories_doc):
        return
    for index, category in enumerate(data.categories.values()):
        for g, group in enumerate(category.groups):
            for i, member in enumerate(group.libraries):
                path = ("categories", index, "groups", g, "libraries", i)
                data.check.exists(data.categories_doc, path, member, data.libraries, "library")


def every_category_has_libraries(data: _Data) -> None:
    if not (data.categories and data.categories_doc):
        return
    for index, category in enumerate(data.categories.values()):
        if next(_members(data.libraries, category.slug), None) is None:
            path = ("categories", index, "slug")
            message = "has no libraries; add one or remove the category"
            data.check.error(data.categories_doc, path, message)


def alternatives_are_other_defined_libraries(data: _Data) -> None:
    for slug, library in data.libraries.items():
        doc = data.library_docs[slug]
        for i, alternative in enumerate(library.alternatives):
            data.check.exists(doc, ("alternatives", i), alternative, data.libraries, "library")
            if alternative == slug:
                message = "a library cannot be its own alternative"
                data.check.error(doc, ("alternatives", i), message)


def frameworks_are_other_defined_libraries(data: _Data) -> None:
    for slug, library in data.libraries.items():
        if library.framework is None:
            continue
        doc = data.library_docs[slug]
        data.check.exists(doc, ("framework",), library.framework, data.libraries, "library")
        if library.framework == slug:
            data.check.error(doc, ("framework",), "a library cannot belong to itself")


def comparison_columns_are_defined_libraries(data: _Data) -> None:
    for slug, comparison in data.comparisons.items():
        doc = data.comparison_docs[slug]
        for i, column in enumerate(comparison.columns):
            data.check.exists(doc, ("columns", i), column, data.libraries, "library")


def comparison_cells_fill_columns_with_legend_ratings(data: _Data) -> None:
    for slug, comparison in data.comparisons.items():
        doc = data.comparison_docs[slug]
        legend = {entry.key for entry in comparison.legend}
        for r, row in enumerate(comparison.rows):
            for column, cell in row.cells.items():
                path = ("rows", r, "cells", column)
                if column not in comparison.columns:
                    data.check.error(doc, path, "is not one of the columns")
                if cell.rating and cell.rating not in legend:
                    known = ", ".join(sorted(legend))
                    message = f"rating {cell.rating!r} is not in the legend: {known}"
                    data.check.error(doc, (*path, "rating"), message)


def use_cases_choose_defined_libraries(data: _Data) -> None:
    if not data.use_cases_doc:
        return
    for index, use_case in enumerate(data.use_cases.values()):
        path = ("use_cases", index, "choice")
        data.check.exists(data.use_cases_doc, path, use_case.choice, data.libraries, "library")


def stack_parts_are_defined_libraries(data: _Data) -> None:
    if not data.stacks_doc:
        return
    for index, stack in enumerate(data.stacks.values()):
        for role, slugs in stack.parts.items():
            for i, part in enumerate(slugs):
                path = ("stacks", index, "parts", role, i)
                data.check.exists(data.stacks_doc, path, part, data.libraries, "library")


def version_pins_are_packaged_libraries(data: _Data) -> None:
    if not (data.versions and data.versions_doc):
        return
    for g, group in enumerate(data.versions.groups):
        for i, pin in enumerate(group.libraries):
            path = ("groups", g, "libraries", i, "slug")
            data.check.exists(data.versions_doc, path, pin.slug, data.libraries, "library")
            library = data.libraries.get(pin.slug)
            if library and not (library.package and library.recommended_version):
                message = f"{pin.slug!r} has no package or recommended_version in its data file"
                data.check.error(data.versions_doc, path, message)


def examples_name_defined_categories_and_libraries(data: _Data) -> None:
    if not data.examples_doc:
        return
    for index, example in enumerate(data.examples.values()):
        base = ("examples", index)
        doc = data.examples_doc
        data.check.exists(doc, (*base, "category"), example.category, data.categories, "category")
        for i, slug in enumerate(example.libraries):
            data.check.exists(doc, (*base, "libraries", i), slug, data.libraries, "library")


def decision_tree_names_defined_records(data: _Data) -> None:
    if not (data.tree and data.tree_doc):
        return
    known = set(data.libraries) | data.check.unreadable
    found = tree_problems(data.tree, known, set(data.use_cases))
    _report(data, data.tree_doc, found)


def composition_names_defined_records(data: _Data) -> None:
    # Without a valid tree there are no questions to check the conditions against; the tree's
    # own errors are reported already.
    if not (data.composition and data.composition_doc and data.tree):
        return
    known = set(data.libraries) | data.check.unreadable
    found = composition_problems(data.composition, data.tree, known)
    _report(data, data.composition_doc, found)


def _report(data: _Data, doc: _Document, found: Iterable[tuple[str, str]]) -> None:
    """Problems given as dotted field paths (``roles.cache.candidates.0``) as data errors."""
    for path_text, message in found:
        path = tuple(int(p) if p.isdigit() else p for p in path_text.split("."))
        data.check.error(doc, path, message)


CROSS_REFERENCE_CHECKS: tuple[Callable[[_Data], None], ...] = (
    libraries_name_defined_categories,
    category_groups_name_defined_libraries,
    every_category_has_libraries,
    alternatives_are_other_defined_libraries,
    frameworks_are_other_defined_libraries,
    comparison_columns_are_defined_libraries,
    comparison_cells_fill_columns_with_legend_ratings,
    use_cases_choose_defined_libraries,
    stack_parts_are_defined_libraries,
    version_pins_are_packaged_libraries,
    examples_name_defined_categories_and_libraries,
    decision_tree_names_defined_records,
    composition_names_defined_records,
)


def load_catalog(root: Path = DATA_DIR) -> Catalog:
    """Read, validate and cross-check every file in ``root``; raise DataError listing problems."""
    data = _Data(root, _Checker([]))
    for read in READERS:
        read(data)
    for check in CROSS_REFERENCE_CHECKS:
        check(data)
    if data.problems:
        raise DataError(data.problems)
    # For type checkers: no problems means every file loaded.
    assert data.versions and data.tree and data.composition
    return Catalog(
        root=root,
        libraries=dict(sorted(data.libraries.items())),
        categories=data.categories,
        comparisons=data.comparisons,
        use_cases=data.use_cases,
        stacks=data.stacks,
        versions=data.versions,
        examples=data.examples,
        decision_tree=data.tree,
        composition=data.composition,
        example_code=data.example_code,
        sources=data.sources,
        install_check=data.install_check,
    )


def _members(libraries: dict[str, Library], category: str) -> Iterator[Library]:
    return (
        lib for lib in libraries.values() if lib.category == category or category in lib.also_in
    )
