"""data/examples.yaml: valid, complete, pinned, and installed at the versions it states."""

import ast
import importlib.metadata
import re

import pytest
import yaml
from packaging.requirements import Requirement

from macros.models import Examples

# Names that mark an outdated API the guide's source used; none may come back.
OUTDATED_IMPORTS = {
    "jose": "python-jose: use PyJWT",
    "passlib": "passlib: use pwdlib",
    "aioredis": "aioredis: use redis.asyncio",
    "uvicorn.workers": "uvicorn.workers: use uvicorn_worker",
}
OUTDATED_NAMES = {
    "utcnow": "datetime.utcnow(): use datetime.now(UTC)",
    "declarative_base": "declarative_base(): use DeclarativeBase",
    "validator": "pydantic.validator: use field_validator",
    "root_validator": "pydantic.root_validator: use model_validator",
    "register_tortoise": "register_tortoise: use RegisterTortoise in the lifespan",
    "on_event": "on_event: use a lifespan handler",
}


@pytest.fixture(scope="module")
def examples(example_path):
    path = example_path("pyproject.toml").parent.parent / "examples.yaml"
    with path.open(encoding="utf-8") as handle:
        return Examples.model_validate(yaml.safe_load(handle)).examples


def test_every_example_file_is_listed_and_every_listed_file_exists(examples, example_path):
    examples_dir = example_path("pyproject.toml").parent
    listed = {example.file for example in examples}
    on_disk = {path.name for path in examples_dir.iterdir() if path.is_file()}
    assert listed == on_disk
    assert len({example.id for example in examples}) == len(examples)


def test_file_extension_matches_language(examples):
    suffix = {"python": ".py", "toml": ".toml", "yaml": ".yaml", "bash": ".sh"}
    for example in examples:
        assert example.file.endswith(suffix[example.language]), example.id


def test_libraries_exist_in_the_guide(examples, guide_data):
    for example in examples:
        for slug in example.libraries:
            assert slug in guide_data.libraries, f"{example.id}: unknown library {slug!r}"


def test_every_example_has_a_test(examples):
    from pathlib import Path

    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    for example in examples:
        assert f'"{example.file}"' in tests, f"no test loads {example.file}"


def test_test_requires_are_exact_pins(examples):
    for example in examples:
        for requirement in example.test_requires:
            (specifier,) = Requirement(requirement).specifier
            assert specifier.operator == "==", f"{example.id}: {requirement} is not pinned"


def test_installed_versions_are_the_published_ones(examples, guide_data):
    """The tests check the advice as published: each library at its recommended_version."""
    expected: dict[str, str] = {}
    for example in examples:
        for slug in example.libraries:
            library = guide_data.libraries[slug]
            if library.get("package") and library.get("recommended_version"):
                expected[library["package"]] = str(library["recommended_version"])
        for requirement in map(Requirement, example.test_requires):
            (specifier,) = requirement.specifier
            expected[requirement.name] = specifier.version
    wrong = {
        package: (version, importlib.metadata.version(package))
        for package, version in expected.items()
        if importlib.metadata.version(package) != version
    }
    assert not wrong, f"installed versions differ (wanted, installed): {wrong}"


def _outdated_uses(source: str) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            modules += [alias.name for alias in node.names]
            for module in modules:
                for outdated, message in OUTDATED_IMPORTS.items():
                    if module == outdated or module.startswith(outdated + "."):
                        problems.append(message)
            if isinstance(node, ast.ImportFrom):
                problems += [OUTDATED_NAMES[a.name] for a in node.names if a.name in OUTDATED_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in OUTDATED_NAMES:
            problems.append(OUTDATED_NAMES[node.attr])
        elif isinstance(node, ast.ClassDef) and node.name == "Config":
            problems.append("class Config: use model_config = ConfigDict(...)")
        elif isinstance(node, ast.keyword) and node.arg == "pk":
            problems.append("Tortoise pk=True: use primary_key=True")
    return problems


def test_python_examples_avoid_outdated_apis(examples, example_path):
    for example in examples:
        if example.language == "python":
            source = example_path(example.file).read_text(encoding="utf-8")
            assert _outdated_uses(source) == [], example.file


def test_the_outdated_api_check_catches_the_sources_code():
    seed_snippets = [
        "from jose import JWTError, jwt",
        "from passlib.context import CryptContext",
        "expire = datetime.utcnow()",
        "from sqlalchemy.orm import declarative_base, sessionmaker",
        "from pydantic import BaseModel, EmailStr, validator",
        "class Settings:\n    class Config:\n        env_file = '.env'",
        "id = fields.IntField(pk=True)",
    ]
    for snippet in seed_snippets:
        assert _outdated_uses(snippet), snippet


def test_summaries_make_no_unsourced_claims(examples):
    # The model validates this too; checked here so a failing example names itself.
    for example in examples:
        assert not re.search(r"\b(recommended|best|fastest)\b", example.summary, re.I), example.id
