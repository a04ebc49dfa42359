"""Stacks composed from the answers, on the guide's real data: the cases readers met, the
runner-up, the reference stacks, and the checks on ``data/composition.yaml``.

The promises that hold for every combination of answers (no deployment part without
microservices, a reason for every part, one part per package, a pyproject block listing only
the parts' packages) are checked in ``tests/test_selector.py``, which enumerates them all.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.catalog import DATA_DIR, DataError, load_catalog
from macros.composition import Composition, composition_problems
from macros.selector_data import selector_payload
from selector import apply_preset, recommend

API_ONLY_ROLES = {"validation", "api", "api_docs"}
API_ONLY_LIBRARIES = {"pyjwt", "pydantic", "djangorestframework", "django-ninja"}


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load_catalog()


@pytest.fixture(scope="module")
def payload(catalog: Any) -> dict[str, Any]:
    return selector_payload(catalog)


def parts_by_role(result: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for part in result["stack"]["parts"]:
        found.setdefault(part["role"], []).append(part["slug"])
    return found


# The cases readers met --------------------------------------------------------------------


def test_small_flask_web_app_gets_a_web_stack(payload: dict[str, Any]) -> None:
    answers = {
        "app_type": "web",
        "team": "beginner",
        "async": "no",
        "web_features": "yes",
        "admin": "no",
    }
    result = recommend(payload, answers)
    roles = parts_by_role(result)
    assert result["framework"] == "flask"
    assert roles["forms"] == ["flask-wtf"] and roles["auth"] == ["flask-login"]
    assert roles["templates"] == ["jinja2"] and roles["sessions"] == ["flask"]
    assert not API_ONLY_ROLES & set(roles)
    assert not API_ONLY_LIBRARIES & {slug for slugs in roles.values() for slug in slugs}
    assert result["stack"]["name"] == "Flask stack for a web app"
    dependencies = tomllib.loads(result["pyproject"])["project"]["dependencies"]
    assert any(line.startswith("flask-wtf>=") for line in dependencies)
    assert any(line.startswith("flask-login>=") for line in dependencies)


def test_realtime_api_without_microservices_stays_small(payload: dict[str, Any]) -> None:
    result = recommend(payload, {"app_type": "api", "realtime": "yes", "async": "yes"})
    roles = parts_by_role(result)
    slugs = {slug for found in roles.values() for slug in found}
    assert result["framework"] == "fastapi"
    assert result["stack"]["name"] == "FastAPI stack for a real-time API"
    assert "deployment" not in roles and not {"kubernetes", "docker"} & slugs
    assert not {"celery", "opentelemetry"} & slugs
    assert roles["realtime"] == ["fastapi"] and roles["server"] == ["uvicorn"]
    assert roles["driver"] == ["asyncpg"] and "pytest-asyncio" in roles["testing"]
    realtime = next(p for p in result["stack"]["parts"] if p["role"] == "realtime")
    assert realtime["builtin"] and realtime["package"] is None
    assert {"question": "realtime", "answer": "yes", "label": "Yes"} in realtime["because_of"]
    assert result["stack"]["equals"] is None


def test_no_runner_up_after_one_answer_that_scores_one_framework(
    payload: dict[str, Any],
) -> None:
    singles = [
        (question["id"], answer["value"])
        for question in payload["questions"]
        for answer in question["answers"]
        if not question["ask_if"] and len([p for p in answer["weights"].values() if p > 0]) == 1
    ]
    assert ("app_type", "api") in singles and len(singles) >= 8
    for qid, value in singles:
        result = recommend(payload, {qid: value})
        assert result["runner_up"] is None, (qid, value, result["scores"])


def test_no_runner_up_without_answers(payload: dict[str, Any]) -> None:
    assert recommend(payload, {})["runner_up"] is None


def test_runner_ups_on_equal_points_are_a_tie(payload: dict[str, Any]) -> None:
    result = recommend(payload, {"app_type": "hybrid"})
    assert result["scores"] == {"fastapi": 2, "flask": 1, "django": 1}
    assert result["runner_up"] == {
        "slugs": ["flask", "django"],
        "names": ["Flask", "Django"],
        "points": 1,
        "tied_with_winner": False,
    }


def test_a_runner_up_with_the_winners_points_is_a_tie(payload: dict[str, Any]) -> None:
    result = recommend(payload, {"web_features": "yes"})
    assert result["framework"] == "flask" and result["tied"] == ["flask", "django"]
    assert result["runner_up"] == {
        "slugs": ["django"],
        "names": ["Django"],
        "points": 2,
        "tied_with_winner": True,
    }


# Parts and reference stacks ---------------------------------------------------------------


def test_framework_part_cites_the_answers_that_gave_it_points(payload: dict[str, Any]) -> None:
    result = recommend(payload, {"app_type": "web", "async": "yes", "team": "beginner"})
    framework = result["stack"]["parts"][0]
    assert framework["role"] == "framework" and framework["slug"] == "flask"
    assert [cause["question"] for cause in framework["because_of"]] == ["app_type", "team"]


def test_django_uses_its_built_ins_and_an_api_layer_for_apis(payload: dict[str, Any]) -> None:
    web = {"app_type": "web", "web_features": "yes", "admin": "yes", "microservices": "no"}
    roles = parts_by_role(recommend(payload, web))
    assert roles["orm"] == ["django-orm"] and roles["forms"] == ["django"]
    assert roles["auth"] == ["django"] and roles["admin"] == ["django"]
    assert "pytest-django" in roles["testing"] and "api" not in roles
    hybrid = recommend(payload, {**web, "app_type": "hybrid", "api_docs": "yes"})
    assert hybrid["framework"] == "django"
    assert parts_by_role(hybrid)["api"] == ["djangorestframework"]
    assert parts_by_role(hybrid)["api_docs"] == ["drf-spectacular"]
    ninja = parts_by_role(recommend(payload, {**web, "app_type": "hybrid", "async": "yes"}))
    assert ninja["api"] == ["django-ninja"]


def test_built_in_parts_install_nothing(payload: dict[str, Any]) -> None:
    web = {"app_type": "web", "web_features": "yes", "admin": "yes"}
    result = recommend(payload, web)
    built_in = [part for part in result["stack"]["parts"] if part["builtin"]]
    assert {part["role"] for part in built_in} >= {"orm", "migrations", "forms", "admin"}
    assert all(part["package"] is None and part["version"] is None for part in built_in)
    dependencies = tomllib.loads(result["pyproject"])["project"]["dependencies"]
    assert len([line for line in dependencies if line.startswith("django>=")]) == 1


def test_equal_reference_stack_is_named(payload: dict[str, Any]) -> None:
    answers = apply_preset(payload, "microservices")
    assert recommend(payload, answers)["stack"]["equals"] == "modern-microservices"
    # Without async tests the stack lacks pytest-asyncio, which the reference uses.
    assert recommend(payload, {**answers, "async": "no"})["stack"]["equals"] is None


@pytest.mark.parametrize(
    ("answers", "closest"),
    [
        ({"app_type": "web", "web_features": "yes", "admin": "yes"}, "traditional-monolith"),
        ({"app_type": "web", "team": "beginner"}, "lightweight-api"),
        ({"app_type": "api", "performance": "high"}, "modern-microservices"),
        ({"app_type": "api", "team": "advanced"}, "lightweight-api"),
    ],
)
def test_closest_reference_stack(
    payload: dict[str, Any], answers: dict[str, str], closest: str
) -> None:
    assert recommend(payload, answers)["stack"]["closest"]["slug"] == closest


def test_sharpen_stack_names_the_parts_an_answer_adds(payload: dict[str, Any]) -> None:
    result = recommend(payload, {"app_type": "api", "async": "yes"})
    item = next(item for item in result["sharpen_stack"] if item["question"] == "microservices")
    [change] = [c for c in item["changes"] if c["answer"] == "yes"]
    added = {part["slug"] for part in change["adds"]}
    assert {"docker", "kubernetes", "celery", "httpx", "opentelemetry"} <= added
    assert change["framework"] == "fastapi"
    assert all(item["question"] != "app_type" for item in result["sharpen_stack"])


# Checks on data/composition.yaml ----------------------------------------------------------


def composition_data() -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / "composition.yaml").read_text(encoding="utf-8"))


def test_real_composition_has_no_problems(catalog: Any) -> None:
    found = composition_problems(catalog.composition, catalog.decision_tree, set(catalog.libraries))
    assert found == []


def test_composition_problems_name_the_field_and_the_fix(catalog: Any) -> None:
    data = composition_data()
    roles = data["roles"]
    roles["framework"]["candidates"].pop()  # django
    roles["server"]["candidates"][0]["library"] = "uvicornx"
    roles["driver"]["candidates"][0]["when"][0]["colour"] = ["red"]
    roles["cache"]["when"][0]["performance"] = ["extreme"]
    roles["task_queue"]["unless"] = [{"framework": ["bottle"]}]
    roles["auth"]["requires"] = ["password_hashing"]
    data["names"].append({"name": "{framework} stack never reached"})
    data["names"][0]["name"] = "A stack for microservices"
    found = dict(
        composition_problems(
            Composition.model_validate(data), catalog.decision_tree, set(catalog.libraries)
        )
    )
    expected = {
        "roles.framework.candidates": "no candidate for 'django'",
        "roles.server.candidates.0.library": "add data/libraries/uvicornx.yaml",
        "roles.driver.candidates.0.when.0.colour": "neither 'framework' nor a question",
        "roles.cache.when.0.performance.0": "'extreme' is not a possible performance",
        "roles.task_queue.unless.0.framework.0": "'bottle' is not a possible framework",
        "roles.auth.requires.0": "not a role listed before 'auth'",
        "names.0.name": "must contain {framework}",
        "names.8": "can never apply: entry 7 has no conditions",
    }
    for path, text in expected.items():
        assert path in found, (path, found)
        assert text in found[path], (path, found[path])
    assert set(found) == set(expected)


def test_composition_must_start_with_the_framework_and_end_names_with_a_catch_all(
    catalog: Any,
) -> None:
    data = composition_data()
    data["roles"] = {"server": data["roles"]["server"], **data["roles"]}
    data["names"].pop()
    found = dict(
        composition_problems(
            Composition.model_validate(data), catalog.decision_tree, set(catalog.libraries)
        )
    )
    assert "must start with the 'framework' role" in found["roles"]
    assert "end with one" in found["names"]


def test_catalog_reports_composition_problems_with_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("schema"))
    target = data / "composition.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("library: flask-wtf", "library: flask-wtform"), "utf-8")
    with pytest.raises(DataError) as caught:
        load_catalog(data)
    [problem] = caught.value.problems
    assert problem.file.endswith("composition.yaml")
    assert problem.field.startswith("roles.forms.candidates[0].library")
    assert "flask-wtform" in target.read_text(encoding="utf-8").splitlines()[problem.line - 1]


def test_composition_model_rejects_bad_shapes() -> None:
    data = composition_data()
    data["roles"]["cache"]["pick"] = "some"
    data["roles"]["deployment"]["when"] = [{}]
    with pytest.raises(ValueError, match=r"pick[\s\S]*'first' or 'all'[\s\S]*at least 1 item"):
        Composition.model_validate(data)
