"""The hostile-data corpus: every case in ``tests/corpus/`` either stops the build with a
message naming the file and the field, or is rendered escaped and harmless.

Each case folder holds replacement files at their path under ``data/`` and a ``case.yaml``
(see ``tests/corpus/README.md``). Every case is loaded with ``load_catalog`` and checked for
colliding output paths (``macros.collisions.check_site``), as the build does, in a separate
process (forked, or this module run as ``python -m tests.test_corpus`` where forking is
unsafe), which has its CPU time and peak memory measured (``ru_maxrss``) and is killed if it
runs too long, so a case that hangs or eats memory fails instead of stalling the suite. Limits
count CPU seconds, not wall time, so a loaded machine does not fail a fast case.
Cases marked ``build: true`` and every ``expect: escaped`` case also run the full
``mkdocs build --strict`` the same way. The processes run one per core at a time, in
module-scoped fixtures; the tests read the results.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from mkdocs.config import load_config

import macros.hooks  # noqa: F401  (imports every generator module, so every output is declared)
from macros.catalog import DataError, load_catalog
from macros.collisions import check_site
from macros.sitemap_probes import probe_paths
from tests.conftest import PROJECT, build_site, copy_project

CORPUS = Path(__file__).resolve().parent / "corpus"
# Empty sitemaps beside the feeds: well-formed XML, but not feeds.
SITEMAP_PROBES = frozenset(probe_paths())
MAX_LOAD_SECONDS = 5.0
MAX_MEGABYTES = 300
# A build is a fresh Python process (MkDocs, Material, the search index): a few seconds.
MAX_BUILD_SECONDS = 20.0
# A process past its CPU limit by this much is killed by the kernel (RLIMIT_CPU); the case
# then fails.
GRACE_SECONDS = 1.0
# A process that waits instead of computing is killed after this many times its limit in
# wall time, however loaded the machine is.
WALL_FACTOR = 12
# A measuring process may not map more than this beyond its start (guards the machine).
ADDRESS_SPACE_HEADROOM = 2 * 1024**3
# Loads and builds run in separate processes, one per core (timings stay per process).
WORKERS = max(1, min(4, os.cpu_count() or 1))

CASE_KEYS = {
    "description", "expect", "file", "field", "message", "line", "build", "generate",
    "page", "escaped", "absent",
}  # fmt: skip
GENERATORS = {"ten_megabytes"}
# Tags whose number on a page must not change when only data text changed.
GUARDED_TAGS = {
    "script", "iframe", "frame", "object", "embed", "applet", "base", "img", "svg", "math",
    "style", "link", "meta", "form", "input", "button", "textarea", "select", "video", "audio",
}  # fmt: skip
PRISTINE = "(repository data)"
SENTINEL = "previous-build.html"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def _read_cases() -> dict[str, dict[str, Any]]:
    cases = {}
    for folder in sorted(CORPUS.iterdir()):
        if (folder / "case.yaml").is_file():
            cases[folder.name] = yaml.safe_load((folder / "case.yaml").read_text("utf-8"))
    return cases


CASES = _read_cases()
ERROR_CASES = [name for name, case in CASES.items() if case.get("expect") == "error"]
BUILD_CASES = [name for name in ERROR_CASES if CASES[name].get("build")]
ESCAPED_CASES = [name for name, case in CASES.items() if case.get("expect") == "escaped"]


def _pages(case: dict[str, Any]) -> list[str]:
    page = case["page"]
    return [page] if isinstance(page, str) else list(page)


# --------------------------------------------------------------------------- preparing


def prepare(name: str, tmp_path: Path) -> Path:
    """A copy of the project with the case's files laid over ``data/``."""
    project = copy_project(tmp_path / "project")
    folder = CORPUS / name
    for source in sorted(folder.rglob("*")):
        if source.is_file() and source.relative_to(folder) != Path("case.yaml"):
            target = project / "data" / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    case = CASES[name]
    if case.get("generate") == "ten_megabytes":
        # Too big to commit: a 10 MB one-line string, written at test time.
        with (project / case["file"]).open("w", encoding="utf-8") as out:
            out.write("name: Flask\nslug: flask\nsummary: ")
            chunk = "lol " * 262_144  # 1 MiB
            for _ in range(10):
                out.write(chunk)
            out.write("\n")
    return project


# --------------------------------------------------------------------------- measuring


@dataclass
class Measured:
    value: Any
    seconds: float  # CPU time of the job and the processes it ran (not the process's start)
    grown_mb: float  # how much the job raised the measuring process's peak resident memory
    children_mb: float  # peak resident memory of the processes it ran (the mkdocs build)
    killed: str = ""  # "cpu" or "wall" when the job was killed, for which limit


def _load_outcome(data: Path) -> dict[str, Any]:
    """What the build does with the data before it writes anything (``load_catalog``, then the
    check that no generated file collides with another), as plain JSON for the parent."""
    try:
        check_site(load_catalog(data), load_config(str(data.parent / "mkdocs.yml")))
    except DataError as exc:
        return {
            "kind": "DataError",
            "problems": [asdict(problem) for problem in exc.problems],
            "text": str(exc),
        }
    except BaseException as exc:  # an escaping exception is what the corpus looks for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return {
            "kind": type(exc).__name__,
            "detail": f"{str(exc)[:300]} (raised at {where.filename}:{where.lineno})",
        }
    return {"kind": "loaded"}


def _build_outcome(project: Path, site: Path) -> dict[str, Any]:
    build = build_site(project, site)
    return {"returncode": build.returncode, "output": build.output}


def _spin_outcome() -> dict[str, Any]:
    while True:
        pass


def _wait_outcome() -> dict[str, Any]:
    time.sleep(3600)
    return {}


JOBS: dict[str, Callable[..., dict[str, Any]]] = {
    "load": _load_outcome,
    "build": _build_outcome,
    # Jobs that never end, to show that both limits really stop one.
    "spin": _spin_outcome,
    "wait": _wait_outcome,
}


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure_here(result_file: Path, kind: str, limit: str, *args: str) -> None:
    """In the measuring process: run one job, write its outcome, CPU time and memory."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    cap = mapped + ADDRESS_SPACE_HEADROOM  # a memory bomb fails here, not on the machine
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    # Inherited by the build's own process, which gets a counter of its own.
    cpu_cap = int(_cpu_seconds() + float(limit) + GRACE_SECONDS) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_cap, resource.RLIM_INFINITY))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = _cpu_seconds()
    value = JOBS[kind](*map(Path, args))
    seconds = _cpu_seconds() - start
    report = {
        "value": value,
        "seconds": seconds,
        "grown_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
        "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    result_file.write_text(json.dumps(report), encoding="utf-8")


class _Forked:
    """A forked child of this (single-threaded) process, with the bits of Popen we use."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)

    def wait(self) -> None:
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])


def _start(
    kind: str, args: list[Path], scratch: Path, limit: float
) -> _Forked | subprocess.Popen[bytes]:
    """Fork when this process has one thread (fast: the imports are done); otherwise, where
    forking is unsafe, start this module afresh as ``python -m tests.test_corpus``."""
    result_file, errors = scratch / "measured.json", scratch / "measured.err"
    if threading.active_count() > 1:
        command = [sys.executable, "-m", "tests.test_corpus", str(result_file), kind, str(limit)]
        with errors.open("wb") as err:
            return subprocess.Popen(
                [*command, *map(str, args)], cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=err
            )
    pid = os.fork()
    if pid:
        return _Forked(pid)
    code = 1  # the child: never returns into pytest
    try:
        _measure_here(result_file, kind, str(limit), *map(str, args))
        code = 0
    except BaseException:
        with contextlib.suppress(BaseException):
            errors.write_text(traceback.format_exc(), encoding="utf-8")
    finally:
        os._exit(code)


Job = tuple[str, list[Path], Path]  # kind, arguments, scratch folder


def measure_all(
    jobs: Mapping[str, Job], limit: float, wall_limit: float | None = None
) -> dict[str, Measured]:
    """Run each job in its own process, one per core at a time: CPU time, memory, and a kill
    for any process past ``limit`` + grace CPU seconds, or ``WALL_FACTOR`` times ``limit`` in
    wall time (or ``wall_limit``)."""
    wall_limit = wall_limit or limit * WALL_FACTOR
    pending = list(jobs)
    running: dict[str, tuple[_Forked | subprocess.Popen[bytes], float, Path]] = {}
    results: dict[str, Measured] = {}
    while pending or running:
        while pending and len(running) < WORKERS:
            name = pending.pop(0)
            kind, args, scratch = jobs[name]
            running[name] = (_start(kind, args, scratch, limit), time.monotonic(), scratch)
        for name, (process, started, scratch) in list(running.items()):
            result_file = scratch / "measured.json"
            if process.poll() is not None:
                del running[name]
                if process.returncode == -signal.SIGXCPU:
                    results[name] = Measured(None, limit + GRACE_SECONDS, 0, 0, killed="cpu")
                    continue
                if process.returncode != 0 or not result_file.is_file():
                    errors = scratch / "measured.err"
                    crash = errors.read_text("utf-8", "replace") if errors.is_file() else ""
                    pytest.fail(f"{name}: the measuring process failed:\n{crash[-3000:]}")
                results[name] = Measured(**json.loads(result_file.read_text("utf-8")))
            elif time.monotonic() - started > wall_limit:
                process.kill()
                process.wait()
                del running[name]
                results[name] = Measured(None, time.monotonic() - started, 0, 0, killed="wall")
        time.sleep(0.01)
    return results


def _check_limits(result: Measured, what: str, seconds: float) -> None:
    assert not result.killed, f"{what} ran past its {result.killed} time limit and was killed"
    assert result.seconds < seconds, (
        f"{what} took {result.seconds:.1f} CPU seconds (limit {seconds} s)"
    )
    peak = max(result.grown_mb, result.children_mb)
    assert peak < MAX_MEGABYTES, f"{what} used {peak:.0f} MB (limit {MAX_MEGABYTES} MB)"


# --------------------------------------------------------------------------- the corpus


def test_the_corpus_is_complete_and_well_formed() -> None:
    assert len(CASES) >= 32, f"only {len(CASES)} cases in {CORPUS}"
    assert len(BUILD_CASES) >= 6
    for required in ("alias-bomb", "ten-megabytes", "non-utf8"):
        assert required in BUILD_CASES, f"{required} must run the full build"
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name, case in CASES.items():
        assert set(case) <= CASE_KEYS, f"{name}: unknown keys {set(case) - CASE_KEYS}"
        assert case.get("description"), f"{name}: no description"
        assert f"`{name}`" in readme, f"{name} is missing from tests/corpus/README.md"
        replacements = [p for p in (CORPUS / name).rglob("*") if p.is_file()]
        assert len(replacements) > 1 or case.get("generate") in GENERATORS, f"{name}: no files"
        if case["expect"] == "error":
            assert case["file"].startswith("data/") and isinstance(case["message"], str)
            assert isinstance(case.get("field", ""), str), name
        else:
            assert case["expect"] == "escaped", name
            assert _pages(case) and case["escaped"], f"{name}: needs page and escaped"
        for marker in [case.get("generate")] if case.get("generate") else []:
            assert marker in GENERATORS, f"{name}: unknown generator {marker!r}"


def _names_the_place(problem: dict[str, Any], case: dict[str, Any]) -> bool:
    field = case.get("field") or ""
    if problem["file"] != case["file"]:
        return False
    if field and not (
        problem["field"] == field or problem["field"].startswith((f"{field}.", f"{field}["))
    ):
        return False
    if not field and problem["field"]:
        return False
    if case["message"] not in problem["message"]:
        return False
    return "line" not in case or problem["line"] == case["line"]


def _selected(request: pytest.FixtureRequest, test: str) -> list[str]:
    """The cases of ``test`` that this session will run (so ``-k`` runs only those)."""
    return [
        item.callspec.params["name"]
        for item in request.session.items
        if getattr(item, "originalname", None) == test and hasattr(item, "callspec")
    ]


@pytest.fixture(scope="module")
def loads(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Measured]:
    """``load_catalog`` on every selected case, each in a measured child."""
    jobs = {}
    for name in _selected(request, "test_loading_the_case"):
        scratch = tmp_path_factory.mktemp(f"load-{name}")
        data = prepare(name, scratch) / "data"
        jobs[name] = ("load", [data], scratch)
    return measure_all(jobs, MAX_LOAD_SECONDS)


@pytest.fixture(scope="module")
def builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, Measured]]:
    """The full build of every selected build case, and of the unchanged data for comparison.

    An error case's site folder holds a sentinel file from a "previous build" first."""
    escaped = _selected(request, "test_odd_text_is_rendered_escaped")
    names = _selected(request, "test_the_build_stops_before_writing") + escaped
    jobs, sites = {}, {}
    for name in [PRISTINE, *names] if escaped else names:
        scratch = tmp_path_factory.mktemp("build-pristine" if name == PRISTINE else f"build-{name}")
        project = prepare(name, scratch) if name != PRISTINE else copy_project(scratch / "project")
        site = sites[name] = project / "site"
        if name in ERROR_CASES:
            site.mkdir()
            (site / SENTINEL).write_text("previous build", encoding="utf-8")
        jobs[name] = ("build", [project, site], scratch)
    results = measure_all(jobs, MAX_BUILD_SECONDS)
    return {name: (sites[name], result) for name, result in results.items()}


def test_a_job_that_computes_or_waits_forever_is_killed(tmp_path: Path) -> None:
    spin = measure_all({"spin": ("spin", [], tmp_path)}, 0.5, wall_limit=120)
    assert spin["spin"].killed == "cpu"
    wait = measure_all({"wait": ("wait", [], tmp_path)}, 0.5, wall_limit=2)
    assert wait["wait"].killed == "wall"


@pytest.mark.parametrize("name", sorted(CASES))
def test_loading_the_case(name: str, loads: dict[str, Measured]) -> None:
    """An error case is refused with a DataError naming file, field and message; an escaped
    case loads. Either way, quickly and in little memory."""
    case = CASES[name]
    result = loads[name]

    _check_limits(result, f"load_catalog on {name}", MAX_LOAD_SECONDS)
    outcome = result.value
    if case["expect"] == "escaped":
        assert outcome["kind"] == "loaded", f"odd but valid text was refused: {outcome}"
        return
    expected = f"{case['file']}{':' + str(case['line']) if 'line' in case else ''}: " + (
        f"{case.get('field') or '(file)'}: ...{case['message']}..."
    )
    assert outcome["kind"] == "DataError", (
        f"load_catalog raised {outcome['kind']} instead of a DataError: {outcome.get('detail')}"
        f"\nexpected: {expected}"
    )
    found = [p for p in outcome["problems"] if _names_the_place(p, case)]
    assert found, f"no problem matches\nexpected: {expected}\ngot:\n{outcome['text']}"
    problem = found[0]
    # The text a contributor reads names the file, the field and the reason.
    where = f"{problem['file']}:{problem['line']}" if problem["line"] else problem["file"]
    assert f"{where}: {problem['field'] or '(file)'}: {problem['message']}" in outcome["text"]


@pytest.mark.parametrize("name", BUILD_CASES)
def test_the_build_stops_before_writing(
    name: str, builds: dict[str, tuple[Path, Measured]]
) -> None:
    case = CASES[name]
    site, result = builds[name]
    sentinel = site / SENTINEL

    _check_limits(result, f"mkdocs build on {name}", MAX_BUILD_SECONDS)
    build = result.value
    assert build["returncode"] != 0, "the build succeeded"
    output = build["output"]
    for fragment in (case["file"], case.get("field") or "(file)", case["message"]):
        assert fragment in output, f"{fragment!r} not in the build output:\n{output[-3000:]}"
    assert "Traceback" not in output, output[-3000:]
    assert sorted(p.name for p in site.iterdir()) == [SENTINEL]
    assert sentinel.read_text(encoding="utf-8") == "previous build"


# --------------------------------------------------------------------------- escaping


class _Page(HTMLParser):
    """The live markup of a page: tags, attributes and script bodies."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: set[tuple[str, str, str]] = set()
        self.scripts: list[str] = []
        self._script: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for key, value in attrs:
            self.attributes.add((tag, key, value or ""))
        if tag == "script":
            self._script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def _live_danger(page: _Page, pristine: _Page) -> list[str]:
    """Markup on the page that the same page built from the repository's data does not have."""
    found = []
    for tag in sorted(GUARDED_TAGS):
        if page.tags[tag] != pristine.tags[tag]:
            found.append(f"<{tag}> tags: {page.tags[tag]} (repository data: {pristine.tags[tag]})")
    for script in page.scripts:
        if script not in pristine.scripts:
            found.append(f"a <script> the repository's page does not have: {script[:120]!r}")
    for tag, key, value in sorted(page.attributes - pristine.attributes):
        if key.startswith("on"):
            found.append(f"event handler <{tag} {key}={value!r}>")
        if key in URL_ATTRIBUTES and value.strip().lower().startswith(BAD_SCHEMES):
            found.append(f"script URL <{tag} {key}={value!r}>")
        if key in {"style", "srcdoc", "formaction"}:
            found.append(f"attribute <{tag} {key}={value!r}>")
    return found


XML_OUTPUTS = ("feeds", "badges")


def _xml_problems(site: Path) -> list[str]:
    """Every feed, feed list and badge the build wrote is well-formed XML; feeds read as Atom."""
    problems = []
    for folder in XML_OUTPUTS:
        for path in sorted(p for p in (site / folder).rglob("*") if p.is_file()):
            where = path.relative_to(site).as_posix()
            try:
                ET.parse(path)
            except ET.ParseError as exc:
                problems.append(f"{where}: not well-formed XML: {exc}")
                continue
            if path.suffix == ".xml" and where not in SITEMAP_PROBES:
                parsed = feedparser.parse(path.read_bytes())
                if parsed.bozo or parsed.version != "atom10":
                    problems.append(f"{where}: {parsed.get('bozo_exception') or parsed.version}")
    return problems


def _xml_danger(text: str, pristine_text: str) -> list[str]:
    """Elements or event attributes in an XML output that the repository's does not have."""
    tree, pristine = ET.fromstring(text.encode()), ET.fromstring(pristine_text.encode())
    known = {node.tag for node in pristine.iter()}
    found = [f"element {node.tag}" for node in tree.iter() if node.tag not in known]
    for node in tree.iter():
        found += [f"attribute {key} on {node.tag}" for key in node.attrib if key.startswith("on")]
    return found


@pytest.mark.parametrize("name", ESCAPED_CASES)
def test_odd_text_is_rendered_escaped(name: str, builds: dict[str, tuple[Path, Measured]]) -> None:
    case = CASES[name]
    site, result = builds[name]
    pristine_site, pristine = builds[PRISTINE]
    assert pristine.value and pristine.value["returncode"] == 0, "the unchanged data must build"

    _check_limits(result, f"mkdocs build on {name}", MAX_BUILD_SECONDS)
    assert result.value["returncode"] == 0, result.value["output"][-3000:]
    problems = []
    for page_path in _pages(case):
        text = (site / page_path).read_text(encoding="utf-8")
        pristine_text = (pristine_site / page_path).read_text(encoding="utf-8")
        for literal in case["escaped"]:
            if literal not in text:
                problems.append(f"{page_path}: {literal!r} does not appear (escaped) on the page")
        for literal in case.get("absent", []):
            if literal in text:
                problems.append(f"{page_path}: {literal!r} appears on the page")
        if text.lower().count("<script") != pristine_text.lower().count("<script"):
            problems.append(f"{page_path}: the number of '<script' differs from the repository's")
        if page_path.endswith(".html"):
            danger = _live_danger(_Page(text), _Page(pristine_text))
        else:
            danger = _xml_danger(text, pristine_text)
        problems += [f"{page_path}: {d}" for d in danger]
    problems += _xml_problems(site)
    assert not problems, "\n".join(problems)


if __name__ == "__main__":  # the measuring process started by ``measure_all``
    _measure_here(Path(sys.argv[1]), sys.argv[2], *sys.argv[3:])
