"""Nothing the build generates lands where another file goes, and a Python warning during a
build fails ``--strict``: real builds of project copies, and the check on the real config.

The data-driven collisions (a library or category slug taking a hand-written page's place) are
cases of the hostile corpus; these are the ones a data edit alone cannot cause.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

import macros.hooks  # noqa: F401  (imports every generator module, so every output is declared)
from macros import collisions
from macros.catalog import load_catalog
from macros.collisions import reserved_slugs
from tests.conftest import PROJECT, build_site

SENTINEL = "previous-build.html"


def _config(project: Path) -> MkDocsConfig:
    return load_config(str(project / "mkdocs.yml"))


def _refused_build(project: Path, *fragments: str) -> str:
    """Builds ``project`` over a site folder from a "previous build": the build must fail,
    say every fragment, and leave that folder as it was."""
    site = project / "site"
    site.mkdir()
    (site / SENTINEL).write_text("previous build", encoding="utf-8")
    build = build_site(project, site)
    assert build.returncode != 0, "the build succeeded"
    for fragment in fragments:
        assert fragment in build.output, f"{fragment!r} not in:\n{build.output[-3000:]}"
    assert "Traceback" not in build.output, build.output[-3000:]
    assert [p.name for p in site.iterdir()] == [SENTINEL]
    return build.output


def _add_hook(project: Path, name: str, text: str, *, first: bool = False) -> None:
    (project / name).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    ours = "  - macros/hooks.py"
    hooks = f"  - {name}\n{ours}" if first else f"{ours}\n  - {name}"
    config.write_text(config.read_text(encoding="utf-8").replace(ours, hooks), encoding="utf-8")


def test_a_hand_written_file_where_the_build_writes_the_service_worker(
    project_copy: Path,
) -> None:
    (project_copy / "docs" / "sw.js").write_text("// a hand-written worker\n", encoding="utf-8")
    _refused_build(
        project_copy,
        "docs/sw.js: (file): is written to site/sw.js, where the build also writes "
        "the service worker sw.js (macros/offline.py)",
    )


def test_a_theme_file_where_the_build_writes_a_runtime_file(project_copy: Path) -> None:
    overrides = project_copy / "overrides"
    overrides.unlink()  # a link to the repository's folder: copy it to change it
    shutil.copytree(PROJECT / "overrides", overrides)
    (overrides / "assets" / "selector").mkdir(parents=True)
    (overrides / "assets" / "selector" / "selector.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    _refused_build(
        project_copy,
        "overrides/assets/selector/selector.zip: (file): is written to "
        "site/assets/selector/selector.zip, where the build also writes the runtime file "
        "assets/selector/selector.zip (macros/assets.py)",
    )


def test_a_hand_written_page_at_the_address_of_a_library_page(project_copy: Path) -> None:
    # Not the same source path (libraries/flask.md): the same page in the site, because of
    # directory URLs.
    page = project_copy / "docs" / "libraries" / "flask" / "index.md"
    page.parent.mkdir()
    page.write_text("# Flask, by hand\n", encoding="utf-8")
    _refused_build(
        project_copy,
        "data/libraries/flask.yaml: slug: gives the page of library 'flask', written to "
        "site/libraries/flask/index.html, where the hand-written page "
        "docs/libraries/flask/index.md is written already; choose another library slug",
    )


STACK_PAGES_HOOK = """
from macros.collisions import declares_outputs, per_record


@declares_outputs
def stack_pages(catalog):
    # One page per stack at libraries/<stack slug>.md: a path a library page can take too.
    source = catalog.source_of("stacks")
    stacks = [(s, source, f"stacks[{i}].slug") for i, s in enumerate(catalog.stacks)]
    return per_record("libraries/{}.md", "stack slug", "the page of stack '{}'", stacks)
"""


def test_two_generated_files_on_one_path(project_copy: Path) -> None:
    data = project_copy / "data"
    stacks = (data / "stacks.yaml").read_text("utf-8")
    (data / "stacks.yaml").write_text(stacks.replace("slug: lightweight-api", "slug: flask"))
    index = list(load_catalog(data).stacks).index("flask")
    _add_hook(project_copy, "stack_pages.py", STACK_PAGES_HOOK)
    _refused_build(
        project_copy,
        f"data/stacks.yaml: stacks[{index}].slug: gives the page of stack 'flask', written to "
        "site/libraries/flask/index.html, where the page of library 'flask' "
        "(data/libraries/flask.yaml, slug) is written already; choose another stack slug",
    )


UNDECLARED_HOOK = """
from mkdocs.structure.files import File


def on_files(files, config):
    files.append(File.generated(config, "undeclared/notes.xml", content="<notes/>"))
    return files
"""


def test_a_generated_file_nobody_declared_stops_the_build(project_copy: Path) -> None:
    # Run before the guide's own hook, so its files are there when the hook checks.
    _add_hook(project_copy, "feed_hook.py", UNDECLARED_HOOK, first=True)
    build = build_site(project_copy)
    assert build.returncode != 0
    assert (
        "undeclared/notes.xml is generated (by feed_hook.py) but not declared: list it in its "
        "module's @declares_outputs function" in build.output
    ), build.output[-3000:]


WARNING_HOOK = """
import warnings

from mkdocs.structure.files import File


def on_files(files, config):
    # A generator that replaces a hand-written page: MkDocs itself only warns.
    files.append(File.generated(config, "index.md", content="# Replaced"))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "api.md":
        warnings.warn("a plugin's own warning", UserWarning)
    return markdown
"""


def test_python_warnings_fail_the_strict_build(project_copy: Path) -> None:
    _add_hook(project_copy, "warning_hook.py", WARNING_HOOK)
    build = build_site(project_copy)
    assert build.returncode != 0, build.output[-3000:]
    for line in (
        "WARNING -  Python DeprecationWarning during the build: To replace an existing file, "
        "call `remove` before `append`. (.venv/lib/",
        "WARNING -  Python UserWarning during the build: a plugin's own warning "
        "(warning_hook.py:15)",
        "Aborted with 2 warnings in strict mode!",
    ):
        assert line in build.output, build.output[-3000:]
    assert "Traceback" not in build.output


def test_contributing_lists_the_reserved_slugs() -> None:
    reserved = reserved_slugs(load_catalog(), _config(PROJECT))
    assert reserved["library slug"] == ["index"] and reserved["category slug"] == ["index"]
    contributing = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    listed = {
        kind: re.findall(r"`([a-z0-9-]+)`", slugs)
        for kind, slugs in re.findall(r"^\s*- ([a-z]+ slug): (.*)$", contributing, re.M)
    }
    assert listed == reserved, (
        "update the reserved slugs in CONTRIBUTING.md to what `python -m macros.collisions` "
        f"prints:\n{collisions.reserved_markdown(reserved)}"
    )
