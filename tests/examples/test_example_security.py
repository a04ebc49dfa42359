"""data/examples/security_middleware.py: trusted hosts and CORS, through the real middleware."""

import pytest
from fastapi.testclient import TestClient

ALLOWED_ORIGIN = "https://app.example.com"


@pytest.fixture
def app(load_example):
    return load_example("security_middleware.py").app


def test_allowed_hosts_pass(app):
    for host in ("example.com", "api.example.com"):
        response = TestClient(app, base_url=f"https://{host}").get("/health")
        assert response.status_code == 200, host
        assert response.json() == {"status": "ok"}


def test_bad_host_header_is_rejected(app):
    client = TestClient(app, base_url="https://example.com")
    response = client.get("/health", headers={"Host": "evil.example.net"})
    assert response.status_code == 400
    assert response.text == "Invalid host header"


def test_preflight_from_allowed_origin(app):
    client = TestClient(app, base_url="https://example.com")
    response = client.options(
        "/health",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert methods == {"GET", "POST", "PUT", "DELETE"}
    assert "authorization" in response.headers["access-control-allow-headers"].lower()
    # credentialed CORS responses must never contain a "*" wildcard
    assert all(
        "*" not in value
        for key, value in response.headers.items()
        if key.startswith("access-control-")
    )


def test_other_origins_and_methods_are_refused(app):
    client = TestClient(app, base_url="https://example.com")
    evil = client.options(
        "/health",
        headers={"Origin": "https://evil.example.net", "Access-Control-Request-Method": "GET"},
    )
    assert evil.status_code == 400
    assert "access-control-allow-origin" not in evil.headers

    patch = client.options(
        "/health", headers={"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "PATCH"}
    )
    assert patch.status_code == 400


def test_simple_request_gets_cors_headers_only_for_allowed_origin(app):
    client = TestClient(app, base_url="https://example.com")
    allowed = client.get("/health", headers={"Origin": ALLOWED_ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert allowed.headers["access-control-allow-credentials"] == "true"

    other = client.get("/health", headers={"Origin": "https://evil.example.net"})
    assert "access-control-allow-origin" not in other.headers
