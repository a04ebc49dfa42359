"""JSON Schema export of the data models, so editors autocomplete and check ``data/*.yaml``.

``python -m macros.schema`` (``make schema``) writes ``data/schema/*.schema.json``; a test keeps
the committed files equal to what the models produce.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from macros.catalog import DATA_DIR
from macros.composition import Composition
from macros.decision import DecisionTree
from macros.facts import LibraryFacts
from macros.models import (
    Categories,
    Comparison,
    Examples,
    InstallCheck,
    Library,
    Stacks,
    UseCases,
    Versions,
)

SCHEMAS: dict[str, type[BaseModel]] = {
    "library": Library,
    "categories": Categories,
    "comparison": Comparison,
    "use-cases": UseCases,
    "stacks": Stacks,
    "versions": Versions,
    "examples": Examples,
    "decision-tree": DecisionTree,
    "composition": Composition,
    "install-check": InstallCheck,
    # Not a data file: the fact keys each library record in api/v1/ carries.
    "api-library-facts": LibraryFacts,
}


def schema_documents() -> dict[str, str]:
    """File name -> JSON text for every data model."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path = DATA_DIR / "schema") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(path)
