"""Files the site ships beside its pages: the selector's Python package (as one zip), the
front-end runtimes installed from npm (Pyodide, tablesort), copied under ``assets/``, and the
selector's worker with the names of this build's runtime files written in.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed

# Only what a page needs to start Pyodide and run the standard-library selector: no wheels,
# no micropip, no lock file (the worker passes one that lists no packages), and the trimmed
# standard library of ``macros.stdlib`` instead of the package's.
PYODIDE_COPIED = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
)
PYODIDE_LOCK = "pyodide-lock.json"
# The runtime files a page fetches: the loader, ``pyodide.asm.mjs``, the packed wasm (in place
# of the plain one) and the standard library. After a visit the runtime cache also holds the
# wasm the worker unpacked.
RUNTIME_FILE_COUNT = len(PYODIDE_COPIED) + 1
RUNTIME_ENTRIES_AFTER_A_VISIT = RUNTIME_FILE_COUNT + 1
WORKER = "assets/js/selector-worker.mjs"
# The one line of the worker the build rewrites; as written it starts the npm package's files.
WORKER_RUNTIME_LINE = (
    'const RUNTIME = { stdlib: "python_stdlib.zip", lock: null, cache: null, packedWasm: null, '
    "unpacker: null };\n"
)
# The line naming the memory snapshot a repeat visit may restore (``snapshot_key``).
WORKER_SNAPSHOT_LINE = "const SNAPSHOT = { key: null, heap: 0 };\n"
# Cache Storage names the worker keeps snapshots under; the service worker keeps the current one.
SNAPSHOT_CACHE_PREFIX = "stack-guide-snapshot-"
TABLESORT_FILES = {
    "tablesort.min.js": "dist/tablesort.min.js",
    "tablesort.number.min.js": "dist/sorts/tablesort.number.min.js",
}
# The zstd unpacker the worker imports for the packed wasm (``macros.packed_wasm``): an ES
# module of about 7 KB gzipped, shipped as the npm package has it.
UNPACKER = "assets/vendor/fzstd.mjs"
UNPACKER_SOURCE = Path("fzstd") / "esm" / "index.mjs"

SELECTOR_ARCHIVE = "assets/selector/selector.zip"


@declares_outputs
def asset_outputs(catalog: Catalog) -> Iterable[Output]:
    paths = [f"assets/pyodide/{name}" for name in PYODIDE_COPIED]
    paths += [f"assets/vendor/{name}" for name in TABLESORT_FILES]
    paths.append(UNPACKER)
    return fixed([*paths, SELECTOR_ARCHIVE], "macros/assets.py", "the runtime file")


def runtime_files(project_dir: Path) -> dict[str, Path]:
    """Site path -> file on disk, for everything copied verbatim into the site."""
    modules = project_dir / "node_modules"
    wanted: dict[str, Path] = {}
    for name in PYODIDE_COPIED:
        wanted[f"assets/pyodide/{name}"] = modules / "pyodide" / name
    for name, path in TABLESORT_FILES.items():
        wanted[f"assets/vendor/{name}"] = modules / "tablesort" / path
    wanted[UNPACKER] = modules / UNPACKER_SOURCE
    missing = [str(path) for path in wanted.values() if not path.is_file()]
    if missing:
        raise PluginError(
            f"front-end packages are missing ({missing[0]}); run `npm ci` (or `make build`)"
        )
    return wanted


def selector_archive(project_dir: Path) -> bytes:
    """The ``selector`` package as a zip for the browser, byte-identical for identical sources."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((project_dir / "selector").glob("*.py")):
            info = zipfile.ZipInfo(f"selector/{path.name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def minimal_lock(project_dir: Path) -> dict:
    """Pyodide's lock file without its package list: the selector loads no packages."""
    lock = json.loads((project_dir / "node_modules" / "pyodide" / PYODIDE_LOCK).read_text("utf-8"))
    return {"info": lock["info"], "packages": {}}


def runtime_digest(project_dir: Path, stdlib: bytes) -> str:
    """One hash of every runtime file's content, naming the service worker's runtime cache."""
    digest = hashlib.sha256(stdlib)
    for name in PYODIDE_COPIED:
        digest.update((project_dir / "node_modules" / "pyodide" / name).read_bytes())
    return digest.hexdigest()[:16]


def selector_worker(source: str, runtime: dict[str, Any]) -> str:
    """The worker's text with this build's ``runtime`` written in: the standard library's and
    the packed wasm's names, the lock file, the runtime cache's name, the unpacker's URL."""
    if WORKER_RUNTIME_LINE not in source:
        raise PluginError(f"docs/{WORKER} lost the line the build rewrites: {WORKER_RUNTIME_LINE}")
    written = json.dumps(runtime, sort_keys=True)
    return source.replace(WORKER_RUNTIME_LINE, f"const RUNTIME = {written};\n", 1)


def snapshot_key(runtime: str, archive: bytes, payload: str, worker: str) -> str:
    """Names the heap snapshot by everything in it: the runtime (``runtime_digest``), the
    selector package, its data, and the worker that imports them. A build that changes any
    of them gets a new key, so a reader's browser never restores a heap from another build."""
    digest = hashlib.sha256()
    for part in (runtime.encode(), archive, payload.encode("utf-8"), worker.encode("utf-8")):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def _leb128(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def wasm_initial_memory(wasm: bytes) -> int:
    """Bytes of linear memory the module declares (its memory section's initial pages), or 0
    if it declares none. A snapshot's heap must fit in it: Pyodide copies a snapshot into a
    fresh module's memory without growing it first (pyodide issue #6254)."""
    if wasm[:4] != b"\0asm":
        raise PluginError("pyodide.asm.wasm is not a WebAssembly module")
    at = 8
    while at < len(wasm):
        section, at = wasm[at], at + 1
        size, at = _leb128(wasm, at)
        if section == 5:
            count, inner = _leb128(wasm, at)
            if not count:
                return 0
            _flags, inner = _leb128(wasm, inner)
            pages, _ = _leb128(wasm, inner)
            return pages * 65536
        at += size
    return 0


def snapshot_worker(source: str, key: str, heap: int) -> str:
    """The worker's text with this build's snapshot key and largest restorable heap written in."""
    if WORKER_SNAPSHOT_LINE not in source:
        raise PluginError(f"docs/{WORKER} lost the line the build rewrites: {WORKER_SNAPSHOT_LINE}")
    line = f"const SNAPSHOT = {{ key: {json.dumps(key)}, heap: {heap} }};\n"
    return source.replace(WORKER_SNAPSHOT_LINE, line, 1)
