"""The JSON Schemas in data/schema/ match the models, and data files point editors at them."""

from __future__ import annotations

from macros.schema import schema_documents
from tests.conftest import PROJECT


def test_committed_schemas_are_current() -> None:
    folder = PROJECT / "data" / "schema"
    for name, text in schema_documents().items():
        path = folder / name
        assert path.is_file(), f"run `make schema`: {name} is missing"
        assert path.read_text(encoding="utf-8") == text, f"run `make schema`: {name} is stale"


def test_library_files_name_their_schema() -> None:
    for path in sorted((PROJECT / "data" / "libraries").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/library.schema.json", path.name
