"""Tortoise ORM with FastAPI: a model, registered in the app's lifespan.

pip install tortoise-orm fastapi   (add tortoise-orm[asyncpg] for PostgreSQL)
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel
from tortoise import fields, models
from tortoise.contrib.fastapi import RegisterTortoise, tortoise_exception_handlers

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite://db.sqlite3")


class User(models.Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=255, unique=True)
    name = fields.CharField(max_length=255)


class UserIn(BaseModel):
    email: str
    name: str


class UserOut(UserIn):
    id: int


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Opens the connections on startup and closes them on shutdown.
    async with RegisterTortoise(
        app,
        db_url=DATABASE_URL,
        modules={"models": [__name__]},
        generate_schemas=True,  # for development; use migrations in production
    ):
        yield


# DoesNotExist -> 404 and IntegrityError -> 422
app = FastAPI(lifespan=lifespan, exception_handlers=tortoise_exception_handlers())


@app.post("/users", status_code=201)
async def create_user(user: UserIn) -> UserOut:
    created = await User.create(email=user.email, name=user.name)
    return UserOut(id=created.id, email=created.email, name=created.name)


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> UserOut:
    user = await User.get(id=user_id)
    return UserOut(id=user.id, email=user.email, name=user.name)
