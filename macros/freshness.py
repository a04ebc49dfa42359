"""Keeping versions fresh: ``make check-versions`` asks the package index for each library's
newest release, lists the libraries whose recommended version is behind, and with ``--write``
records the newest version and its date in the data files.

The index is PyPI's JSON API; ``--index URL`` (or ``$PYPI_JSON_URL``) points elsewhere, with
``{package}`` standing for the distribution name. Edits are made line by line so comments
and layout in the YAML survive, then the whole catalog is validated again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from packaging.version import InvalidVersion, Version

from macros.catalog import DATA_DIR, Catalog, DataError, load_catalog
from macros.models import Library

DEFAULT_INDEX = "https://pypi.org/pypi/{package}/json"


@dataclass(frozen=True)
class Newest:
    slug: str
    package: str
    recommended: str | None
    version: str
    released: date

    @property
    def behind(self) -> bool:
        if self.recommended is None:
            return True
        try:
            return Version(self.recommended) < Version(self.version)
        except InvalidVersion:
            return self.recommended != self.version


def newest_release(document: dict) -> tuple[str, date]:
    """The newest version in a PyPI JSON document and the day its first file was uploaded."""
    version = document["info"]["version"]
    files = document.get("releases", {}).get(version) or document.get("urls") or []
    uploads = sorted(f["upload_time"] for f in files if f.get("upload_time"))
    if not uploads:
        raise ValueError(f"no upload date for {version}")
    return version, date.fromisoformat(uploads[0][:10])


def fetch(index: str, library: Library, timeout: float = 20) -> Newest:
    assert library.package
    url = index.format(package=library.package)
    with urllib.request.urlopen(url, timeout=timeout) as response:
        version, released = newest_release(json.load(response))
    return Newest(library.slug, library.package, library.recommended_version, version, released)


def check(catalog: Catalog, index: str) -> tuple[list[Newest], list[str]]:
    """The newest release of every library with a package, and the lookups that failed."""
    packaged = [lib for lib in catalog.libraries.values() if lib.package]
    found: list[Newest] = []
    failed: list[str] = []

    def one(library: Library) -> Newest | str:
        try:
            return fetch(index, library)
        except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
            return f"{library.slug} ({library.package}): {exc}"

    with ThreadPoolExecutor(max_workers=8) as pool:
        for outcome in pool.map(one, packaged):
            (failed if isinstance(outcome, str) else found).append(outcome)  # type: ignore[arg-type]
    return found, failed


def record(path: Path, newest: Newest) -> None:
    """Write the newest version and date into one library file, keeping everything else."""
    text = path.read_text(encoding="utf-8")
    version_line = f'recommended_version: "{newest.version}"'
    if re.search(r"(?m)^recommended_version:.*$", text):
        text = re.sub(r"(?m)^recommended_version:.*$", version_line, text, count=1)
    else:
        text = text.rstrip("\n") + f"\n{version_line}\n"
    block = (
        f'latest_release:\n  version: "{newest.version}"\n  date: {newest.released.isoformat()}\n'
    )
    pattern = re.compile(r"(?m)^latest_release:.*\n(?:[ \t]+.*\n?)*")
    if pattern.search(text):
        text = pattern.sub(block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n" + block
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check-versions", description=__doc__)
    parser.add_argument("--write", action="store_true", help="record newest versions in data/")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder")
    parser.add_argument(
        "--index", default=os.environ.get("PYPI_JSON_URL", DEFAULT_INDEX), help="JSON API URL"
    )
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(args.data)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    found, failed = check(catalog, args.index)
    behind = sorted((n for n in found if n.behind), key=lambda n: n.slug)
    for newest in behind:
        print(
            f"{newest.slug}: recommended {newest.recommended or '(none)'}, "
            f"newest {newest.version} ({newest.released.isoformat()})"
        )
    print(f"{len(behind)} of {len(found)} libraries are behind the package index.")
    for problem in failed:
        print(f"could not check {problem}", file=sys.stderr)
    if args.write:
        for newest in found:
            record(args.data / "libraries" / f"{newest.slug}.yaml", newest)
        try:
            load_catalog(args.data)
        except DataError as exc:
            print(f"the written data does not validate:\n{exc}", file=sys.stderr)
            return 1
        print(f"Recorded the newest release of {len(found)} libraries.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
