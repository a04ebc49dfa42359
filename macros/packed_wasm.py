"""The Pyodide wasm as the selector's worker downloads it: ``pyodide.asm.wasm.zst``.

Static hosts send the 9.6 MB wasm gzipped, 3.5 MB; zstd at its highest level makes it 2.9 MB,
and the worker unpacks it with ``fzstd`` (``macros.assets.UNPACKER``) before compiling it.
The plain wasm still ships beside it: the worker falls back to it if the packed file cannot be
fetched or unpacked. Packing takes seconds, so the result is kept in ``node_modules/.cache/``
under a hash of the wasm and the level; the file's content is fixed by the wasm it packs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import zstandard

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed

WASM = "pyodide.asm.wasm"
PACKED_WASM = f"{WASM}.zst"
LEVEL = 19


@declares_outputs
def packed_wasm_outputs(catalog: Catalog) -> Iterable[Output]:
    return fixed([f"assets/pyodide/{PACKED_WASM}"], "macros/packed_wasm.py", "the packed wasm")


def pack(wasm: bytes) -> bytes:
    """``wasm`` as one zstd frame that records its size, so the unpacker allocates once."""
    return zstandard.ZstdCompressor(level=LEVEL, write_content_size=True).compress(wasm)


def packed_wasm(project_dir: Path, wasm: bytes) -> bytes:
    """The npm package's ``wasm``, packed; made once per wasm and kept in the npm cache folder."""
    key = hashlib.sha256(wasm + f"zstd-{LEVEL}".encode()).hexdigest()[:16]
    cached = project_dir / "node_modules" / ".cache" / "stack-guide" / f"{WASM}-{key}.zst"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed, so a build running at the same time never
        # reads half a file.
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(pack(wasm))
        partial.replace(cached)
    return cached.read_bytes()
