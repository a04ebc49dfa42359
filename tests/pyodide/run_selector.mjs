// Runs the selector inside Pyodide under Node, for tests/test_selector_pyodide.py.
//
//   node tests/pyodide/run_selector.mjs PAYLOAD.json CASES.json [STDLIB.zip]
//
// Loads Pyodide from node_modules/pyodide (no network, no micropip, no packages), with the
// given standard library zip (the site's trimmed one) or the package's own, copies the
// selector package and run_cases.py into its file system, runs every case in one Pyodide start
// and prints {"python", "timing_ms", "results"} as JSON on stdout. Python's own prints go to
// stderr so stdout stays one JSON document.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const pyodideDir = path.join(root, "node_modules", "pyodide");
const home = "/home/pyodide";

async function copyPackage(pyodide, source, target) {
  pyodide.FS.mkdirTree(target);
  for (const name of (await readdir(source)).sort()) {
    if (name.endsWith(".py")) {
      pyodide.FS.writeFile(`${target}/${name}`, await readFile(path.join(source, name), "utf8"));
    }
  }
}

async function main() {
  const [payloadFile, casesFile, stdLibURL] = process.argv.slice(2);
  if (!payloadFile || !casesFile) {
    console.error("usage: node run_selector.mjs PAYLOAD.json CASES.json");
    process.exit(2);
  }
  const [payloadText, casesText] = await Promise.all([
    readFile(payloadFile, "utf8"),
    readFile(casesFile, "utf8"),
  ]);

  const started = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: pyodideDir + path.sep,
    stdLibURL,
    stdout: (line) => process.stderr.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  const loaded = performance.now();

  await copyPackage(pyodide, path.join(root, "selector"), `${home}/selector`);
  pyodide.FS.writeFile(`${home}/run_cases.py`, await readFile(path.join(here, "run_cases.py"), "utf8"));
  pyodide.globals.set("payload_text", payloadText);
  pyodide.globals.set("cases_text", casesText);
  const output = pyodide.runPython(`
import sys
sys.path.insert(0, "${home}")
import run_cases
run_cases.run_all(payload_text, cases_text)
`);
  const finished = performance.now();

  const results = JSON.parse(output);
  process.stdout.write(
    JSON.stringify({
      python: pyodide.runPython("import sys; sys.version.split()[0]"),
      stdlib_files: pyodide.runPython(
        "import sys, zipfile; len(zipfile.ZipFile(next(p for p in sys.path if p.endswith('.zip'))).namelist())",
      ),
      pyodide: pyodide.version,
      cases: results.length,
      timing_ms: {
        load: Math.round(loaded - started),
        run: Math.round(finished - loaded),
        total: Math.round(finished - started),
      },
      results,
    }) + "\n",
  );
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
