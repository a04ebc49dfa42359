"""data/examples/app_settings.py: load settings from a temporary .env file."""

import pytest
from pydantic import ValidationError

ENV_NAMES = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # env_file=".env" is relative to the working directory
    return tmp_path


def test_reads_the_env_file(load_example, clean_env):
    (clean_env / ".env").write_text(
        "DATABASE_URL=postgresql+asyncpg://app:pw@db/app\nSECRET_KEY=very-secret-value\n",
        encoding="utf-8",
    )
    module = load_example("app_settings.py")
    settings = module.Settings()

    assert settings.database_url == "postgresql+asyncpg://app:pw@db/app"
    assert settings.redis_url == "redis://localhost:6379/0"  # the default
    assert settings.secret_key.get_secret_value() == "very-secret-value"
    assert "very-secret-value" not in repr(settings)
    assert module.get_settings() is module.get_settings()  # read once, cached


def test_environment_variables_override_the_env_file(load_example, clean_env, monkeypatch):
    (clean_env / ".env").write_text(
        "DATABASE_URL=sqlite:///from-file.db\nSECRET_KEY=x\nREDIS_URL=redis://file:6379/0\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("REDIS_URL", "redis://from-env:6379/1")
    settings = load_example("app_settings.py").Settings()
    assert settings.redis_url == "redis://from-env:6379/1"
    assert settings.database_url == "sqlite:///from-file.db"


def test_missing_required_settings_fail_loudly(load_example, clean_env):
    module = load_example("app_settings.py")
    with pytest.raises(ValidationError) as excinfo:
        module.Settings()
    missing = {error["loc"][0] for error in excinfo.value.errors() if error["type"] == "missing"}
    assert missing == {"database_url", "secret_key"}
