"""data/examples/sqlalchemy_async.py against a real in-memory SQLite database (aiosqlite)."""

from collections.abc import AsyncIterator
from types import ModuleType

import pytest
import pytest_asyncio
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase


@pytest_asyncio.fixture
async def db(load_example, monkeypatch) -> AsyncIterator[ModuleType]:
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///:memory:")
    module = load_example("sqlalchemy_async.py")
    await module.create_tables()
    yield module
    await module.engine.dispose()


def test_uses_the_sqlalchemy_2_declarative_and_async_session_api(load_example, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///:memory:")
    module = load_example("sqlalchemy_async.py")
    assert issubclass(module.Base, DeclarativeBase)
    assert isinstance(module.SessionLocal, async_sessionmaker)
    assert module.SessionLocal.class_ is AsyncSession
    assert module.User.__table__.c.email.unique is True


def test_default_url_builds_an_asyncpg_engine_without_connecting(load_example, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    module = load_example("sqlalchemy_async.py")
    assert module.engine.url.drivername == "postgresql+asyncpg"
    assert module.engine.dialect.driver == "asyncpg"


@pytest.mark.asyncio
async def test_insert_and_select_users(db):
    async with db.SessionLocal() as session:
        created = await db.add_user(session, "ada@example.com", "Ada")
        assert created.id is not None
        # expire_on_commit=False: attributes stay readable after commit without a new query
        assert created.name == "Ada"

    async with db.SessionLocal() as session:
        found = await db.get_user_by_email(session, "ada@example.com")
        missing = await db.get_user_by_email(session, "nobody@example.com")
        count = await session.scalar(select(func.count()).select_from(db.User))
    assert found is not None
    assert (found.id, found.email, found.name) == (created.id, "ada@example.com", "Ada")
    assert missing is None
    assert count == 1


@pytest.mark.asyncio
async def test_email_is_unique(db):
    async with db.SessionLocal() as session:
        await db.add_user(session, "ada@example.com", "Ada")
        with pytest.raises(IntegrityError):
            await db.add_user(session, "ada@example.com", "Someone else")


@pytest.mark.asyncio
async def test_get_session_dependency_yields_a_working_session(db):
    sessions = db.get_session()
    session = await anext(sessions)
    assert isinstance(session, AsyncSession)
    await db.add_user(session, "grace@example.com", "Grace")
    assert (await db.get_user_by_email(session, "grace@example.com")).name == "Grace"
    await sessions.aclose()
