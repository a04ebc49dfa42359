"""Hash and verify passwords with pwdlib and Argon2.

pip install "pwdlib[argon2]"
"""

from pwdlib import PasswordHash

# Argon2id with pwdlib's recommended parameters.
password_hash = PasswordHash.recommended()


def hash_password(password: str) -> str:
    return password_hash.hash(password)


def verify_password(plain_password: str, hashed_password: str) -> bool:
    return password_hash.verify(plain_password, hashed_password)


def verify_and_update(plain_password: str, hashed_password: str) -> tuple[bool, str | None]:
    """Verify, and get a new hash when the stored one uses outdated parameters.

    Store the returned hash when it is not None (for example after raising the cost).
    """
    return password_hash.verify_and_update(plain_password, hashed_password)
