"""Async tests of a FastAPI app with pytest-asyncio and httpx, without a running server.

pip install pytest pytest-asyncio httpx fastapi
In a project the app comes from your code: from myservice.main import app
"""

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from pydantic import BaseModel, EmailStr

app = FastAPI()


class UserIn(BaseModel):
    email: EmailStr


@app.post("/users", status_code=201)
async def create_user(user: UserIn) -> UserIn:
    return user


@pytest_asyncio.fixture
async def client() -> AsyncIterator[AsyncClient]:
    # ASGITransport sends requests straight to the app, in process.
    transport = ASGITransport(app=app)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.mark.asyncio
async def test_create_user(client: AsyncClient) -> None:
    response = await client.post("/users", json={"email": "test@example.com"})
    assert response.status_code == 201
    assert response.json() == {"email": "test@example.com"}


@pytest.mark.asyncio
async def test_create_user_rejects_bad_email(client: AsyncClient) -> None:
    response = await client.post("/users", json={"email": "not-an-email"})
    assert response.status_code == 422
