"""A library's facts as readers see them: package metadata, async support and the labels
derived from them (licence family, supported Python versions).

The library page, the filters, the compare page and the ``api/v1/`` JSON all take their facts
from here, so a label such as "not declared" or a licence family is decided in one place.
``LibraryFacts`` is the shape of these keys in the JSON; ``make schema`` exports it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version
from pydantic import Field

from macros.catalog import Catalog
from macros.models import Library, Model, PythonVersion

NOT_DECLARED = "not declared"
LicenseFamily = Literal["permissive", "weak copyleft", "copyleft", "other", "not declared"]
AsyncLevel = Literal["native", "optional", "none"]

ASYNC_LABELS = {
    "native": "Native (async first)",
    "optional": "Optional (async and sync APIs)",
    "none": "None (no asyncio API)",
}
LICENSE_FAMILY_LABELS = {
    "permissive": "Permissive (MIT, BSD, Apache, ...)",
    "weak copyleft": "Weak copyleft (LGPL, MPL)",
    "copyleft": "Copyleft (GPL, AGPL)",
    "other": "Other",
    "not declared": "Not declared",
}
_FAMILY_ORDER: list[LicenseFamily] = ["permissive", "weak copyleft", "copyleft", "other"]
_PERMISSIVE = re.compile(r"\b(MIT|BSD|Apache|ISC|PSF|Python-2\.0|Unlicense|Zlib|0BSD|HPND)", re.I)
_WEAK_COPYLEFT = re.compile(r"\b(LGPL|Lesser General Public|MPL|Mozilla|EPL)", re.I)
_COPYLEFT = re.compile(r"\b(A?GPL|General Public License)", re.I)


class LibraryFacts(Model):
    """The fact keys of every record in ``api/v1/libraries.json`` and ``libraries/<slug>.json``.
    Package facts are null for a library without a package."""

    license: str | None = Field(description='SPDX expression or licence text; "not declared"')
    license_family: LicenseFamily | None
    requires_python: str | None = Field(description='Requires-Python; "not declared"')
    python_versions: list[PythonVersion] = Field(description="From the package's classifiers")
    typed: bool | None = Field(description="Declares the Typing :: Typed classifier")
    async_support: AsyncLevel | None = Field(description="null where it does not apply")
    async_support_source: str | None
    first_release: date | None
    releases_last_12_months: int | None
    package_checked: date | None = Field(description="Day the package index was read")


def _family_of_term(term: str) -> LicenseFamily:
    if _WEAK_COPYLEFT.search(term):
        return "weak copyleft"
    if _COPYLEFT.search(term):
        return "copyleft"
    return "permissive" if _PERMISSIVE.search(term) else "other"


def license_family(license: str | None) -> LicenseFamily:
    """The family a reader can choose by: for ``A OR B`` the freer choice, for ``A AND B``
    the stricter term."""
    if license is None:
        return "not declared"
    choices: list[LicenseFamily] = []
    for choice in re.split(r"\s+OR\s+", license):
        terms = [_family_of_term(t) for t in re.split(r"\s+AND\s+", choice.strip("() "))]
        choices.append(max(terms, key=_FAMILY_ORDER.index))
    return min(choices, key=_FAMILY_ORDER.index)


def library_facts(library: Library) -> LibraryFacts:
    facts = library.package_facts
    support = library.async_support
    license = (facts.license or NOT_DECLARED) if facts else None
    return LibraryFacts(
        license=license,
        license_family=license_family(facts.license) if facts else None,
        requires_python=(facts.requires_python or NOT_DECLARED) if facts else None,
        python_versions=facts.python_versions if facts else [],
        typed=facts.typed if facts else None,
        async_support=support.level if support else None,
        async_support_source=support.source if support else None,
        first_release=facts.first_release if facts else None,
        releases_last_12_months=facts.releases_last_12_months if facts else None,
        package_checked=facts.checked if facts else None,
    )


def supports_python(library: Library, version: str) -> bool | None:
    """Whether the package installs on ``version``: by Requires-Python where declared, else
    by its classifiers; None when the package says neither."""
    facts = library.package_facts
    if facts is None:
        return None
    if facts.requires_python:
        try:
            return Version(version) in SpecifierSet(facts.requires_python)
        except InvalidSpecifier:
            return None
    if facts.python_versions:
        return version in facts.python_versions
    return None


def offered_python_versions(catalog: Catalog) -> list[str]:
    """The Python versions a reader can filter by: those a third or more of the packages
    name in their classifiers, so the choice follows the data."""
    counts: dict[str, int] = {}
    packaged = [lib.package_facts for lib in catalog.libraries.values() if lib.package_facts]
    for facts in packaged:
        for version in facts.python_versions:
            counts[version] = counts.get(version, 0) + 1
    common = [v for v, n in counts.items() if n * 3 >= len(packaged)]
    return sorted(common, key=Version)
