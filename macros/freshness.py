"""Keeping versions and package facts fresh: ``make check-versions`` asks the package index for
each library's newest release, lists the libraries whose recommended version is behind, and with
``--write`` records the newest version and its date in the data files (appending it to the
library's release ``history``, with the day it was seen), with the package's facts
(``package_facts``: licence, Requires-Python, the Python versions and typing its classifiers
declare, first release and releases in the last twelve months).

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
from datetime import date, timedelta
from pathlib import Path

from packaging.version import InvalidVersion, Version

from macros.catalog import DATA_DIR, Catalog, DataError, load_catalog
from macros.models import Library, PackageFacts, SeenRelease

DEFAULT_INDEX = "https://pypi.org/pypi/{package}/json"


@dataclass(frozen=True)
class Newest:
    slug: str
    package: str
    recommended: str | None
    version: str
    released: date
    facts: PackageFacts

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


# Licence texts packages write for a licence SPDX has an identifier for.
SPDX_BY_TEXT = {
    "mit": "MIT",
    "mit license": "MIT",
    "bsd-3-clause": "BSD-3-Clause",
    "bsd-2-clause": "BSD-2-Clause",
    "apache-2.0": "Apache-2.0",
    "apache 2.0": "Apache-2.0",
    "apache license 2.0": "Apache-2.0",
    "apache license, version 2.0": "Apache-2.0",
    "isc": "ISC",
    "mpl-2.0": "MPL-2.0",
    "psf-2.0": "PSF-2.0",
}
# Classifiers that name exactly one SPDX licence ("BSD License" and "Apache Software License"
# do not say which version, so they are kept as written).
SPDX_BY_CLASSIFIER = {
    "MIT License": "MIT",
    "MIT No Attribution License (MIT-0)": "MIT-0",
    "ISC License (ISCL)": "ISC",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "The Unlicense (Unlicense)": "Unlicense",
}
MAX_LICENSE_TEXT = 80


def license_of(info: dict) -> str | None:
    """The package's licence: its SPDX expression, else a licence text or classifier, made an
    SPDX identifier only where that is exact; None when the package declares none."""
    expression = (info.get("license_expression") or "").strip()
    if expression:
        return expression
    raw = (info.get("license") or "").strip()
    # A whole licence pasted into the field is not a name; the classifier says it better.
    text = raw if raw and "\n" not in raw and len(raw) <= MAX_LICENSE_TEXT else ""
    classifiers = [
        c.rsplit(" :: ", 1)[-1] for c in info.get("classifiers") or [] if c.startswith("License ::")
    ]
    named = [SPDX_BY_CLASSIFIER[c] for c in classifiers if c in SPDX_BY_CLASSIFIER]
    if text.lower() in SPDX_BY_TEXT:
        return SPDX_BY_TEXT[text.lower()]
    if len(named) == 1:
        return named[0]
    if text:
        return text
    return " OR ".join(classifiers) if classifiers else None


def python_versions(classifiers: list[str]) -> list[str]:
    """The X.Y versions named by ``Programming Language :: Python :: X.Y`` classifiers."""
    found = set()
    for classifier in classifiers:
        match = re.fullmatch(r"Programming Language :: Python :: (\d\.\d{1,2})", classifier)
        if match:
            found.add(match.group(1))
    return sorted(found, key=lambda v: tuple(int(p) for p in v.split(".")))


def _release_days(releases: dict[str, list[dict]]) -> dict[str, date]:
    """Version -> day its first file was uploaded, for releases with a file not yanked."""
    days = {}
    for version, files in releases.items():
        uploads = [f["upload_time"] for f in files if f.get("upload_time") and not f.get("yanked")]
        if uploads:
            days[version] = date.fromisoformat(min(uploads)[:10])
    return days


def package_facts(document: dict, today: date) -> PackageFacts:
    info = document["info"]
    classifiers = info.get("classifiers") or []
    days = _release_days(document.get("releases") or {})
    year_ago = today - timedelta(days=365)
    return PackageFacts(
        license=license_of(info),
        requires_python=(info.get("requires_python") or "").strip() or None,
        python_versions=python_versions(classifiers),
        typed="Typing :: Typed" in classifiers,
        first_release=min(days.values(), default=None),
        releases_last_12_months=sum(1 for day in days.values() if year_ago < day <= today),
        checked=today,
    )


def fetch(index: str, library: Library, today: date, timeout: float = 20) -> Newest:
    assert library.package
    url = index.format(package=library.package)
    with urllib.request.urlopen(url, timeout=timeout) as response:
        document = json.load(response)
    version, released = newest_release(document)
    facts = package_facts(document, today)
    return Newest(
        library.slug, library.package, library.recommended_version, version, released, facts
    )


def check(catalog: Catalog, index: str, today: date) -> tuple[list[Newest], list[str]]:
    """The newest release and facts of every library with a package, and the failed lookups."""
    packaged = [lib for lib in catalog.libraries.values() if lib.package]
    found: list[Newest] = []
    failed: list[str] = []

    def one(library: Library) -> Newest | str:
        try:
            return fetch(index, library, today)
        except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
            return f"{library.slug} ({library.package}): {exc}"

    with ThreadPoolExecutor(max_workers=8) as pool:
        for outcome in pool.map(one, packaged):
            (failed if isinstance(outcome, str) else found).append(outcome)  # type: ignore[arg-type]
    return found, failed


def _facts_block(facts: PackageFacts) -> str:
    """``package_facts`` as YAML; strings are JSON-quoted, which YAML reads back exactly."""
    values = {
        "license": json.dumps(facts.license),
        "requires_python": json.dumps(facts.requires_python),
        "python_versions": json.dumps(facts.python_versions),
        "typed": json.dumps(facts.typed),
        "first_release": facts.first_release.isoformat() if facts.first_release else "null",
        "releases_last_12_months": str(facts.releases_last_12_months),
        "checked": facts.checked.isoformat(),
    }
    return "package_facts:\n" + "".join(f"  {key}: {value}\n" for key, value in values.items())


def _replace_block(text: str, key: str, block: str, after: str | None = None) -> str:
    """Replace the top-level ``key:`` block, else insert it after the ``after`` block, else
    append it."""
    pattern = re.compile(rf"(?m)^{key}:.*\n(?:[ \t]+.*\n?)*")
    if pattern.search(text):
        return pattern.sub(lambda _: block, text, count=1)
    anchor = re.compile(rf"(?m)^{after}:.*\n(?:[ \t]+.*\n?)*") if after else None
    found = anchor.search(text) if anchor else None
    if found:
        return text[: found.end()] + block + text[found.end() :]
    return text.rstrip("\n") + "\n" + block


def record(path: Path, newest: Newest) -> None:
    """Write the newest version, its date and the package facts into one library file,
    keeping everything else."""
    text = path.read_text(encoding="utf-8")
    version_line = f'recommended_version: "{newest.version}"'
    if re.search(r"(?m)^recommended_version:.*$", text):
        text = re.sub(r"(?m)^recommended_version:.*$", version_line, text, count=1)
    else:
        text = text.rstrip("\n") + f"\n{version_line}\n"
    release = (
        f'latest_release:\n  version: "{newest.version}"\n  date: {newest.released.isoformat()}\n'
    )
    text = _replace_block(text, "latest_release", release)
    text = _replace_block(text, "package_facts", _facts_block(newest.facts), "latest_release")
    path.write_text(text, encoding="utf-8")


def appended_history(library: Library, newest: Newest, seen: date) -> list[SeenRelease] | None:
    """The library's release history with the newest release added, or None when the history
    has it already: releases are appended, never rewritten, so feeds keep their past."""
    if any(entry.version == newest.version for entry in library.history):
        return None
    added = SeenRelease(version=newest.version, date=newest.released, seen=seen)
    return [*library.history, added]


def history_block(history: list[SeenRelease]) -> str:
    lines = "".join(
        f'  - {{version: "{entry.version}", date: {entry.date.isoformat()}, '
        f"seen: {entry.seen.isoformat()}}}\n"
        for entry in history
    )
    return "history:\n" + lines


def record_history(path: Path, library: Library, newest: Newest, seen: date) -> None:
    """Append the newest release to the ``history`` of one library file."""
    history = appended_history(library, newest, seen)
    if history is not None:
        text = path.read_text(encoding="utf-8")
        text = _replace_block(text, "history", history_block(history), "latest_release")
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
    today = date.today()
    found, failed = check(catalog, args.index, today)
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
            path = args.data / "libraries" / f"{newest.slug}.yaml"
            record(path, newest)
            record_history(path, catalog.libraries[newest.slug], newest, today)
        try:
            load_catalog(args.data)
        except DataError as exc:
            print(f"the written data does not validate:\n{exc}", file=sys.stderr)
            return 1
        print(f"Recorded the newest release of {len(found)} libraries.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
