"""data/examples/password_hashing.py: Argon2 hashes with pwdlib."""

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher


def test_hash_and_verify(load_example):
    module = load_example("password_hashing.py")
    hashed = module.hash_password("correct horse battery staple")

    assert hashed.startswith("$argon2id$")
    assert module.verify_password("correct horse battery staple", hashed) is True
    assert module.verify_password("wrong password", hashed) is False
    # a random salt per hash
    assert module.hash_password("correct horse battery staple") != hashed


def test_verify_and_update_rehashes_outdated_parameters(load_example):
    module = load_example("password_hashing.py")
    current = module.hash_password("s3cret-password")
    assert module.verify_and_update("s3cret-password", current) == (True, None)

    weak = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8 * 1024),)).hash("s3cret-password")
    valid, new_hash = module.verify_and_update("s3cret-password", weak)
    assert valid is True
    assert new_hash is not None and new_hash != weak
    assert module.verify_password("s3cret-password", new_hash)
    assert module.verify_and_update("wrong", weak) == (False, None)
