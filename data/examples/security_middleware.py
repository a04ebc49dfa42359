"""Reject unexpected Host headers and allow cross-origin calls from known origins only.

pip install fastapi
"""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()

# With allow_credentials=True (cookies, Authorization headers), list origins, methods and
# headers explicitly: browsers reject a "*" wildcard on credentialed requests.
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com"],
    allow_credentials=True,
    allow_methods=["GET", "POST", "PUT", "DELETE"],
    allow_headers=["Authorization", "Content-Type"],
)
# Added last, so it runs first: requests for any other Host get a 400 response.
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com", "*.example.com"])


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
