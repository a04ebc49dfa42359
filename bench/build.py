"""The build benchmark: ``mkdocs build`` of the guide against plain-Markdown baselines.

``run_build_benchmarks(runs=5)`` owns the measurement of build time and peak memory. It makes,
in one temporary folder that is deleted afterwards:

- three data sets: the real ``data/``, and synthetic sets of 100 and 1,000 libraries
  (``bench.synthetic``);
- for each, the guide: a copy of the project (``mkdocs.yml``, ``docs/``, ``CONTRIBUTING.md`` and
  the data copied; ``macros/``, ``selector/``, ``node_modules/``, ``overrides/`` linked), built
  with ``--strict`` for the real data and without it for synthetic sets (warnings are counted);
- for each, two baselines: a plain MkDocs project with the guide's theme settings (Material,
  same features, palette, font, custom_dir, Markdown extensions; the search plugin; no macros
  plugin, no hooks) whose ``docs/`` holds the same generated pages as plain Markdown files,
  written by ``macros.pages.render_library_page`` and ``render_category_page`` from the loaded
  catalog with their front matter. In ``baseline_out_of_nav`` the navigation lists the home
  page and the category pages, as the guide's does, and the library pages are ``not_in_nav``;
  in ``baseline_in_nav`` it lists every library page too.

Every build runs ``python -m mkdocs build`` in a child process through a small wrapper that
prints the child's own peak RSS (``VmHWM``) at exit. Runs are interleaved
(each round builds every variant once) so drift in the machine's load touches all variants
alike. Each figure is the median, min and max of ``runs`` runs; ``BENCH_RUNS`` in the
environment overrides ``runs`` (for a quick check, not for published figures).

The returned dict (JSON-serialisable)::

    {"runs": 5, "environment": {...}, "targets": {...},
     "datasets": {"real": {"libraries": 100, "builds": {
         "guide": {"seconds": {"median", "min", "max", "runs"}, "peak_rss_mb": {...},
                   "build_seconds": {...}, "pages": 138, "search_index_bytes": 187681,
                   "strict": true, "warnings": 0},
         "baseline_out_of_nav": {...}, "baseline_in_nav": {...}},
       "ratios": {"guide_vs_baseline_out_of_nav": {"seconds", "peak_rss_mb"},
                  "guide_vs_baseline_in_nav": {...}}},
      "synthetic-100": {...}, "synthetic-1000": {...}},
     "growth": {"from": "synthetic-100", "to": "synthetic-1000",
                "guide": {"seconds", "peak_rss_mb"}, "baseline_out_of_nav": {...}, ...}}

``seconds`` is the wall time of the child process (interpreter start-up included);
``build_seconds`` is what MkDocs reports as "Documentation built in". Writing
``bench/results.json`` and ``bench/RESULTS.md`` from this dict is not this module's job.

``python -m bench.build --profile 1000`` profiles one guide build of 1,000 libraries with
cProfile and prints the costliest functions.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from bench.synthetic import synthetic_data
from macros.catalog import Catalog, load_catalog
from macros.pages import render_category_page, render_library_page

PROJECT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "CONTRIBUTING.md")
LINKED = ("macros", "selector", "node_modules", "overrides")
SIZES = (100, 1000)
GUIDE = "guide"
OUT_OF_NAV = "baseline_out_of_nav"
IN_NAV = "baseline_in_nav"
KINDS = (GUIDE, OUT_OF_NAV, IN_NAV)
TARGETS = {"ratio_at_1000_max": 1.5, "growth_100_to_1000_max": 11.0}
BUILD_TIMEOUT = 900

# Runs MkDocs' command line in-process and reports this process's peak RSS (KB) at exit. It
# reads VmHWM, which starts afresh with the program: getrusage's ru_maxrss keeps the parent's
# high-water mark across fork and exec on Linux, so it would report the benchmark's own size.
WRAPPER = (
    "import atexit, sys\n"
    "def _report():\n"
    "    status = open('/proc/self/status').read()\n"
    "    peak = int(status.split('VmHWM:')[1].split()[0])\n"
    "    sys.stderr.write(f'\\nBENCH_PEAK_RSS_KB={peak}\\n')\n"
    "    sys.stderr.flush()\n"
    "atexit.register(_report)\n"
    "from mkdocs.__main__ import cli\n"
    "sys.argv[0] = 'mkdocs'\n"
    "cli()\n"
)
PEAK_LINE = re.compile(r"^BENCH_PEAK_RSS_KB=(\d+)$", re.M)
BUILT_LINE = re.compile(r"Documentation built in ([\d.]+) seconds")
WARNING_LINE = re.compile(r"^WARNING\b", re.M)


@dataclass
class Variant:
    dataset: str
    kind: str
    project: Path
    strict: bool
    libraries: int
    seconds: list[float] = field(default_factory=list)
    build_seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    pages: int = 0
    warnings: int = 0
    search_index_bytes: int = 0

    @property
    def label(self) -> str:
        return f"{self.kind} {self.dataset}"


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _guide_config() -> dict[str, Any]:
    return yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))


def guide_project(dest: Path, data: Path) -> Path:
    """A copy of what the guide's build reads, as tests/conftest.py makes it, with ``data``."""
    dest.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    for name in LINKED:
        if (PROJECT / name).exists():
            (dest / name).symlink_to(PROJECT / name)
    shutil.copytree(data, dest / "data", ignore=shutil.ignore_patterns("schema"))
    return dest


def _today() -> date:
    from macros.hooks import build_date  # the guide's own notion of "today"

    return build_date()


def baseline_project(dest: Path, catalog: Catalog, *, in_nav: bool) -> Path:
    """A plain Material project holding the guide's generated pages as Markdown files."""
    guide = _guide_config()
    docs = dest / "docs"
    (docs / "libraries").mkdir(parents=True)
    (docs / "stack").mkdir()
    today = _today()
    edit_uri = guide.get("edit_uri") or ""

    def edit_url(source: str) -> str:
        return urljoin(edit_uri, "../" + source)

    (docs / "index.md").write_text(
        "# Baseline\n\nThe guide's generated pages as plain Markdown.\n", encoding="utf-8"
    )
    library_pages = []
    for slug in catalog.libraries:
        page = f"libraries/{slug}.md"
        content = render_library_page(
            catalog, slug, edit_url(catalog.source_of("library", slug)), today
        )
        (docs / page).write_text(content, encoding="utf-8")
        library_pages.append(page)
    category_pages = []
    categories_source = edit_url(catalog.source_of("categories"))
    for slug in catalog.categories:
        page = f"stack/{slug}.md"
        content = render_category_page(catalog, slug, categories_source, today)
        (docs / page).write_text(content, encoding="utf-8")
        category_pages.append(page)

    theme = dict(guide["theme"])
    custom_dir = theme.get("custom_dir")
    if custom_dir and (PROJECT / custom_dir).exists():
        (dest / custom_dir).symlink_to(PROJECT / custom_dir)
    else:
        theme.pop("custom_dir", None)
    nav: list[Any] = [{"Home": "index.md"}, {"Technology stack": category_pages}]
    config: dict[str, Any] = {
        "site_name": guide.get("site_name", "Baseline"),
        "site_url": guide.get("site_url"),
        "edit_uri": guide.get("edit_uri"),
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": guide.get("markdown_extensions", []),
        "validation": guide.get("validation", {}),
        "nav": nav,
    }
    if in_nav:
        nav.append({"Libraries": library_pages})
    else:
        config["not_in_nav"] = "/libraries/\n"
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest


def build_once(project: Path, *, strict: bool) -> dict[str, Any]:
    """One ``mkdocs build`` of ``project`` into a fresh ``site/``: seconds, peak RSS, output."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-c", WRAPPER, "build", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(site)] + (["--strict"] if strict else [])
    start = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    seconds = time.perf_counter() - start
    output = result.stdout + result.stderr
    if result.returncode != 0:
        tail = "\n".join(output.splitlines()[-30:])
        raise RuntimeError(f"mkdocs build of {project} failed ({result.returncode}):\n{tail}")
    peak = PEAK_LINE.search(output)
    built = BUILT_LINE.search(output)
    if peak is None:
        raise RuntimeError(f"the build of {project} did not report its peak memory:\n{output}")
    return {
        "seconds": seconds,
        "build_seconds": float(built.group(1)) if built else None,
        "peak_kb": int(peak.group(1)),
        "warnings": len(WARNING_LINE.findall(output)),
        "pages": sum(1 for _ in site.rglob("*.html")),
        "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
    }


def _summary(values: list[float], digits: int) -> dict[str, Any]:
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "runs": [round(v, digits) for v in values],
    }


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("nan")


def _versions() -> dict[str, str]:
    out = {}
    for dist in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pydantic", "PyYAML"):
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def prepare_variants(work: Path, sizes: tuple[int, ...] = SIZES) -> list[Variant]:
    """The data sets, the guide's project copies and the baselines, ready to build."""
    datasets: dict[str, Path] = {"real": PROJECT / "data"}
    for size in sizes:
        datasets[f"synthetic-{size}"] = synthetic_data(
            PROJECT / "data", work / "data" / f"synthetic-{size}", size
        )
    variants = []
    for name, data in datasets.items():
        catalog = load_catalog(data)
        strict = name == "real"
        count = len(catalog.libraries)
        project = guide_project(work / name / GUIDE, data)
        variants.append(Variant(name, GUIDE, project, strict, count))
        for kind, in_nav in ((OUT_OF_NAV, False), (IN_NAV, True)):
            project = baseline_project(work / name / kind, catalog, in_nav=in_nav)
            variants.append(Variant(name, kind, project, False, count))
    return variants


def _result(variants: list[Variant], runs: int, started: list[float] | None) -> dict[str, Any]:
    by_key = {(v.dataset, v.kind): v for v in variants}
    datasets: dict[str, Any] = {}
    for variant in variants:
        entry = datasets.setdefault(variant.dataset, {"libraries": variant.libraries, "builds": {}})
        build: dict[str, Any] = {
            "seconds": _summary(variant.seconds, 2),
            "peak_rss_mb": _summary([kb / 1024 for kb in variant.peak_kb], 1),
            "pages": variant.pages,
            "search_index_bytes": variant.search_index_bytes,
            "strict": variant.strict,
            "warnings": variant.warnings,
        }
        if all(s is not None for s in variant.build_seconds):
            build["build_seconds"] = _summary(variant.build_seconds, 2)
        entry["builds"][variant.kind] = build

    def medians(dataset: str, kind: str) -> tuple[float, float]:
        build = datasets[dataset]["builds"][kind]
        return build["seconds"]["median"], build["peak_rss_mb"]["median"]

    for name, entry in datasets.items():
        guide = medians(name, GUIDE)
        entry["ratios"] = {}
        for kind in (OUT_OF_NAV, IN_NAV):
            base = medians(name, kind)
            entry["ratios"][f"guide_vs_{kind}"] = {
                "seconds": _ratio(guide[0], base[0]),
                "peak_rss_mb": _ratio(guide[1], base[1]),
            }
    low, high = f"synthetic-{SIZES[0]}", f"synthetic-{SIZES[-1]}"
    growth: dict[str, Any] = {"from": low, "to": high}
    for kind in KINDS:
        if (low, kind) in by_key and (high, kind) in by_key:
            a, b = medians(low, kind), medians(high, kind)
            growth[kind] = {"seconds": _ratio(b[0], a[0]), "peak_rss_mb": _ratio(b[1], a[1])}
    ratio_at_1000 = datasets[high]["ratios"][f"guide_vs_{OUT_OF_NAV}"]["seconds"]
    guide_growth = growth[GUIDE]["seconds"]
    return {
        "runs": runs,
        "environment": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "packages": _versions(),
            "load_average_before": started,
            "load_average_after": _loadavg(),
        },
        "targets": {
            **TARGETS,
            "ratio_at_1000": ratio_at_1000,
            "ratio_at_1000_met": ratio_at_1000 <= TARGETS["ratio_at_1000_max"],
            "growth_100_to_1000": guide_growth,
            "growth_met": guide_growth <= TARGETS["growth_100_to_1000_max"],
        },
        "datasets": datasets,
        "growth": growth,
    }


def run_build_benchmarks(
    runs: int = 5, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Build every variant ``runs`` times, interleaved; return the figures (see module doc)."""
    runs = int(os.environ.get("BENCH_RUNS") or runs)
    if runs < 1:
        raise ValueError("runs must be at least 1")
    say = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    started = _loadavg()
    with tempfile.TemporaryDirectory(prefix="guide-build-bench-") as folder:
        work = Path(folder)
        say(f"build benchmark: preparing data sets and projects in {work}")
        variants = prepare_variants(work)
        total = runs * len(variants)
        done = 0
        for _ in range(runs):
            for variant in variants:
                measured = build_once(variant.project, strict=variant.strict)
                variant.seconds.append(measured["seconds"])
                variant.build_seconds.append(measured["build_seconds"])
                variant.peak_kb.append(measured["peak_kb"])
                variant.pages = measured["pages"]
                variant.search_index_bytes = measured["search_index_bytes"]
                variant.warnings = max(variant.warnings, measured["warnings"])
                done += 1
                say(
                    f"[{done}/{total}] {variant.label}: {measured['seconds']:.2f} s, "
                    f"{measured['peak_kb'] / 1024:.0f} MB, {measured['pages']} pages"
                )
        return _result(variants, runs, started)


def profile_guide_build(libraries: int = 1000, top: int = 40, save: Path | None = None) -> str:
    """cProfile one guide build of a synthetic data set; the costliest functions as text."""
    import pstats

    with tempfile.TemporaryDirectory(prefix="guide-build-profile-") as folder:
        work = Path(folder)
        data = synthetic_data(PROJECT / "data", work / "data", libraries)
        project = guide_project(work / "project", data)
        stats_file = save or work / "build.prof"
        command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs"]
        command += ["build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(work / "site")]
        subprocess.run(command, cwd=project, env=_env(), check=True, timeout=BUILD_TIMEOUT)
        out = []
        for order in ("cumulative", "tottime"):
            stream = _Capture()
            stats = pstats.Stats(str(stats_file), stream=stream)  # type: ignore[arg-type]
            stats.sort_stats(order).print_stats(top)
            out.append(stream.text())
        return "\n".join(out)


class _Capture:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def text(self) -> str:
        return "".join(self.parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=int, metavar="LIBRARIES", help="profile one build")
    parser.add_argument("--save", type=Path, help="with --profile: keep the cProfile stats")
    args = parser.parse_args(argv)
    if args.profile:
        print(profile_guide_build(args.profile, save=args.save))
        return
    import json

    print(json.dumps(run_build_benchmarks(args.runs), indent=2))


if __name__ == "__main__":
    main()
