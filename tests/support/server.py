"""A static file server for the built site on 127.0.0.1, as a static host would serve it:
correct MIME types (``application/wasm``, JavaScript modules), optional gzip, optional headers
(a Content-Security-Policy for the hardening tests)."""

from __future__ import annotations

import gzip
import io
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml")


class SiteHandler(SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return MIME_TYPES.get(Path(path).suffix) or super().guess_type(path)

    extra_headers: ClassVar[dict[str, str]] = {}
    compress = False

    requests: ClassVar[list[str]] = []
    sent: ClassVar[list[tuple[str, int]]] = []
    _length = 0

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self._length = int(value)
        super().send_header(keyword, value)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.requests.append(self.path)

    def finish(self) -> None:
        if self._length:
            self.sent.append((self.path, self._length))
        super().finish()

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            target = target / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (
            self.compress and wants_gzip and target.suffix in COMPRESSIBLE and target.is_file()
        ):
            return super().send_head()
        body = gzip.compress(target.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(target.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser that drops a connection mid-transfer is not a test failure


class SiteServer:
    """``with SiteServer(site) as server: server.url``, on a free port of 127.0.0.1."""

    def __init__(
        self, root: Path, *, headers: dict[str, str] | None = None, compress: bool = False
    ):
        self.requests: list[str] = []
        self.sent: list[tuple[str, int]] = []  # (path, body bytes) of every response with a body
        handler = type(
            "Handler",
            (SiteHandler,),
            {
                "extra_headers": dict(headers or {}),
                "compress": compress,
                "requests": self.requests,
                "sent": self.sent,
            },
        )
        self.httpd = QuietServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
