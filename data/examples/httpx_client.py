"""Call another HTTP API asynchronously with httpx.

pip install httpx
"""

from typing import Any

import httpx

API_BASE_URL = "https://api.example.com"
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


async def fetch_json(
    path: str,
    *,
    base_url: str = API_BASE_URL,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Any:
    """GET ``path`` and return the decoded JSON; raise httpx.HTTPStatusError on 4xx/5xx.

    In an application, create one AsyncClient at startup (e.g. in FastAPI's lifespan)
    and reuse it, so connections are pooled; ``transport`` lets tests swap the network out.
    """
    async with httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT, transport=transport) as client:
        response = await client.get(path)
        response.raise_for_status()
        return response.json()
