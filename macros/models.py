"""The guide's data model: one pydantic model per kind of file in ``data/``.

These models are the schema contributors write against. ``make schema`` exports them as
JSON Schema under ``data/schema/`` so editors can autocomplete and check the YAML.
Cross-file rules (a slug that must exist elsewhere) live in ``macros.catalog``.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import SplitResult, urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
IDENT_PATTERN = r"^[a-z][a-z0-9_]*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
Ident = Annotated[str, StringConstraints(pattern=IDENT_PATTERN, max_length=40)]
# Names become page titles and headings, so they are kept to characters that need no escaping.
Name = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.+/()-]*$", max_length=60)
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Version = Annotated[
    str, StringConstraints(pattern=r"^\d+(?:\.\d+){0,3}(?:(?:a|b|rc)\d+)?$", max_length=30)
]
PackageName = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$", max_length=80)
]


# Names that never lead to a public site: special-use domains (RFC 6761, 6762, 7686, 8375,
# and ICANN's .internal; .arpa covers home.arpa) and the suffixes private networks commonly use.
PRIVATE_SUFFIXES = (
    "localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp",
    "private", "test", "example", "invalid", "onion", "arpa",
)  # fmt: skip
# The last label of a host that browsers read as an IPv4 address (127.1, 2130706433, 0x7f.1).
NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(NUMERIC_LABEL.match(host.rsplit(".", 1)[-1]))
    return True


def _public_host(parts: SplitResult) -> None:
    """Refuses links a reader's browser would send to their own machine or network, or that
    carry credentials: the data may only point at public sites."""
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ValueError("must not contain a user name or password (user:pass@); remove them")
    host = (parts.hostname or "").rstrip(".")
    if _is_ip_literal(host):
        raise ValueError(f"must name a public host, not the IP address {host!r}")
    labels = host.split(".")
    if len(labels) < 2 or labels[-1] in PRIVATE_SUFFIXES:
        raise ValueError(
            f"must name a public host; {host!r} is a local or private-network name "
            "(localhost, .local, .internal, a name without a dot)"
        )


def _https_only(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in value):
        raise ValueError("must be an absolute https:// URL (no javascript:, data: or http:)")
    if any(c in value for c in "<>\"'`"):
        raise ValueError("must not contain <, >, quotes or backticks")
    _public_host(parts)
    return value


HttpsUrl = Annotated[str, StringConstraints(max_length=500), AfterValidator(_https_only)]

# A plain sentence may not make a claim the reader cannot check: numbers with units and
# superlatives must be written as a Claim with a source and the date it was verified.
CLAIM_WORDS = re.compile(
    r"\b(recommended|fastest|slowest|most (?:secure|popular|mature|used|powerful)|best"
    r"|\d[\d,.]*\s*(?:\+\s*)?(?:k\b|%|x\b|ms\b|requests|req/s|rps|times faster))",
    re.IGNORECASE,
)


def _no_unsourced_claim(value: str) -> str:
    match = CLAIM_WORDS.search(value)
    if match:
        raise ValueError(
            f"makes a claim ({match.group(0)!r}) without a source: write it as "
            "{text: ..., source: https://..., verified: YYYY-MM-DD}"
        )
    return value


PlainText = Annotated[ShortText, AfterValidator(_no_unsourced_claim)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Claim(Model):
    """A sentence that states a number or a superlative, with its evidence."""

    text: ShortText
    source: HttpsUrl
    verified: date


def _text_or_claim(value: object) -> str:
    return "claim" if isinstance(value, dict | Claim) else "text"


# A tagged union so a bad item reports one error (its own), not one per union member.
Text = Annotated[
    Annotated[PlainText, Tag("text")] | Annotated[Claim, Tag("claim")],
    Discriminator(_text_or_claim),
]


class Source(Model):
    title: ShortText
    url: HttpsUrl
    verified: date


class Links(Model):
    docs: HttpsUrl
    pypi: HttpsUrl | None = None
    repository: HttpsUrl | None = None


class Change(Model):
    """An openly corrected piece of advice: what the source guide said and what we say now."""

    was: ShortText
    now: ShortText
    why: LongText
    source: HttpsUrl
    verified: date


class Release(Model):
    version: Version
    date: date


# Inside a model with a field called ``date``, that name is the field, not the type.
Day = date


class SeenRelease(Model):
    """A release as the guide recorded it: version, release date and the day it was seen."""

    version: Version
    date: date
    seen: Day = Field(description="The day `make check-versions ARGS=--write` recorded it")

    @model_validator(mode="after")
    def _seen_after_release(self) -> SeenRelease:
        if self.seen < self.date:
            raise ValueError(
                f"seen ({self.seen}) is before the release date ({self.date}); "
                "a release is seen on or after its day"
            )
        return self


def _history_in_order(history: list[SeenRelease]) -> list[SeenRelease]:
    versions = [entry.version for entry in history]
    for index, entry in enumerate(history):
        if entry.version in versions[:index]:
            raise ValueError(f"version {entry.version} is recorded twice; keep the first")
        if index and entry.seen < history[index - 1].seen:
            raise ValueError(
                f"{entry.version} (seen {entry.seen}) comes after "
                f"{history[index - 1].version} (seen {history[index - 1].seen}); "
                "keep the history oldest first, as --write appends it"
            )
    return history


# A version specifier as packages declare it (">=3.9", ">=3.8,<4", "~=3.10", "!=3.0.*").
RequiresPython = Annotated[
    str, StringConstraints(pattern=r"^[<>=!~]{1,3} *\d[\d.*]*(?: *, *[<>=!~]{1,3} *\d[\d.*]*)*$")
]
PythonVersion = Annotated[str, StringConstraints(pattern=r"^\d\.\d{1,2}$")]


class PackageFacts(Model):
    """What the package index says about a library's package, written by
    `make check-versions ARGS=--write`; never typed by hand."""

    license: ShortText | None = Field(
        description="SPDX expression, else the licence classifier or text; null: not declared"
    )
    requires_python: RequiresPython | None = Field(
        description="The package's Requires-Python; null: not declared"
    )
    python_versions: list[PythonVersion] = Field(
        description="Python versions named by the package's classifiers, oldest first"
    )
    typed: bool = Field(description="The package declares the Typing :: Typed classifier")
    first_release: date | None = Field(description="Day the first file of any release was uploaded")
    releases_last_12_months: int = Field(
        ge=0, description="Releases (not yanked) first uploaded in the year before `checked`"
    )
    checked: date = Field(description="Day the package index was read")


class AsyncSupport(Model):
    """Whether a library runs in an asyncio event loop, with the page that says so."""

    level: Literal["native", "optional", "none"] = Field(
        description="native: async-first; optional: async and sync APIs; none: no asyncio API"
    )
    source: HttpsUrl
    verified: date


class Library(Model):
    """One library, tool or service: ``data/libraries/<slug>.yaml``."""

    name: Name
    slug: Slug
    category: Slug
    also_in: list[Slug] = Field(default_factory=list, description="Further category pages")
    kind: Literal["library", "service", "tool", "stdlib"] = "library"
    status: Literal["recommended", "active", "maintenance", "legacy", "deprecated"] = "active"
    summary: Text
    best_for: list[Text] = Field(min_length=1)
    pros: list[Text] = Field(min_length=1)
    cons: list[Text] = Field(default_factory=list)
    when_to_use: list[Text] = Field(min_length=1)
    typical_uses: list[Text] = Field(default_factory=list)
    install: ShortText | None = Field(None, description="Shell line that installs it")
    package: PackageName | None = Field(None, description="Distribution name on PyPI")
    extras: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]] = Field(
        default_factory=list, description="Extras used in the guide's pyproject block"
    )
    recommended_version: Version | None = None
    latest_release: Release | None = Field(
        None, description="Written by `make check-versions -- --write`"
    )
    history: Annotated[list[SeenRelease], AfterValidator(_history_in_order)] = Field(
        default_factory=list,
        description="Every release the guide recorded, oldest first; --write appends the newest",
    )
    package_facts: PackageFacts | None = Field(
        None, description="Written by `make check-versions ARGS=--write`"
    )
    async_support: AsyncSupport | None = Field(
        None, description="For libraries code calls at run time; tools and services leave it out"
    )
    framework: Slug | None = Field(
        None, description="The framework this library extends or belongs to (a library slug)"
    )
    links: Links
    alternatives: list[Slug] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    verified: date
    changes: list[Change] = Field(default_factory=list)

    @field_validator("history")
    @classmethod
    def _history_ends_with_latest_release(
        cls, history: list[SeenRelease], info: ValidationInfo
    ) -> list[SeenRelease]:
        last, release = (history[-1] if history else None), info.data.get("latest_release")
        if last and release and (last.version, last.date) != (release.version, release.date):
            raise ValueError(
                f"ends with {last.version} ({last.date}) but latest_release is "
                f"{release.version} ({release.date}); append the latest release to history"
            )
        return history

    @model_validator(mode="after")
    def _facts_need_a_package(self) -> Library:
        if self.package_facts and not self.package:
            raise ValueError("package_facts needs a package; remove them or add the package")
        return self


class LibraryGroup(Model):
    """A sub-section of a category page: a heading, a note and the libraries it covers."""

    title: Name
    note: Text | None = None
    libraries: list[Slug] = Field(min_length=1)


class Category(Model):
    slug: Slug
    name: Name
    summary: PlainText
    intro: list[Text] = Field(default_factory=list)
    groups: list[LibraryGroup] = Field(default_factory=list)
    seed_sections: list[ShortText] = Field(
        default_factory=list, description="Headings of the source guides this page is home to"
    )
    changes: list[Change] = Field(default_factory=list)


class Categories(Model):
    """``data/categories.yaml``: the order here is the order on the site."""

    categories: list[Category] = Field(min_length=1)


class LegendEntry(Model):
    key: Ident
    symbol: Annotated[str, StringConstraints(max_length=4)]
    label: ShortText
    meaning: ShortText


class Cell(Model):
    text: LongText
    rating: Ident | None = None
    source: HttpsUrl | None = None
    verified: date | None = None

    @model_validator(mode="after")
    def _claims_have_sources(self) -> Cell:
        match = CLAIM_WORDS.search(self.text)
        if match and not (self.source and self.verified):
            raise ValueError(
                f"makes a claim ({match.group(0)!r}) without a source: add source and verified"
            )
        return self


class Row(Model):
    label: ShortText
    cells: dict[Slug, Cell]
    source: HttpsUrl | None = None
    verified: date | None = None


class Comparison(Model):
    """A matrix comparing libraries: ``data/comparisons/<slug>.yaml``."""

    slug: Slug
    title: ShortText
    summary: PlainText
    seed_sections: list[ShortText] = Field(default_factory=list)
    columns: list[Slug] = Field(min_length=2)
    legend: list[LegendEntry] = Field(default_factory=list)
    rows: list[Row] = Field(min_length=1)
    notes: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)


class UseCase(Model):
    id: Ident
    title: ShortText
    group: ShortText
    choice: Slug
    alternative: ShortText | None = None
    reasons: list[Text] = Field(min_length=1)


class UseCases(Model):
    """``data/use_cases.yaml``: the source guide's specific use-case recommendations."""

    use_cases: list[UseCase] = Field(min_length=1)


StackRole = Literal[
    "framework",
    "database",
    "driver",
    "orm",
    "cache",
    "task_queue",
    "auth",
    "validation",
    "api",
    "http_client",
    "testing",
    "observability",
    "server",
    "deployment",
]


class Stack(Model):
    slug: Slug
    name: Name
    summary: PlainText
    best_for: list[Text] = Field(min_length=1)
    parts: dict[StackRole, list[Slug]] = Field(
        description="Role -> library slugs, first is the default pick"
    )
    notes: list[Text] = Field(default_factory=list)


class Stacks(Model):
    """``data/stacks.yaml``: the recommended stack combinations."""

    stacks: list[Stack] = Field(min_length=1)


Extra = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=40)]


class Pin(Model):
    slug: Slug
    extras: list[Extra] | None = Field(None, description="Overrides the library's extras")


class DependencyGroup(Model):
    name: Ident
    title: ShortText
    libraries: list[Pin] = Field(min_length=1)


class SeedPin(Model):
    package: PackageName
    pin: ShortText


class Versions(Model):
    """``data/versions.yaml``: which libraries form the recommended pyproject, and Python."""

    python: Version
    python_reason: Claim
    check_pythons: list[Version] = Field(
        min_length=1,
        description="Python versions every stack is checked to install on (make check-stacks)",
    )
    groups: list[DependencyGroup] = Field(min_length=1)
    seed_pins: list[SeedPin] = Field(
        default_factory=list, description="What the source guide pinned, shown as history"
    )
    changes: list[Change] = Field(default_factory=list)

    @model_validator(mode="after")
    def _minimum_is_checked(self) -> Versions:
        if self.python not in self.check_pythons:
            raise ValueError(
                f"check_pythons must include the guide's Python {self.python}: "
                "the check covers the version readers start on"
            )
        return self


class Example(Model):
    """A code example shown on the site; its file lives in ``data/examples/`` and a test runs it."""

    id: Slug
    title: ShortText
    file: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_][a-z0-9_./-]*\.(py|toml|yaml|sh)$")]
    language: Literal["python", "toml", "yaml", "bash"]
    category: Slug
    libraries: list[Slug] = Field(min_length=1)
    summary: PlainText
    test_requires: list[
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._\[\],<>=!-]+$")]
    ] = Field(
        default_factory=list,
        description="Extra packages the example's test needs (drivers, test helpers)",
    )
    changes: list[Change] = Field(default_factory=list)


class Examples(Model):
    """``data/examples.yaml``: every code example on the site."""

    examples: list[Example] = Field(min_length=1)


Requirement = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._\[\],<>=!~ -]*$", max_length=120)
]


class Resolution(Model):
    """One resolver run: a dependency set on one Python version, in one mode."""

    python: Version
    mode: Literal["newest", "exact"] = Field(
        description="newest: the lines as written (lower bounds); exact: each listed "
        "library at exactly its recommended version"
    )
    ok: bool
    message: Annotated[str, StringConstraints(max_length=2000)] | None = Field(
        None, description="The resolver's explanation when it failed"
    )


class CheckedSet(Model):
    """A dependency set the site shows (a recommended stack or a selector outcome)."""

    id: Slug
    name: ShortText
    kind: Literal["stack", "selector"]
    answers: Annotated[str, StringConstraints(max_length=1000)] | None = Field(
        None, description="Selector answers that give this set, as a link query"
    )
    requirements: list[Requirement] = Field(min_length=1)
    resolutions: list[Resolution] = Field(min_length=1)


class InstallCheck(Model):
    """``data/install_check.yaml``: written by ``make check-stacks``, never by hand."""

    checked: date
    resolver: ShortText
    platform: ShortText
    sets: list[CheckedSet] = Field(default_factory=list)
