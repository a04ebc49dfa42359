"""data/examples/httpx_client.py: no internet; a MockTransport and a local ASGI app."""

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


@pytest.mark.asyncio
async def test_fetch_json_with_mock_transport(load_example):
    module = load_example("httpx_client.py")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/items/1":
            return httpx.Response(200, json={"id": 1, "name": "widget"})
        return httpx.Response(404, json={"detail": "not found"})

    transport = httpx.MockTransport(handler)
    assert await module.fetch_json("/items/1", transport=transport) == {"id": 1, "name": "widget"}
    assert str(seen[0].url) == "https://api.example.com/items/1"

    with pytest.raises(httpx.HTTPStatusError) as excinfo:
        await module.fetch_json("/items/2", transport=transport)
    assert excinfo.value.response.status_code == 404


@pytest.mark.asyncio
async def test_fetch_json_from_a_local_asgi_app(load_example):
    module = load_example("httpx_client.py")

    async def health(request):
        return JSONResponse({"status": "ok", "host": request.url.hostname})

    app = Starlette(routes=[Route("/health", health)])
    body = await module.fetch_json(
        "/health", base_url="http://service.local", transport=httpx.ASGITransport(app=app)
    )
    assert body == {"status": "ok", "host": "service.local"}


def test_client_has_explicit_timeouts(load_example):
    module = load_example("httpx_client.py")
    assert module.TIMEOUT.connect == 5.0
    assert module.TIMEOUT.read == 10.0
