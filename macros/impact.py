"""What a change to the guide does to the site: ``python -m macros.impact BASE_REF``.

The data is built twice, each tree with its own code: the tree at ``BASE_REF`` (exported with
``git archive`` into a temporary folder) and the working tree. Each build writes a snapshot
(every library record as validated, a digest of the selector's data, of every page's content
and of every generated document; and, only when the selector's data differs, the selector's
outcome for every answer combination and preset), and the report compares the two, in
Markdown:

- the files added, removed and changed under ``data/``;
- per library, each field that changed, with its old and new value;
- the pages, ``api/v1/`` documents and other generated files whose content changes;
- when the selector's data changes, how many answer combinations get another framework or
  stack, with up to ten examples, and the presets whose outcome changes.

Outcomes are compared by framework and by a stack identity (the stack's slug or name and the
sorted slugs of its picked parts), read from ``selector.recommend``'s result without assuming
more of its shape. Values from the data appear in code spans, so they cannot become Markdown
or HTML in a pull request's summary.

This file is also the snapshot script: ``python macros/impact.py --snapshot TREE OUT`` is run
with ``TREE`` first on the import path, so each tree is read by its own ``macros``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
# Files in the site folder that say nothing about content: the theme's and runtime assets,
# the search index and the sitemap, which lists every page with the build's date.
NOT_CONTENT = ("assets/", "search/", "sitemap.xml")
MAX_EXAMPLES = 10
RUN_SCRIPT = (
    "import runpy, sys; sys.argv[:] = sys.argv[1:]; "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)
MAX_VALUE = 80

# --------------------------------------------------------------------------- snapshot (in TREE)


def answer_combinations(questions: list[dict[str, Any]]) -> Iterator[dict[str, str]]:
    """Every set of answers a reader can give: each question asked given the earlier answers
    is left open or answered once; a question that is not asked stays open."""

    def extend(index: int, answers: dict[str, str]) -> Iterator[dict[str, str]]:
        if index == len(questions):
            yield dict(answers)
            return
        question = questions[index]
        yield from extend(index + 1, answers)
        asked = all(answers.get(q) in values for q, values in question["ask_if"].items())
        for answer in question["answers"] if asked else ():
            answers[question["id"]] = answer["value"]
            yield from extend(index + 1, answers)
            del answers[question["id"]]

    return extend(0, {})


def _picked_slugs(parts: Any) -> Iterator[str]:
    """The slugs of the parts a stack uses, whatever the nesting of its parts."""
    if isinstance(parts, Mapping):
        if isinstance(parts.get("slug"), str):
            if parts.get("pick", True):
                yield parts["slug"]
            return
        for value in parts.values():
            yield from _picked_slugs(value)
    elif isinstance(parts, list):
        for item in parts:
            yield from _picked_slugs(item)


def outcome(result: Mapping[str, Any]) -> dict[str, Any]:
    """Framework and stack identity of one ``selector.recommend`` result."""
    stack = result.get("stack") or {}
    return {
        "framework": result.get("framework_name") or result.get("framework"),
        "stack": stack.get("slug") or stack.get("name") or "",
        "stack_name": stack.get("name") or stack.get("slug") or "",
        "parts": sorted(_picked_slugs(stack.get("parts", {}))),
    }


def answers_key(answers: Mapping[str, str]) -> str:
    return ", ".join(f"{q}={a}" for q, a in answers.items())


def _payload(catalog: Any) -> dict[str, Any]:
    from macros.selector_data import selector_payload

    return selector_payload(catalog)


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def selector_outcomes(payload: dict[str, Any]) -> dict[str, Any]:
    """The outcome of every answer combination (as an index into the distinct outcomes, which
    are few) and of every preset."""
    from selector import apply_preset, preset_names, recommend

    distinct: dict[str, int] = {}
    outcomes: list[dict[str, Any]] = []
    combinations: dict[str, int] = {}
    for answers in answer_combinations(payload["questions"]):
        found = outcome(recommend(payload, answers))
        combinations[answers_key(answers)] = distinct.setdefault(digest(found), len(outcomes))
        if len(outcomes) < len(distinct):
            outcomes.append(found)
    presets = {
        name: outcome(recommend(payload, apply_preset(payload, name)))
        for name in preset_names(payload)
    }
    return {"outcomes": outcomes, "combinations": combinations, "presets": presets}


def _build_site(tree: Path, site: Path, epoch: str) -> str | None:
    """Builds ``tree`` into ``site`` with its own code; the error output when it fails."""
    env = {**os.environ, "PYTHONPATH": str(tree), "SOURCE_DATE_EPOCH": epoch}
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    done = subprocess.run(
        [*command, "-f", str(tree / "mkdocs.yml"), "-d", str(site)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    return None if done.returncode == 0 else (done.stdout + done.stderr)[-2000:]


def _content_digests(site: Path) -> dict[str, str]:
    digests = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name.startswith(NOT_CONTENT) or name == "_headers":
            continue
        data = path.read_bytes()
        if path.suffix == ".html":
            match = ARTICLE.search(data.decode("utf-8", "replace"))
            data = match.group(1).encode() if match else data
        digests[name] = hashlib.sha256(data).hexdigest()
    return digests


def snapshot(tree: Path, out: Path, epoch: str, part: str) -> dict[str, Any]:
    """``site``: the library records, the selector data's digest and the built pages;
    ``outcomes``: the selector's outcomes (run only when the selector's data differs)."""
    from macros.catalog import DataError, load_catalog

    try:
        catalog = load_catalog(tree / "data")
    except DataError as exc:
        return {"error": str(exc)}
    if part == "outcomes":
        return selector_outcomes(_payload(catalog))
    libraries = {s: lib.model_dump(mode="json") for s, lib in catalog.libraries.items()}
    build_error = _build_site(tree, out / "site", epoch)
    pages = {} if build_error else _content_digests(out / "site")
    return {
        "libraries": libraries,
        "payload": digest(_payload(catalog)),
        "pages": pages,
        "build": build_error,
    }


# --------------------------------------------------------------------------- the two trees


def _git(*args: str, capture: bool = True) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=PROJECT_DIR, capture_output=capture, check=False)


def export_tree(ref: str, destination: Path) -> str:
    """The files of ``ref`` in ``destination``; returns the commit's short id."""
    commit = _git("rev-parse", "--verify", "--short", f"{ref}^{{commit}}")
    if commit.returncode != 0:
        raise SystemExit(f"impact: {ref!r} is not a commit here: {commit.stderr.decode().strip()}")
    archive = _git("archive", "--format=tar", ref)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(destination, filter="data")
    modules = PROJECT_DIR / "node_modules"
    if modules.is_dir() and not (destination / "node_modules").exists():
        (destination / "node_modules").symlink_to(modules)  # the runtime files the build copies
    return commit.stdout.decode().strip()


def run_snapshot(tree: Path, out: Path, epoch: str, part: str = "site") -> dict[str, Any]:
    """A snapshot of ``tree`` from a fresh interpreter that imports that tree's code."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    script = [str(Path(__file__).resolve()), "--snapshot", str(tree), str(out), "--epoch", epoch]
    script += ["--part", part]
    # Run with -c, so the first entry of the import path is the tree (the working folder),
    # not this file's folder.
    done = subprocess.run(
        [sys.executable, "-c", RUN_SCRIPT, *script],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    result = out / f"{part}.json"
    if done.returncode != 0 or not result.is_file():
        return {"error": f"the snapshot failed:\n{(done.stdout + done.stderr)[-2000:]}"}
    return json.loads(result.read_text(encoding="utf-8"))


def data_files(tree: Path, names: list[str] | None = None) -> dict[str, str]:
    """Digest of each file under ``data/``: every file of an exported tree, or ``names``."""
    if names is None:
        names = [p.relative_to(tree).as_posix() for p in (tree / "data").rglob("*") if p.is_file()]
    return {name: hashlib.sha256((tree / name).read_bytes()).hexdigest() for name in sorted(names)}


def working_tree_data(tree: Path) -> list[str]:
    """The data files of the working tree that git would commit (tracked or not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "data"],
        cwd=tree,
        capture_output=True,
        check=True,
    )
    return [name for name in listed.stdout.decode().split("\0") if name and (tree / name).is_file()]


# --------------------------------------------------------------------------- comparing


def code(value: object) -> str:
    """A value as a Markdown code span that survives a table cell: nothing in it renders."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > MAX_VALUE:
        text = text[: MAX_VALUE - 1] + "…"
    text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _leaf(value: Any) -> bool:
    scalar = (str, int, float, bool, type(None))
    return not isinstance(value, Mapping | list) or (
        isinstance(value, list) and all(isinstance(item, scalar) for item in value)
    )


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Field path -> value for every leaf (``latest_release.version``, ``pros[2].text``); a
    list of plain values is one leaf. Empty values are left out, so a field that a model
    added with an empty default is not a change."""
    if _leaf(value):
        return {} if value in (None, [], "") else {prefix: value}
    items: dict[str, Any] = {}
    pairs = value.items() if isinstance(value, Mapping) else enumerate(value)
    for key, item in pairs:
        path = f"{prefix}[{key}]" if isinstance(key, int) else f"{prefix}.{key}" if prefix else key
        items.update(flatten(item, path))
    return items


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple]:
    """(field, old, new) for each field whose value differs; None where there is none."""
    old, new = flatten(before), flatten(after)
    order = list(dict.fromkeys([*new, *old]))
    return [
        (path, old.get(path), new.get(path)) for path in order if old.get(path) != new.get(path)
    ]


def _shown(value: object) -> str:
    return "(none)" if value is None else code(value)


def _folded(title: str, lines: list[str], limit: int = 40) -> list[str]:
    """Long lists go in a <details> block, so the summary stays readable."""
    if len(lines) <= limit:
        return lines
    return [f"<details><summary>{title}</summary>", "", *lines, "", "</details>"]


def _file_section(before: dict[str, str], after: dict[str, str]) -> list[str]:
    rows = [(name, "added") for name in after if name not in before]
    rows += [(name, "removed") for name in before if name not in after]
    rows += [(name, "changed") for name in after if name in before and before[name] != after[name]]
    if not rows:
        return ["### Data files", "", "No file under `data/` changes."]
    table = ["| File | Change |", "| --- | --- |"]
    table += [f"| {code(name)} | {change} |" for name, change in sorted(rows)]
    return ["### Data files", "", *_folded(f"{len(rows)} files", table)]


def _library_lines(slug: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    if slug not in before or slug not in after:
        return [f"#### {code(slug)}", "", "added" if slug in after else "removed", ""]
    changes = field_changes(before[slug], after[slug])
    if not changes:
        return []
    lines = [f"#### {code(slug)}", "", "| Field | Before | After |", "| --- | --- | --- |"]
    lines += [f"| {code(p)} | {_shown(old)} | {_shown(new)} |" for p, old, new in changes]
    return [*lines, ""]


def _library_section(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    sections = [_library_lines(slug, before, after) for slug in sorted(set(before) | set(after))]
    changed = [lines for lines in sections if lines]
    if not changed:
        return ["### Libraries", "", "No library record changes."]
    lines = [line for section in changed for line in section]
    return ["### Libraries", "", *_folded(f"{len(changed)} libraries change", lines, 120)]


def _url(name: str) -> str:
    return name.removesuffix("index.html") if name.endswith(".html") else name


def _pages_section(before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))
    groups = {
        "Pages": [n for n in changed if n.endswith(".html")],
        "`api/v1/` documents": [n for n in changed if n.startswith("api/v1/")],
    }
    groups["Other generated files"] = [
        n for n in changed if not any(n in g for g in groups.values())
    ]
    lines = []
    for title, names in groups.items():
        if names:
            items = [f"- {code(_url(n))}{_change_word(n, before, after)}" for n in names]
            lines += [f"{title} whose content changes ({len(names)}):", ""]
            lines += [*_folded(f"{len(names)} files", items), ""]
    return ["### Site", "", *(lines or ["No page or generated document changes."])]


def _change_word(name: str, before: Mapping[str, str], after: Mapping[str, str]) -> str:
    return " (new)" if name not in before else " (gone)" if name not in after else ""


def _described(found: Mapping[str, Any]) -> str:
    return f"{found['framework']} · {found['stack_name']}"


def _parts_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """For the same stack with other parts: which parts came and went."""
    if old["stack"] != new["stack"]:
        return ""
    gained = [s for s in new["parts"] if s not in old["parts"]]
    lost = [s for s in old["parts"] if s not in new["parts"]]
    words = [f"+{s}" for s in gained] + [f"−{s}" for s in lost]
    return f" ({' '.join(words)})" if words else ""


def _examples(changed: list[tuple]) -> list[tuple]:
    """Up to MAX_EXAMPLES, the fewest answers first, taking turns between changes of framework
    and changes of stack alone, so both kinds show."""
    by_size = sorted(changed, key=lambda c: c[0].count("="))
    kinds = [
        [c for c in by_size if c[1]["framework"] != c[2]["framework"]],
        [c for c in by_size if c[1]["framework"] == c[2]["framework"]],
    ]
    taken = []
    for pair in itertools.zip_longest(*kinds):
        taken += [c for c in pair if c is not None]
    return taken[:MAX_EXAMPLES]


def changed_combinations(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple]:
    """(answers, outcome before, outcome after) for each combination whose outcome differs;
    a combination only one side has (a question or answer added or removed) is compared with
    the outcome of the same answers on the other side if there is one."""
    old, new = before["outcomes"], after["outcomes"]
    changed = []
    for key, index in after["combinations"].items():
        previous = before["combinations"].get(key)
        if previous is not None and old[previous] != new[index]:
            changed.append((key, old[previous], new[index]))
    return changed


def _selector_section(base: Mapping[str, Any], head: Mapping[str, Any]) -> list[str]:
    if base["payload"] == head["payload"]:
        return ["### Selector", "", "The selector's data does not change."]
    before, after = base["selector"], head["selector"]
    for snap in (before, after):
        if snap.get("error"):
            return ["### Selector", "", "```text", snap["error"], "```"]
    changed = changed_combinations(before, after)
    total, earlier = len(after["combinations"]), len(before["combinations"])
    count = (
        f"**{len(changed):,} of {total:,}** answer combinations get a different framework or stack"
    )
    lines = ["### Selector", "", count + (f" (before: {earlier:,})." if earlier != total else ".")]
    if changed:
        lines += ["", "| Answers | Before | After |", "| --- | --- | --- |"]
        for key, old, new in _examples(changed):
            after_text = _described(new) + _parts_change(old, new)
            lines.append(
                f"| {code(key or '(none)')} | {code(_described(old))} | {code(after_text)} |"
            )
    presets = [
        (name, before["presets"].get(name), found)
        for name, found in after["presets"].items()
        if before["presets"].get(name) != found
    ]
    if presets:
        lines += ["", "Presets whose outcome changes:", "", "| Preset | Before | After |"]
        lines.append("| --- | --- | --- |")
        for name, old, new in presets:
            old_text = _described(old) if old else "(new preset)"
            new_text = _described(new) + (_parts_change(old, new) if old else "")
            lines.append(f"| {code(name)} | {code(old_text)} | {code(new_text)} |")
    return lines


def report(base_ref: str, commit: str, base: Mapping[str, Any], head: Mapping[str, Any],
           files: tuple[dict[str, str], dict[str, str]]) -> str:  # fmt: skip
    lines = [f"## Impact against {code(base_ref)} ({code(commit)})", ""]
    lines += [*_file_section(*files), ""]
    for side, snap in (("base", base), ("working tree", head)):
        if snap.get("error"):
            lines += [f"The data at the {side} does not load:", "", "```text", snap["error"], "```"]
            return "\n".join(lines) + "\n"
    lines += [*_library_section(base["libraries"], head["libraries"]), ""]
    for side, snap in (("base", base), ("working tree", head)):
        if snap.get("build"):
            lines += [
                f"The site at the {side} does not build:",
                "",
                "```text",
                snap["build"],
                "```",
            ]
    if not base.get("build") and not head.get("build"):
        lines += [*_pages_section(base["pages"], head["pages"]), ""]
    lines += _selector_section(base, head)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _both(jobs: list[tuple[Path, Path]], epoch: str, part: str) -> list[dict[str, Any]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda job: run_snapshot(job[0], job[1], epoch, part), jobs))


def impact(base_ref: str, head: Path = PROJECT_DIR) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()) // 86400 * 86400)
    with tempfile.TemporaryDirectory(prefix="impact-") as scratch:
        base = Path(scratch) / "base"
        commit = export_tree(base_ref, base)
        jobs = [(base, Path(scratch) / "base-out"), (head, Path(scratch) / "head-out")]
        before, after = _both(jobs, epoch, "site")
        loaded = not before.get("error") and not after.get("error")
        if loaded and before["payload"] != after["payload"]:
            before["selector"], after["selector"] = _both(jobs, epoch, "outcomes")
        files = (data_files(base), data_files(head, working_tree_data(head)))
        return report(base_ref, commit, before, after, files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m macros.impact", description=__doc__)
    parser.add_argument("base", nargs="?", default="origin/main", help="git ref to compare with")
    parser.add_argument(
        "--output", type=Path, help="write the report to this file instead of standard output"
    )
    parser.add_argument("--snapshot", nargs=2, metavar=("TREE", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--epoch", default="0", help=argparse.SUPPRESS)
    parser.add_argument("--part", choices=("site", "outcomes"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.snapshot:
        tree, out = map(Path, args.snapshot)
        result = snapshot(tree.resolve(), out.resolve(), args.epoch, args.part)
        (out / f"{args.part}.json").write_text(json.dumps(result), encoding="utf-8")
        return
    text = impact(args.base)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
