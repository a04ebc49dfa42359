"""data/examples/pydantic_models.py: validate good and bad input with Pydantic v2."""

import importlib.metadata

import pytest
from pydantic import ValidationError

GOOD = {"id": 1, "email": "ada@example.com", "name": "Ada", "age": 36}


def test_valid_input(load_example):
    module = load_example("pydantic_models.py")
    user = module.User.model_validate(GOOD)
    assert user.email == "ada@example.com"
    assert user.model_dump() == GOOD
    assert module.User.model_validate_json(user.model_dump_json()) == user
    # zero is allowed: the rule is "not negative"
    assert module.User(**{**GOOD, "age": 0}).age == 0


def test_negative_age_is_rejected_by_the_field_validator(load_example):
    module = load_example("pydantic_models.py")
    with pytest.raises(ValidationError) as excinfo:
        module.User(**{**GOOD, "age": -1})
    (error,) = excinfo.value.errors()
    assert error["loc"] == ("age",)
    assert "age must not be negative" in error["msg"]


def test_bad_email_and_types_are_rejected(load_example):
    module = load_example("pydantic_models.py")
    with pytest.raises(ValidationError) as excinfo:
        module.User(id="not-a-number", email="not-an-email", name="Ada", age=3)
    locations = {error["loc"] for error in excinfo.value.errors()}
    assert locations == {("id",), ("email",)}


def test_email_validator_is_installed():
    # EmailStr only works with the optional email-validator package (pydantic[email]).
    assert importlib.metadata.version("email-validator")
