// Builds the selector's trimmed standard library, for macros/stdlib.py:
//
//   node macros/stdlib.mjs PYODIDE_DIR SELECTOR.zip PAYLOAD.json OUT.zip
//
// Starts Pyodide from the npm package with its full standard library, unpacks the selector's
// archive as the page's worker does, runs the selector on every preset and answer (and one
// failing request, so the error path is imported too), then
// writes a zip of just the modules Python imported, compiled by Pyodide's own Python without
// docstrings or asserts, so start-up compiles no source. The zip is checked before it is
// written: a second Pyodide starts from it alone and must give the same answers.
import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, selectorZip, payloadFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error("usage: node macros/stdlib.mjs PYODIDE_DIR SELECTOR.zip PAYLOAD.json OUT.zip");
  process.exit(2);
}
const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(`${line}\n`) };

const WORKLOAD = `
import json, sys
sys.path.insert(0, "/home/pyodide/guide")
import selector
from selector.links import apply_preset, parse_query, to_query

payload = json.loads(PAYLOAD_JSON)
answers = []
for preset in payload["presets"]:
    answers.append(apply_preset(payload, preset["id"]))
for question in payload["questions"]:
    for answer in question["answers"]:
        answers.append({question["id"]: answer["value"]})
answers.append({"app_type": "\\u00e9" * 300, "team": 5})
out = []
for given in answers:
    result = selector.recommend(payload, given)
    out.append(json.dumps({"result": result, "query": to_query(result["answers"])}, sort_keys=True))
out.append(json.dumps(parse_query(payload, "?app_type=web&app_type=api&nope=1&%E2%9C%93"), sort_keys=True))
try:
    json.loads("{")
except ValueError as error:
    import traceback
    traceback.format_exception(error)
"\\n".join(out)
`;

// Every imported module whose file came from the standard library zip, except those frozen
// into the interpreter, compiled. Line tables, a third of the bytes, are cut to one line per
// function (its first), without columns: a traceback through the standard library still
// works, it only names the function's first line.
const COMPILE = `
import importlib.util, io, marshal, sys, types, zipfile

def _first_line_only(code):
    # Each entry covers up to 8 code units: kind 13 is "line, no columns", line delta 0.
    units = len(code.co_code) // 2
    table = bytearray()
    while units > 0:
        table += bytes((0x80 | 13 << 3 | min(units, 8) - 1, 0))
        units -= 8
    consts = tuple(
        _first_line_only(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_linetable=bytes(table), co_consts=consts)

def _trimmed():
    prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
    names = sorted({
        m.__file__[len(prefix):] for m in list(sys.modules.values())
        if getattr(m, "__file__", None) and m.__file__.startswith(prefix)
        and getattr(m.__spec__, "origin", None) != "frozen"
    })
    buffer = io.BytesIO()
    with zipfile.ZipFile(prefix[:-1]) as full, zipfile.ZipFile(buffer, "w") as out:
        for name in names:
            source = full.read(name)
            code = compile(source, prefix + name, "exec", optimize=2, dont_inherit=True)
            data = importlib._bootstrap_external._code_to_hash_pyc(
                _first_line_only(code), importlib.util.source_hash(source), checked=False)
            info = zipfile.ZipInfo(name + "c", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data, compresslevel=9)
    return buffer.getvalue()

_trimmed()
`;

async function start(stdLibURL) {
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, stdLibURL, ...quiet });
  const archive = new Uint8Array(await readFile(selectorZip)).buffer;
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/guide" });
  pyodide.globals.set("PAYLOAD_JSON", await readFile(payloadFile, "utf8"));
  return pyodide;
}

async function main() {
  const full = await start(undefined);
  const expected = full.runPython(WORKLOAD);
  const zip = full.runPython(COMPILE).toJs();
  await writeFile(outFile, zip);
  const trimmed = await start(outFile);
  if (trimmed.runPython(WORKLOAD) !== expected) {
    await unlink(outFile);
    throw new Error("the trimmed standard library gives different answers");
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
