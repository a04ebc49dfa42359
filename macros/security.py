"""The site's Content-Security-Policy, derived from the pages themselves.

Scripts may come only from the site's origin, plus the few inline scripts Material writes into
every page, allowed by their SHA-256 hashes (no ``'unsafe-inline'`` for scripts); WebAssembly
may compile (``'wasm-unsafe-eval'``, for Pyodide). Each page gets the policy in a ``<meta>``
tag, so it holds on any static host; ``_headers`` carries the same policy, with the directives
a ``<meta>`` tag cannot hold, for hosts that read that file (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed

HEADERS_FILE = "_headers"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc\s*=)([^>]*)>(.*?)</script>", re.S | re.I)
HEADER_ONLY = "frame-ancestors 'none'"


@declares_outputs
def headers_outputs(catalog: Catalog) -> Iterable[Output]:
    # Written straight into the site folder after the build, so MkDocs would not notice a
    # hand-written docs/_headers being replaced.
    return fixed([HEADERS_FILE], "macros/security.py", "the headers file")


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions for every executable inline script in a page."""
    hashes = set()
    for attributes, body in INLINE_SCRIPT.findall(html):
        if "application/json" in attributes:
            continue  # data blocks are never executed
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.add(f"'sha256-{digest}'")
    return hashes


def content_security_policy(script_hashes: Iterable[str], *, header: bool = False) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted(script_hashes)),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:
        directives.append(HEADER_ONLY)
    return "; ".join(d.strip() for d in directives)


def with_policy_meta(html: str, script_hashes: Iterable[str]) -> str:
    """The page with its policy as the first element of <head>."""
    policy = content_security_policy(script_hashes)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


def headers_file(script_hashes: Iterable[str]) -> str:
    """``_headers`` with one policy for the whole site: every page's inline-script hashes."""
    policy = content_security_policy(script_hashes, header=True)
    return (
        "/*\n"
        f"  Content-Security-Policy: {policy}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n"
        "/*.wasm\n"
        "  Content-Type: application/wasm\n"
    )
