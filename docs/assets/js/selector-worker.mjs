// The selector's worker: starts Pyodide once, unpacks the selector package and its decision
// data, then answers requests from the page. Only JSON crosses the boundary.
//
// The build rewrites the next line (macros/assets.py) with its trimmed standard library, a
// lock file listing no packages (which saves start-up a request it would wait on), the packed
// wasm and its unpacker, and the name of the service worker's runtime cache.
const RUNTIME = { stdlib: "python_stdlib.zip", lock: null, cache: null, packedWasm: null, unpacker: null };
let handle = null;

const BRIDGE = `
import json
import selector
from selector.links import apply_preset, parse_query, to_query
from selector.progress import progress

_payload = json.loads(PAYLOAD_JSON)

def handle(request_json):
    request = json.loads(request_json)
    kind = request.get("type")
    if kind == "recommend":
        result = selector.recommend(_payload, request.get("answers") or {})
        marks = progress(_payload, request.get("answers") or {})
        return json.dumps({"result": result, "query": to_query(result["answers"]), "progress": marks})
    if kind == "parse":
        answers, errors = parse_query(_payload, request.get("query", ""))
        return json.dumps({"answers": answers, "errors": errors})
    if kind == "preset":
        return json.dumps({"answers": apply_preset(_payload, request.get("name", ""))})
    raise ValueError(f"unknown request {kind!r}")

handle
`;

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

// The wasm is downloaded zstd-packed (2.9 MB, against 3.5 MB gzipped) and unpacked here. The
// unpacked copy goes into the runtime cache and is compiled from there, so Chromium keeps the
// compiled code beside that entry and a repeat visit neither downloads nor compiles it again.
// Anything that goes wrong falls back to the plain wasm, as the host serves it.
async function cachedWasm(url, fetchPlain) {
  let cache = null;
  try {
    cache = await caches.open(RUNTIME.cache);
    const hit = await cache.match(url);
    if (hit) return hit;
  } catch (error) {
    cache = null; // no Cache Storage here (an opaque origin, a private window)
  }
  try {
    const [packed, { decompress }] = await Promise.all([
      fetchPlain(new URL(RUNTIME.packedWasm, url)),
      import(new URL(RUNTIME.unpacker, import.meta.url).href),
    ]);
    if (!packed.ok) throw new Error(`HTTP ${packed.status}`);
    const wasm = decompress(new Uint8Array(await packed.arrayBuffer()));
    const unpacked = () => new Response(wasm, { headers: { "Content-Type": "application/wasm" } });
    if (!cache) return unpacked();
    try {
      await cache.put(url, unpacked());
      return (await cache.match(url)) || unpacked();
    } catch (error) {
      return unpacked(); // storage full: compile this once from memory
    }
  } catch (error) {
    return fetchPlain(url);
  }
}

// Pyodide fetches its wasm with the global fetch: only that one URL is routed above.
function routeWasm(pyodideUrl) {
  if (!RUNTIME.packedWasm || !RUNTIME.cache) return;
  const wasmUrl = new URL("pyodide.asm.wasm", pyodideUrl).href;
  const fetchPlain = self.fetch.bind(self);
  self.fetch = (input, init) =>
    String(input instanceof Request ? input.url : input) === wasmUrl
      ? cachedWasm(wasmUrl, fetchPlain)
      : fetchPlain(input, init);
}

async function start({ pyodideUrl, selectorZip, payloadUrl }) {
  const started = performance.now();
  // The selector's own files are fetched while the runtime loads, not after it.
  const archiveLoaded = fetchOk(selectorZip, "buffer");
  const payloadLoaded = fetchOk(payloadUrl, "text");
  archiveLoaded.catch(() => {});
  payloadLoaded.catch(() => {});
  routeWasm(pyodideUrl);
  const { loadPyodide } = await import(`${pyodideUrl}pyodide.mjs`);
  const [pyodide, archive, payload] = await Promise.all([
    loadPyodide({
      indexURL: pyodideUrl,
      stdLibURL: pyodideUrl + RUNTIME.stdlib,
      ...(RUNTIME.lock ? { lockFileContents: RUNTIME.lock } : {}),
    }),
    archiveLoaded,
    payloadLoaded,
  ]);
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/guide" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/guide')");
  pyodide.globals.set("PAYLOAD_JSON", payload);
  handle = pyodide.runPython(BRIDGE);
  // The page hands these to the service worker, which keeps them for repeat and offline visits.
  const resources = performance.getEntriesByType("resource").map((entry) => entry.name);
  return { ms: Math.round(performance.now() - started), resources };
}

self.onmessage = async (event) => {
  const { id, type, body } = event.data || {};
  try {
    if (type === "init") {
      self.postMessage({ id, ok: true, body: await start(body) });
    } else if (!handle) {
      throw new Error("the selector is not started");
    } else {
      self.postMessage({ id, ok: true, body: JSON.parse(handle(JSON.stringify({ type, ...body }))) });
    }
  } catch (error) {
    self.postMessage({ id, ok: false, error: String((error && error.message) || error) });
  }
};
