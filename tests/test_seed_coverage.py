"""Every section of both source guides has a home on the built site.

Walks the seeds' headings (levels 2 to 4) and looks for each in the headings, table captions,
legends and labels of the built pages. Parenthetical asides that only named the source
guide's tooling or recommendation ("(use python-backend-engineer ...)", "(Recommended ...)",
"(as of 2025)") are dropped before matching.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from tests.conftest import Build

SEEDS = Path(__file__).resolve().parent / "source-guides"
HEADING = re.compile(r"^(#{2,4})\s+(.+?)\s*$")
ASIDE = re.compile(
    r"\s*\((?:use python-backend-engineer|recommended|as of|fastapi built-in)[^)]*\)", re.I
)
HOME_TAGS = re.compile(
    r"<(h[1-6]|caption|legend|label|strong|th|option|summary)\b[^>]*>(.*?)</\1>", re.I | re.S
)
TAG = re.compile(r"<[^>]+>")


def normalize(text: str) -> str:
    text = ASIDE.sub("", text)
    text = re.sub(r"^\d+\.\s*", "", text)
    text = text.replace("&", "and").replace("’", "'")
    return re.sub(r"[^a-z0-9+']+", " ", text.lower()).strip()


def seed_headings() -> list[tuple[str, str]]:
    found = []
    for seed in sorted(SEEDS.glob("*.md")):
        in_code = False
        for line in seed.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                in_code = not in_code
            match = None if in_code else HEADING.match(line)
            if match:
                found.append((seed.name, match.group(2)))
    return found


def site_homes(site: Path) -> set[str]:
    homes = set()
    for page in site.rglob("*.html"):
        for _, inner in HOME_TAGS.findall(page.read_text(encoding="utf-8")):
            homes.add(normalize(html_lib.unescape(TAG.sub(" ", inner))))
    return homes


def test_seeds_are_present() -> None:
    assert len(seed_headings()) > 100


@pytest.fixture(scope="module")
def homes(built_site: Build) -> set[str]:
    return site_homes(built_site.site)


@pytest.mark.parametrize(("seed", "heading"), seed_headings())
def test_every_seed_heading_has_a_home(homes: set[str], seed: str, heading: str) -> None:
    wanted = normalize(heading)
    assert any(wanted == home or f" {wanted} " in f" {home} " for home in homes), (
        f"{seed}: no page has a heading for {heading!r} (looked for {wanted!r})"
    )
