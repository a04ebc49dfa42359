"""Issue and check JSON Web Tokens with PyJWT.

pip install pyjwt
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

ALGORITHM = "HS256"
ACCESS_TOKEN_EXPIRE = timedelta(minutes=15)


def create_access_token(
    subject: str, secret_key: str, expires_delta: timedelta = ACCESS_TOKEN_EXPIRE
) -> str:
    """Sign a token for ``subject`` (a user id) that expires after ``expires_delta``.

    Load ``secret_key`` from your settings, at least 32 random bytes for HS256
    (``openssl rand -hex 32``); never commit it.
    """
    now = datetime.now(UTC)  # timezone-aware; datetime.utcnow() is deprecated
    payload = {"sub": subject, "iat": now, "exp": now + expires_delta}
    return jwt.encode(payload, secret_key, algorithm=ALGORITHM)


def decode_access_token(token: str, secret_key: str) -> dict[str, Any]:
    """Return the claims, or raise jwt.InvalidTokenError (ExpiredSignatureError if expired)."""
    # Pass the accepted algorithms explicitly so a token cannot choose its own.
    return jwt.decode(
        token, secret_key, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]}
    )
