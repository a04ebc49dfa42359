"""A Pydantic v2 model with a field validator and an email field.

pip install "pydantic[email]"   (EmailStr needs the email-validator package)
"""

from pydantic import BaseModel, EmailStr, field_validator


class User(BaseModel):
    id: int
    email: EmailStr
    name: str
    age: int

    @field_validator("age")
    @classmethod
    def age_not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("age must not be negative")
        return value
