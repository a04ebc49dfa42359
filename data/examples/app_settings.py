"""Typed application settings from environment variables and a .env file.

pip install pydantic-settings
"""

from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    # Environment variables win over the .env file; names are case-insensitive.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8")

    database_url: str
    redis_url: str = "redis://localhost:6379/0"
    secret_key: SecretStr  # hidden in repr() and logs; use .get_secret_value()


@lru_cache
def get_settings() -> Settings:
    """Read the settings once; use as a FastAPI dependency: Depends(get_settings)."""
    return Settings()
