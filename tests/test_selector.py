"""The selector's decisions on the guide's real data, its input handling, and the tree checks."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from macros.catalog import DATA_DIR, DataError, load_catalog
from macros.decision import DecisionTree, tree_problems
from macros.selector_data import selector_payload
from selector import apply_preset, parse_query, recommend, to_query
from selector.links import MAX_QUERY_LENGTH

QUESTIONS = {
    "app_type": ["api", "web", "hybrid"],
    "performance": ["high", "standard"],
    "team": ["beginner", "advanced"],
    "frontend": ["modern", "traditional"],
    "async": ["yes", "no"],
    "realtime": ["yes", "no"],
    "api_docs": ["yes", "no"],
    "microservices": ["yes", "no"],
    "web_features": ["yes", "no"],
    "admin": ["yes", "no"],
}
# The source guide's "Specific Use Case Recommendations".
SEED_CHOICE = {
    "mobile_api": "fastapi",
    "enterprise_api": "fastapi",
    "saas": "fastapi",
    "microservices": "fastapi",
    "ml_api": "fastapi",
    "mvp_api": "fastapi",
    "cms": "flask",
    "ecommerce": "flask",
    "legacy": "flask",
    "mvp_web": "flask",
}
DJANGO_RULE = {"app_type": "web", "web_features": "yes", "admin": "yes", "microservices": "no"}
RESULT_KEYS = {
    "framework",
    "framework_name",
    "runner_up",
    "scores",
    "tied",
    "reasons",
    "sharpen",
    "stack",
    "sharpen_stack",
    "pyproject",
    "answers",
    "ignored",
    "errors",
}


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load_catalog()


@pytest.fixture(scope="module")
def payload(catalog: Any) -> dict[str, Any]:
    return selector_payload(catalog)


def all_answer_sets(payload: dict[str, Any]) -> list[dict[str, str]]:
    """Every combination of answers, each question also left open."""
    questions = payload["questions"]
    choices = [[None, *(a["value"] for a in q["answers"])] for q in questions]
    return [
        {q["id"]: v for q, v in zip(questions, combo, strict=True) if v is not None}
        for combo in itertools.product(*choices)
    ]


def completions(payload: dict[str, Any], fixed: dict[str, str]) -> list[dict[str, str]]:
    open_questions = [q for q in payload["questions"] if q["id"] not in fixed]
    choices = [[None, *(a["value"] for a in q["answers"])] for q in open_questions]
    return [
        {**fixed, **{q["id"]: v for q, v in zip(open_questions, combo, strict=True) if v}}
        for combo in itertools.product(*choices)
    ]


# The public contract -------------------------------------------------------------------------


def test_question_ids_and_values_are_the_contract(payload: dict[str, Any]) -> None:
    found = {q["id"]: [a["value"] for a in q["answers"]] for q in payload["questions"]}
    assert found == QUESTIONS


def test_presets_are_the_seed_use_cases(payload: dict[str, Any], catalog: Any) -> None:
    assert {p["id"] for p in payload["presets"]} == set(SEED_CHOICE)
    assert {uid: case.choice for uid, case in catalog.use_cases.items()} == SEED_CHOICE
    assert all(p["use_case"] == p["id"] for p in payload["presets"])


def test_candidates_and_payload_is_plain_json(payload: dict[str, Any]) -> None:
    assert [c["slug"] for c in payload["candidates"]] == ["fastapi", "flask", "django"]
    assert json.loads(json.dumps(payload)) == payload


def test_weights_are_integers(payload: dict[str, Any]) -> None:
    for question in payload["questions"]:
        for answer in question["answers"]:
            assert all(type(points) is int for points in answer["weights"].values())


def test_real_tree_has_no_problems(catalog: Any) -> None:
    problems = tree_problems(catalog.decision_tree, set(catalog.libraries), set(catalog.use_cases))
    assert problems == []


# The seed's recommendations ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEED_CHOICE))
def test_preset_gives_the_seed_framework(payload: dict[str, Any], name: str) -> None:
    result = recommend(payload, apply_preset(payload, name))
    assert result["framework"] == SEED_CHOICE[name]
    assert result["errors"] == [] and result["ignored"] == []
    assert result["reasons"]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # Selection Decision Tree
        ({"app_type": "api"}, "fastapi"),
        ({"app_type": "web"}, "flask"),
        ({"app_type": "hybrid", "frontend": "modern", "api_docs": "yes"}, "fastapi"),
        ({"app_type": "hybrid", "frontend": "traditional", "web_features": "yes"}, "flask"),
        ({"performance": "high"}, "fastapi"),
        ({"performance": "standard"}, "flask"),
        ({"team": "beginner"}, "flask"),
        ({"team": "advanced"}, "fastapi"),
        ({"frontend": "modern"}, "fastapi"),
        ({"frontend": "traditional"}, "flask"),
        # Decision Questions Summary
        ({"async": "yes"}, "fastapi"),
        ({"async": "no"}, "flask"),
        ({"realtime": "yes"}, "fastapi"),
        ({"api_docs": "yes"}, "fastapi"),
        ({"api_docs": "no"}, "flask"),
        ({"microservices": "yes"}, "fastapi"),
        ({"microservices": "no"}, "flask"),
        ({"web_features": "yes"}, "flask"),
        ({"web_features": "no"}, "fastapi"),
    ],
)
def test_seed_decision_examples(
    payload: dict[str, Any], answers: dict[str, str], expected: str
) -> None:
    assert recommend(payload, answers)["framework"] == expected


def test_django_rule_holds_whatever_else_is_answered(payload: dict[str, Any]) -> None:
    cases = completions(payload, DJANGO_RULE)
    assert len(cases) == 3**6
    losers = [answers for answers in cases if recommend(payload, answers)["framework"] != "django"]
    assert losers == []
    result = recommend(payload, DJANGO_RULE)
    admin = [part for part in result["stack"]["parts"] if part["role"] == "admin"]
    assert [(part["slug"], part["builtin"]) for part in admin] == [("django", True)]
    assert result["stack"]["closest"]["slug"] == "traditional-monolith"


def test_cms_names_the_admin_question_that_would_switch_to_django(
    payload: dict[str, Any],
) -> None:
    result = recommend(payload, apply_preset(payload, "cms"))
    admin = next(item for item in result["sharpen"] if item["question"] == "admin")
    assert admin["flips"] == [{"answer": "yes", "label": "Yes", "framework": "django"}]


def test_microservices_preset_is_the_modern_microservices_stack(payload: dict[str, Any]) -> None:
    stack = recommend(payload, apply_preset(payload, "microservices"))["stack"]
    assert stack["equals"] == "modern-microservices"
    assert stack["closest"]["name"] == "Modern microservices stack"


def test_fastapi_is_served_by_uvicorn(payload: dict[str, Any]) -> None:
    parts = recommend(payload, apply_preset(payload, "mvp_api"))["stack"]["parts"]
    assert [part["slug"] for part in parts if part["role"] == "framework"] == ["fastapi"]
    assert [part["slug"] for part in parts if part["role"] == "server"] == ["uvicorn"]


def test_pyproject_block_uses_recommended_versions(payload: dict[str, Any], catalog: Any) -> None:
    result = recommend(payload, apply_preset(payload, "microservices"))
    parsed = tomllib.loads(result["pyproject"])
    fastapi = catalog.libraries["fastapi"]
    extras = f"[{','.join(fastapi.extras)}]" if fastapi.extras else ""
    expected = f"{fastapi.package}{extras}>={fastapi.recommended_version}"
    assert expected in parsed["project"]["dependencies"]
    assert parsed["project"]["requires-python"] == f">={catalog.versions.python}"
    assert any(line.startswith("pytest>=") for line in parsed["dependency-groups"]["dev"])
    assert not any(line.startswith("pytest") for line in parsed["project"]["dependencies"])


# Every combination ---------------------------------------------------------------------------


def check_result(payload: dict[str, Any], answers: dict[str, str], result: dict[str, Any]) -> None:
    scores = result["scores"]
    slugs = [c["slug"] for c in payload["candidates"]]
    assert set(result) >= RESULT_KEYS
    assert list(scores) == slugs and all(type(v) is int for v in scores.values())
    best = max(scores.values())
    assert result["framework"] == next(s for s in slugs if scores[s] == best)
    check_runner_up(result)
    assert result["errors"] == []
    assert set(result["answers"]) | {i["question"] for i in result["ignored"]} == set(answers)
    assert [r["question"] for r in result["reasons"]] == list(result["answers"])
    assert bool(result["reasons"]) == bool(result["answers"])
    framework_part = result["stack"]["parts"][0]
    assert framework_part["role"] == "framework" and framework_part["slug"] == result["framework"]
    assert f'"{framework_part["package"]}' in result["pyproject"]
    check_stack(result)


def check_runner_up(result: dict[str, Any]) -> None:
    """No runner-up without points; every candidate on the runner-up's points is named."""
    scores, runner_up = result["scores"], result["runner_up"]
    others = {slug: points for slug, points in scores.items() if slug != result["framework"]}
    if max(others.values()) <= 0:
        assert runner_up is None
        return
    best = max(others.values())
    assert runner_up["points"] == best
    assert runner_up["slugs"] == [slug for slug, points in others.items() if points == best]
    assert runner_up["tied_with_winner"] == (best == scores[result["framework"]])


def check_stack(result: dict[str, Any]) -> None:
    """The composition's promises, for one result."""
    answers, parts = result["answers"], result["stack"]["parts"]
    roles = {part["role"] for part in parts}
    if answers.get("microservices") != "yes":
        assert "deployment" not in roles and "http_client" not in roles
    if answers.get("realtime") != "yes":
        assert "realtime" not in roles
    if answers.get("microservices") != "yes" and answers.get("performance") != "high":
        assert "task_queue" not in roles
    for part in parts:
        assert part["reason"].strip() and part["because_of"], part
        for cause in part["because_of"]:
            if cause["question"] == "framework":
                assert cause["answer"] == result["framework"]
            else:
                assert answers[cause["question"]] == cause["answer"], part
    packages = [part["package"].lower() for part in parts if part["package"]]
    assert len(packages) == len(set(packages)), packages
    kind = result["stack"]["name"].replace(result["framework_name"], "")
    if answers.get("app_type") == "web":
        assert "API" not in kind
    if answers.get("app_type") == "api":
        assert "web" not in kind


def test_every_combination_gives_a_result(payload: dict[str, Any]) -> None:
    cases = all_answer_sets(payload)
    assert len(cases) == 4 * 3**9
    blocks: dict[str, tuple[set[str], set[str]]] = {}
    for index, answers in enumerate(cases):
        result = recommend(payload, answers)
        check_result(payload, answers, result)
        installed = (packages(result, dev=False), packages(result, dev=True))
        assert blocks.setdefault(result["pyproject"], installed) == installed
        if index % 97 == 0:
            text = json.dumps(result, sort_keys=True, ensure_ascii=False)
            assert (
                json.dumps(recommend(payload, answers), sort_keys=True, ensure_ascii=False) == text
            )
        if index % 211 == 0 or (result["ignored"] and index % 101 == 0):
            trials = trial_results(payload, answers, result)
            check_sharpen(payload, result, trials)
            check_sharpen_stack(payload, result, trials)
    assert len(blocks) > 10
    for block, (runtime, dev) in blocks.items():
        parsed = tomllib.loads(block)
        assert {requirement_name(line) for line in parsed["project"]["dependencies"]} == runtime
        dev_lines = parsed.get("dependency-groups", {}).get("dev", [])
        assert {requirement_name(line) for line in dev_lines} == dev - runtime


def packages(result: dict[str, Any], *, dev: bool) -> set[str]:
    """The packages the chosen parts install: what the pyproject block must list, and only it."""
    parts = result["stack"]["parts"]
    return {part["package"].lower() for part in parts if part["package"] and part["dev"] == dev}


def requirement_name(line: str) -> str:
    match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[a-z0-9,-]+\])?(>=[0-9][0-9a-z.]*)?$", line)
    assert match, f"not a plain PEP 508 requirement: {line!r}"
    return match.group(1).lower()


Trials = dict[tuple[str, str], dict[str, Any]]


def trial_results(
    payload: dict[str, Any], answers: dict[str, str], result: dict[str, Any]
) -> Trials:
    """The result with one more answer, for every open question and each of its answers."""
    return {
        (q["id"], a["value"]): recommend(payload, {**answers, q["id"]: a["value"]})
        for q in payload["questions"]
        if q["id"] not in result["answers"]
        for a in q["answers"]
    }


def check_sharpen_stack(payload: dict[str, Any], result: dict[str, Any], trials: Trials) -> None:
    """Each listed answer adds and drops exactly the listed parts; no other answer changes any."""

    def keys(parts: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [(part["role"], part["slug"]) for part in parts]

    listed = {item["question"]: item for item in result["sharpen_stack"]}
    now = keys(result["stack"]["parts"])
    for question in payload["questions"]:
        qid = question["id"]
        asked = all(result["answers"].get(k) in v for k, v in question["ask_if"].items())
        if qid in result["answers"] or not asked:
            assert qid not in listed
            continue
        changes = []
        for answer in question["answers"]:
            other = trials[(qid, answer["value"])]
            after = keys(other["stack"]["parts"])
            adds = [key for key in after if key not in now]
            drops = [key for key in now if key not in after]
            if adds or drops:
                changes.append((answer["value"], other["framework"], adds, drops))
        found = [
            (c["answer"], c["framework"], keys(c["adds"]), keys(c["drops"]))
            for c in listed.get(qid, {"changes": []})["changes"]
        ]
        assert found == changes, qid


SWEEP = """
import hashlib, itertools, json, sys
from selector import recommend
payload = json.loads(sys.stdin.read())
questions = payload["questions"]
choices = [[None, *(a["value"] for a in q["answers"])] for q in questions]
digest = hashlib.sha256()
for combo in itertools.islice(itertools.product(*choices), 0, None, 13):
    answers = {q["id"]: v for q, v in zip(questions, combo) if v is not None}
    result = recommend(payload, answers)
    digest.update(json.dumps(result, sort_keys=True, ensure_ascii=False).encode())
print(digest.hexdigest())
"""


def test_results_do_not_depend_on_hash_seed(payload: dict[str, Any]) -> None:
    """Set or dict order leaking into a result would show here (and break the Pyodide test)."""
    digests = set()
    for seed in ("0", "4242"):
        run = subprocess.run(
            [sys.executable, "-c", SWEEP],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
            check=True,
        )
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def check_sharpen(payload: dict[str, Any], result: dict[str, Any], trials: Trials) -> None:
    """Each listed question flips the winner with the listed answers, and no other does."""
    listed = {item["question"]: item for item in result["sharpen"]}
    for question in payload["questions"]:
        qid = question["id"]
        if qid in result["answers"]:
            assert qid not in listed
            continue
        flips = []
        for answer in question["answers"]:
            other = trials[(qid, answer["value"])]["framework"]
            if other != result["framework"]:
                flips.append(
                    {"answer": answer["value"], "label": answer["label"], "framework": other}
                )
        asked = all(result["answers"].get(k) in v for k, v in question["ask_if"].items())
        if flips and asked:
            assert listed[qid]["flips"] == flips
        else:
            assert qid not in listed


def test_empty_answers_still_get_a_result_and_ties_go_to_the_first_candidate(
    payload: dict[str, Any],
) -> None:
    result = recommend(payload, {})
    assert result["framework"] == "fastapi" and result["runner_up"] is None
    assert result["tied"] == ["fastapi", "flask", "django"]
    assert result["reasons"] == [] and result["errors"] == []
    assert {item["question"] for item in result["sharpen"]} >= {"app_type", "web_features"}
    assert recommend(payload, None)["framework"] == "fastapi"


def test_admin_is_ignored_for_an_api(payload: dict[str, Any]) -> None:
    result = recommend(payload, {"app_type": "api", "admin": "yes"})
    assert result["answers"] == {"app_type": "api"}
    assert result["ignored"] == [
        {
            "question": "admin",
            "answer": "yes",
            "reason": "only asked when app_type is web or hybrid",
        }
    ]
    assert result["errors"] == []


# Bad input -----------------------------------------------------------------------------------


def test_bad_answers_become_errors_not_exceptions(payload: dict[str, Any]) -> None:
    result = recommend(
        payload,
        {"nope": "x", "app_type": " API ", "team": 5, "frontend": "mobile", "realtime": ""},
    )
    assert result["answers"] == {"app_type": "api"}
    assert result["framework"] == "fastapi"
    errors = result["errors"]
    assert len(errors) == 3
    assert "unknown question 'nope'" in errors[0] and "app_type" in errors[0]
    assert "'team'" in errors[1] and "int" in errors[1]
    assert "'mobile' is not an answer to 'frontend'" in errors[2] and "modern" in errors[2]


@pytest.mark.parametrize("answers", [[("app_type", "api")], "app_type=api", 42])
def test_answers_that_are_not_a_mapping(payload: dict[str, Any], answers: object) -> None:
    result = recommend(payload, answers)
    assert result["answers"] == {}
    assert result["errors"] and "mapping" in result["errors"][0]


def test_many_bad_answers_are_capped_and_long_text_is_cut(payload: dict[str, Any]) -> None:
    result = recommend(payload, {f"q{i}" + "x" * 5000: "y" for i in range(500)})
    assert len(result["errors"]) == 21
    assert "480 more" in result["errors"][-1]
    assert max(len(error) for error in result["errors"]) < 400


def test_apply_preset_unknown_name(payload: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"unknown preset 'nope'.*cms"):
        apply_preset(payload, "nope")


# Shareable links -----------------------------------------------------------------------------


def test_query_round_trip(payload: dict[str, Any]) -> None:
    for preset in payload["presets"]:
        answers = apply_preset(payload, preset["id"])
        query = to_query(answers)
        assert parse_query(payload, query) == (
            {q["id"]: answers[q["id"]] for q in payload["questions"] if q["id"] in answers},
            [],
        )
        assert parse_query(payload, "?" + query)[0] == parse_query(payload, query)[0]


def test_to_query_is_canonical() -> None:
    assert to_query({"realtime": "yes", "app_type": "api"}) == "app_type=api&realtime=yes"
    assert to_query({"app_type": "a&b=c", "team": ""}) == "app_type=a%26b%3Dc"
    assert to_query({1: "x", "team": None, "async": "yes"}) == "async=yes"  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("query", "answers", "error"),
    [
        ("app_type=api&nope=1", {"app_type": "api"}, "unknown question 'nope'"),
        ("app_type=desktop", {}, "'desktop' is not an answer to 'app_type'"),
        ("app_type=api&app_type=web", {"app_type": "api"}, "more than once; kept the first"),
        ("app_type", {}, "expected question=answer"),
        ("app%5Ftype=web+&team=", {"app_type": "web"}, None),
        ("a" * (MAX_QUERY_LENGTH + 1), {}, "over the limit"),
        ("&".join(["team=beginner"] * 60), {"team": "beginner"}, "read only the first 50"),
        ("%ff%fe=%00", {}, "unknown question"),
    ],
)
def test_parse_query_ignores_bad_fields(
    payload: dict[str, Any], query: str, answers: dict[str, str], error: str | None
) -> None:
    found, errors = parse_query(payload, query)
    assert found == answers
    if error is None:
        assert errors == []
    else:
        assert any(error in message for message in errors), errors
        assert all(len(message) < 400 for message in errors)


def test_parse_query_rejects_non_text(payload: dict[str, Any]) -> None:
    assert parse_query(payload, None) == (
        {},
        ["the link's query must be text, got a value of type NoneType; ignored"],
    )


# Tree checks ---------------------------------------------------------------------------------


def tree_data() -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / "decision_tree.yaml").read_text(encoding="utf-8"))


def problems_for(catalog: Any, data: dict[str, Any]) -> dict[str, str]:
    tree = DecisionTree.model_validate(data)
    found = tree_problems(tree, set(catalog.libraries), set(catalog.use_cases))
    return dict(found)


def test_tree_problems_name_the_field_and_the_fix(catalog: Any) -> None:
    data = tree_data()
    data["candidates"].append("bottle-py")
    questions = data["questions"]
    questions["team"]["answers"]["advanced"]["weights"]["litestar"] = 1
    questions["frontend"]["ask_if"] = {"app_type": ["desktop"]}
    questions["realtime"]["ask_if"] = {"web_features": ["yes"]}
    questions["api_docs"]["ask_if"] = {"colour": ["blue"]}
    data["presets"]["cms"]["use_case"] = "blog"
    data["presets"]["cms"]["answers"]["colour"] = "red"
    data["presets"]["ecommerce"]["answers"]["app_type"] = "desktop"
    data["presets"]["mvp_api"]["answers"]["admin"] = "yes"
    found = problems_for(catalog, data)
    expected = {
        "candidates.3": "add data/libraries/bottle-py.yaml",
        "questions.team.answers.advanced.weights.litestar": "not a candidate",
        "questions.frontend.ask_if.app_type.0": "'desktop' is not an answer of 'app_type'",
        "questions.realtime.ask_if.web_features": "move 'realtime' after 'web_features'",
        "questions.api_docs.ask_if.colour": "question 'colour', which does not exist",
        "presets.cms.use_case": "not in data/use_cases.yaml",
        "presets.cms.answers.colour": "question 'colour', which does not exist",
        "presets.ecommerce.answers.app_type": "'desktop' is not an answer of 'app_type'",
        "presets.mvp_api.answers.admin": "only asked when app_type in [web, hybrid]",
    }
    for path, text in expected.items():
        assert path in found, (path, found)
        assert text in found[path], (path, found[path])
    assert set(found) == set(expected)


def test_unreachable_question_is_reported(catalog: Any) -> None:
    data = tree_data()
    # team only for APIs, frontend only for web apps with a beginner team: never both.
    data["questions"]["team"]["ask_if"] = {"app_type": ["api"]}
    data["questions"]["frontend"]["ask_if"] = {"app_type": ["web"], "team": ["beginner"]}
    data["presets"]["cms"]["answers"].pop("frontend")
    data["presets"]["ecommerce"]["answers"].pop("frontend")
    data["presets"]["legacy"]["answers"].pop("frontend")
    data["presets"]["saas"]["answers"].pop("frontend")
    data["presets"]["mobile_api"]["answers"].pop("frontend")
    data["presets"]["mvp_web"]["answers"].pop("team")
    found = problems_for(catalog, data)
    assert list(found) == ["questions.frontend.ask_if"]
    assert "never asked" in found["questions.frontend.ask_if"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(colour="red"), "Extra inputs are not permitted"),
        (lambda d: d["presets"]["cms"]["answers"].update(realtime=False), 'write "no" in quotes'),
        (
            lambda d: d["questions"]["team"]["answers"]["advanced"].update(
                weights={"fastapi": 1.5}
            ),
            "valid integer",
        ),
        (lambda d: d["questions"]["team"]["answers"].pop("beginner"), "at least 2 items"),
    ],
)
def test_model_rejects_bad_shapes(change: Any, message: str) -> None:
    data = tree_data()
    change(data)
    with pytest.raises(ValidationError, match=message):
        DecisionTree.model_validate(data)


def test_catalog_reports_tree_problems_with_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("schema"))
    tree_file = data / "decision_tree.yaml"
    text = tree_file.read_text(encoding="utf-8")
    tree_file.write_text(text.replace("use_case: legacy", "use_case: legazy"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalog(data)
    [problem] = caught.value.problems
    assert problem.file.endswith("decision_tree.yaml")
    assert problem.field == "presets.legacy.use_case"
    assert problem.line
    assert "legazy" in tree_file.read_text(encoding="utf-8").splitlines()[problem.line - 1]
