"""data/examples/jwt_tokens.py: encode, decode and expire tokens with PyJWT."""

import secrets
import time
from datetime import timedelta

import jwt
import pytest

# A key shorter than the HS256 minimum would only warn; make that an error here.
pytestmark = pytest.mark.filterwarnings("error::jwt.warnings.InsecureKeyLengthWarning")

SECRET = secrets.token_hex(32)


def test_round_trip_and_expiry_claim(load_example):
    module = load_example("jwt_tokens.py")
    before = int(time.time())
    token = module.create_access_token("user-42", SECRET)
    claims = module.decode_access_token(token, SECRET)

    assert claims["sub"] == "user-42"
    assert claims["exp"] - claims["iat"] == 15 * 60
    # exp is a UTC timestamp: about 15 minutes from now, whatever the local timezone
    assert before + 15 * 60 - 2 <= claims["exp"] <= int(time.time()) + 15 * 60 + 2
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_expired_token_is_rejected(load_example):
    module = load_example("jwt_tokens.py")
    token = module.create_access_token("user-42", SECRET, expires_delta=timedelta(seconds=-1))
    with pytest.raises(jwt.ExpiredSignatureError):
        module.decode_access_token(token, SECRET)


def test_wrong_key_is_rejected(load_example):
    module = load_example("jwt_tokens.py")
    token = module.create_access_token("user-42", SECRET)
    with pytest.raises(jwt.InvalidSignatureError):
        module.decode_access_token(token, secrets.token_hex(32))


def test_unsigned_or_incomplete_tokens_are_rejected(load_example):
    module = load_example("jwt_tokens.py")
    unsigned = jwt.encode({"sub": "admin", "exp": int(time.time()) + 60}, None, algorithm="none")
    with pytest.raises(jwt.InvalidAlgorithmError):
        module.decode_access_token(unsigned, SECRET)

    no_expiry = jwt.encode({"sub": "user-42"}, SECRET, algorithm="HS256")
    with pytest.raises(jwt.MissingRequiredClaimError):
        module.decode_access_token(no_expiry, SECRET)
