"""Files the site ships beside its pages: the selector's Python package (as one zip) and the
front-end runtimes installed from npm (Pyodide, tablesort), copied under ``assets/``.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.catalog import Catalog
from macros.collisions import Output, declares_outputs, fixed

# Only what a page needs to start Pyodide and run the standard-library selector: no wheels,
# no micropip, and a lock file that lists no packages (the full one is 119 KB).
PYODIDE_COPIED = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
PYODIDE_LOCK = "pyodide-lock.json"
PYODIDE_FILES = (*PYODIDE_COPIED, PYODIDE_LOCK)
TABLESORT_FILES = {
    "tablesort.min.js": "dist/tablesort.min.js",
    "tablesort.number.min.js": "dist/sorts/tablesort.number.min.js",
}

SELECTOR_ARCHIVE = "assets/selector/selector.zip"


@declares_outputs
def asset_outputs(catalog: Catalog) -> Iterable[Output]:
    paths = [f"assets/pyodide/{name}" for name in PYODIDE_FILES]
    paths += [f"assets/vendor/{name}" for name in TABLESORT_FILES]
    return fixed([*paths, SELECTOR_ARCHIVE], "macros/assets.py", "the runtime file")


def runtime_files(project_dir: Path) -> dict[str, Path]:
    """Site path -> file on disk, for everything copied verbatim into the site."""
    modules = project_dir / "node_modules"
    wanted: dict[str, Path] = {}
    for name in PYODIDE_COPIED:
        wanted[f"assets/pyodide/{name}"] = modules / "pyodide" / name
    for name, path in TABLESORT_FILES.items():
        wanted[f"assets/vendor/{name}"] = modules / "tablesort" / path
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


def minimal_lock(project_dir: Path) -> str:
    """Pyodide's lock file without its package list: the selector loads no packages."""
    lock = json.loads((project_dir / "node_modules" / "pyodide" / PYODIDE_LOCK).read_text("utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}, sort_keys=True)
