"""``make bench``: every figure, side by side with its baseline, in one run.

Builds the guide into a temporary folder, measures the selector page in headless Chromium
(``bench.selector``), then the builds of the real and synthetic data sets against plain
Markdown baselines (``bench.build``), and writes ``bench/results.json`` and the table
``bench/RESULTS.md`` with the machine the figures came from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.build import run_build_benchmarks
from bench.selector import run_selector_benchmarks

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        total_kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory_gb = round(total_kb / 1024 / 1024, 1)
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": node,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def build_site(destination: Path) -> Path:
    site = destination / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=PROJECT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return site


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


def selector_targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Each selector target with what was measured; the same checks with 4x throttling."""
    rows = []
    for label in ("unthrottled", "cpu_4x"):
        run = figures[label]
        median = {key: value["median"] for key, value in run.items()}
        questions = median["questions_visible_ms"]
        without = median["questions_visible_without_selector_ms"]
        first, bare = median["ready_first_ms"], median["bare_ready_ms"]
        repeat = median["ready_repeat_ms"]
        rows += [
            {
                "target": f"Questions visible within 1.1x of the page without it ({label})",
                "measured": f"{questions:.0f} ms vs {without:.0f} ms",
                "ratio": _ratio(questions, without),
                "limit": 1.1,
            },
            {
                "target": f"Ready within 1.0x of bare loadPyodide(), first visit ({label})",
                "measured": f"{first:.0f} ms vs {bare:.0f} ms",
                "ratio": _ratio(first, bare),
                "limit": 1.0,
            },
            {
                "target": f"Repeat visit ready under half the first visit ({label})",
                "measured": f"{repeat:.0f} ms vs {first:.0f} ms",
                "ratio": _ratio(repeat, first),
                "limit": 0.5,
            },
            {
                "target": f"Repeat visit: no network bytes for the runtime ({label})",
                "measured": f"{median['runtime_bytes_repeat']:.0f} bytes",
                "ratio": median["runtime_bytes_repeat"],
                "limit": 0,
            },
        ]
        if "click_ms" in run:
            rows.append(
                {
                    "target": f"Answer to updated recommendation under 50 ms at p95 ({label})",
                    "measured": f"p95 {run['click_ms']['p95']} ms, median "
                    f"{run['click_ms']['median']} ms over {run['click_ms']['runs']} clicks",
                    "ratio": run["click_ms"]["p95"],
                    "limit": 50,
                }
            )
    return rows


def build_targets(figures: dict[str, Any]) -> list[dict[str, Any]]:
    targets = figures["targets"]
    return [
        {
            "target": "Build at 1,000 libraries within 1.5x of the plain-Markdown baseline",
            "measured": f"{targets['ratio_at_1000']}x",
            "ratio": targets["ratio_at_1000"],
            "limit": 1.5,
        },
        {
            "target": "Build from 100 to 1,000 libraries grows at most 11x",
            "measured": f"{targets['growth_100_to_1000']}x",
            "ratio": targets["growth_100_to_1000"],
            "limit": 11,
        },
    ]


def _verdict(row: dict[str, Any]) -> str:
    if row["ratio"] <= row["limit"]:
        return "met"
    if row["limit"] == 0:
        return "not met"
    return f"not met: {row['ratio'] / row['limit']:.2f}x the limit"


def _spread(figure: dict[str, Any], unit: str) -> str:
    return f"{figure['median']} {unit} ({figure['min']}–{figure['max']})"


def markdown(results: dict[str, Any]) -> str:
    env = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {env['date']}: {env['cpu']}, {env['cores']} cores, "
        f"{env['memory_gb']} GB, {env['os']}, Python {env['python']}, Node {env['node']}, "
        f"Chromium {results['selector']['chromium']}. Each figure is the median of "
        f"{results['runs']} runs, with min–max in brackets.",
        "",
        "## Targets",
        "",
        "| Target | Measured | Ratio | Verdict |",
        "| --- | --- | --- | --- |",
    ]
    for row in results["targets"]:
        lines.append(f"| {row['target']} | {row['measured']} | {row['ratio']} | {_verdict(row)} |")
    lines += ["", "## Selector page", ""]
    lines += ["| Figure | Unthrottled | CPU 4x slower |", "| --- | --- | --- |"]
    labels = {
        "questions_visible_ms": ("Questions visible", "ms"),
        "questions_visible_without_selector_ms": ("Baseline: questions visible, no selector", "ms"),
        "ready_first_ms": ("Ready, first visit", "ms"),
        "bare_ready_ms": ("Baseline: bare page, loadPyodide() + one line", "ms"),
        "ready_repeat_ms": ("Ready, repeat visit", "ms"),
        "bytes_first": ("Bytes sent, first visit", "B"),
        "bare_bytes": ("Baseline: bytes sent, bare page", "B"),
        "bytes_repeat": ("Bytes sent, repeat visit", "B"),
        "runtime_bytes_repeat": ("Runtime bytes sent, repeat visit", "B"),
        "click_ms": ("Answer to recommendation (p95 in the targets)", "ms"),
    }
    selector = results["selector"]
    for key, (label, unit) in labels.items():
        cells = [
            _spread(selector[run][key], unit) if key in selector[run] else "n/a"
            for run in ("unthrottled", "cpu_4x")
        ]
        lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    lines += ["", "## Builds", ""]
    lines += [
        "| Data set | Variant | Pages | Seconds | Peak memory | Ratio to out-of-nav baseline |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, dataset in results["build"]["datasets"].items():
        base = dataset["builds"]["baseline_out_of_nav"]["seconds"]["median"]
        for kind, build in dataset["builds"].items():
            ratio = _ratio(build["seconds"]["median"], base)
            lines.append(
                f"| {name} | {kind} | {build['pages']} | {_spread(build['seconds'], 's')} | "
                f"{_spread(build['peak_rss_mb'], 'MB')} | {ratio} |"
            )
    growth = results["build"]["growth"]
    lines += ["", f"Growth from {growth['from']} to {growth['to']}:", ""]
    for kind, figure in growth.items():
        if isinstance(figure, dict):
            lines.append(f"- {kind}: {figure['seconds']}x time, {figure['peak_rss_mb']}x memory")
    lines += ["", "## How it is measured", "", *NOTES]
    return "\n".join(lines) + "\n"


NOTES = [
    "- The site is served on 127.0.0.1 by a static server with gzip and `application/wasm`, as "
    "a static host would; every run of the selector uses a fresh browser context (empty HTTP "
    "cache, no service worker), then a second page in the same context for the repeat visit.",
    "- *Questions visible*: the first animation frame in which the first question is laid out. "
    "Its baseline is the same page with the selector's script blocked.",
    "- *Ready*: the selector's `selector-ready` performance mark (the worker answered its first "
    "request). Its baseline is a bare page that imports the same `pyodide.mjs`, calls "
    "`loadPyodide()` on the main thread and runs `1 + 1`.",
    "- *Bytes sent*: response bodies the server sent for the visit (gzip where it applies).",
    "- *Answer to recommendation*: in the page, from a radio click to the re-rendered result.",
    "- CPU 4x: `Emulation.setCPUThrottlingRate` through the Chrome DevTools Protocol on the page. "
    "It throttles the page's main thread; the selector's worker runs on its own thread, which "
    "the protocol does not slow down, while the bare baseline runs Pyodide on the main thread.",
    "- Builds: `python -m mkdocs build` in a subprocess, wall time and the process's peak "
    "resident memory, the variants interleaved run by run. Synthetic data sets are generated "
    "from the real library files in a temporary folder.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 5)))
    parser.add_argument("--output", type=Path, default=HERE)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"runs": args.runs, "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as folder:
        print("bench: building the site", file=sys.stderr, flush=True)
        site = build_site(Path(folder))
        print("bench: selector page in Chromium", file=sys.stderr, flush=True)
        results["selector"] = run_selector_benchmarks(site, runs=args.runs)
    print("bench: builds", file=sys.stderr, flush=True)
    results["build"] = run_build_benchmarks(args.runs)
    results["targets"] = selector_targets(results["selector"]) + build_targets(results["build"])
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "results.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    (args.output / "RESULTS.md").write_text(markdown(results), "utf-8")
    print((args.output / "RESULTS.md").read_text("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
