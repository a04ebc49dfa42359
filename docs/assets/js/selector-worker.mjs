// The selector's worker: starts Pyodide once, unpacks the selector package and its decision
// data, then answers requests from the page. Only JSON crosses the boundary.
//
// The build rewrites the next line (macros/assets.py) with its trimmed standard library, a
// lock file listing no packages (which saves start-up a request it would wait on), the packed
// wasm and its unpacker, and the name of the service worker's runtime cache.
const RUNTIME = { stdlib: "python_stdlib.zip", lock: null, cache: null, packedWasm: null, unpacker: null };
// The build rewrites the next line too: a hash of the runtime, the selector package, its data
// and this worker's text, naming the memory snapshot a repeat visit may start from, and the
// size of the wasm's initial memory, which a snapshot's heap must fit in.
const SNAPSHOT = { key: null, heap: 0 };
let handle = null;
// Start-up phases, as [name, epoch ms]: the page turns them into performance marks
// ("selector-worker:<name>") beside its own, so a slow start shows where its time went.
const PHASES = [];
function phase(name) {
  PHASES.push([name, performance.timeOrigin + performance.now()]);
}
phase("evaluated");

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
    if (hit) {
      phase("wasm-cached");
      return hit;
    }
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

// The wasm is compiled as soon as the worker knows its URL, beside the loader's import and
// Emscripten's set-up rather than after them (from the runtime cache, Chromium's code cache
// makes that a lookup). Pyodide fetches its wasm with the global fetch and instantiates it
// with instantiateStreaming: that one URL and that one call are routed to the compiled
// module; if it did not compile, Pyodide gets the wasm and compiles it itself, as before.
let wasmCompiled = null;

function routeWasm(pyodideUrl) {
  const wasmUrl = new URL("pyodide.asm.wasm", pyodideUrl).href;
  const fetchPlain = self.fetch.bind(self);
  const load = () =>
    RUNTIME.packedWasm && RUNTIME.cache ? cachedWasm(wasmUrl, fetchPlain) : fetchPlain(wasmUrl);
  wasmCompiled = WebAssembly.compileStreaming(load());
  wasmCompiled.then(() => phase("wasm-compiled"), () => {});
  self.fetch = (input, init) =>
    String(input instanceof Request ? input.url : input) === wasmUrl
      ? wasmCompiled.then(() => new Response(new Uint8Array(0)), load)
      : fetchPlain(input, init);
}

function useCompiledWasm() {
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    WebAssembly.instantiateStreaming = streaming;
    const module = await wasmCompiled.catch(() => null);
    if (!module) return streaming(source, imports);
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}

function unpack(pyodide, archive) {
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/guide" });
}

// Pyodide's Emscripten module, from pyodide.asm.mjs imported beside the loader rather than
// after it. The phases of its set-up are marked; ``prepared`` runs on the new module before
// the loader bootstraps Python in it (a restore writes the heap there).
function createModule(created, prepared) {
  return async (settings) => {
    const create = (await created).default;
    phase("emscripten-start");
    const instantiate = settings.instantiateWasm;
    if (instantiate) {
      settings.instantiateWasm = (imports, done) => {
        phase("wasm-instantiate");
        return instantiate(imports, (instance, module) => {
          phase("wasm-instantiated");
          done(instance, module);
        });
      };
    }
    useCompiledWasm();
    const module = await create(settings);
    phase("emscripten-done");
    if (prepared) await prepared(module);
    return module;
  };
}

async function start({ pyodideUrl, selectorZip, payloadUrl, query, deferred }) {
  const started = performance.now();
  phase("init");
  const found = await snapshotFound;
  if (!found && deferred) await released;
  // The selector's own files are fetched while the runtime loads, not after it.
  const archiveLoaded = fetchOk(selectorZip, "buffer");
  archiveLoaded.catch(() => {});
  const payloadLoaded = found ? null : fetchOk(payloadUrl, "text");
  if (payloadLoaded) payloadLoaded.catch(() => {});
  routeWasm(pyodideUrl);
  const asmLoaded = import(`${pyodideUrl}pyodide.asm.mjs`);
  asmLoaded.catch(() => {});
  const { loadPyodide } = await import(`${pyodideUrl}pyodide.mjs`);
  phase("loader");
  const options = {
    indexURL: pyodideUrl,
    stdLibURL: pyodideUrl + RUNTIME.stdlib,
    ...(RUNTIME.lock ? { lockFileContents: RUNTIME.lock } : {}),
  };
  const restored = await restoreSnapshot(loadPyodide, options, asmLoaded, found, archiveLoaded);
  if (restored) {
    handle = restored;
  } else {
    phase("normal-start");
    const snapshots = snapshotsPossible();
    const [pyodide, archive, payload] = await Promise.all([
      loadPyodide({
        ...options,
        createPyodideModule: createModule(asmLoaded),
        ...(snapshots ? { _makeSnapshot: true } : {}),
      }),
      archiveLoaded,
      payloadLoaded || fetchOk(payloadUrl, "text"),
    ]);
    unpack(pyodide, archive);
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/guide')");
    pyodide.globals.set("PAYLOAD_JSON", payload);
    handle = pyodide.runPython(BRIDGE);
    pyodide.globals.delete("PAYLOAD_JSON");
    if (snapshots) snapshotPending = pyodide;
    phase("bridge");
  }
  // The page's link answers come back with the start, saving it a round trip.
  const parsed = JSON.parse(handle(JSON.stringify({ type: "parse", query: query || "" })));
  phase("parsed");
  // The page hands these to the service worker, which keeps them for repeat and offline visits.
  const resources = performance.getEntriesByType("resource").map((entry) => entry.name);
  return {
    ms: Math.round(performance.now() - started),
    phases: PHASES,
    parsed,
    query: query || "",
    resources,
    start: restored ? "snapshot" : "normal",
  };
}

// Memory snapshot: after a normal start, once the page has its first answer, the worker saves
// the interpreter's heap (the selector and its data already imported) in Cache Storage, under
// a key the build derives from the content of everything in that heap. A repeat visit with
// the same key restores it and skips Python's start-up and imports. The snapshot is Pyodide's
// private API, tied to one build of pyodide.asm: whatever goes wrong with it (missing,
// damaged, a failed self-check) ends in a normal start, and the entry is replaced.
const SNAPSHOT_PREFIX = "stack-guide-snapshot-";
// A request whose answer, hashed, is stored beside the snapshot: a restored interpreter
// must answer it the same before the page uses it.
const SNAPSHOT_CHECK = JSON.stringify({ type: "recommend", answers: { app_type: "api" } });
const SNAPSHOT_CHECK_HEADER = "x-selector-check";
// The stored bytes' SHA-256: a damaged entry fails here, before Pyodide sees it.
const SNAPSHOT_DIGEST_HEADER = "x-snapshot-sha256";
// Two thirds of the 30 MB heap are zero pages. Stored are the non-zero pages only, as runs:
// a header [magic, run count, heap length], an [offset, length] pair per run, their bytes.
// Reading 12 MB instead of 31 MB is what a repeat visit waits for; gzip was slower to inflate.
const SNAPSHOT_MAGIC = 0x53475331;
const SNAPSHOT_PAGE = 4096;
let snapshotPending = null;

function snapshotsPossible() {
  return Boolean(SNAPSHOT.key && SNAPSHOT.heap && self.caches && self.crypto && crypto.subtle);
}

function snapshotCache() {
  return SNAPSHOT_PREFIX + SNAPSHOT.key;
}

function snapshotUrl() {
  return new URL(`snapshot-${SNAPSHOT.key}`, self.location.href).href;
}

async function digest(data) {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const hash = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function findSnapshot() {
  if (!snapshotsPossible()) return null;
  try {
    if (!(await caches.has(snapshotCache()))) return null;
    const response = await (await caches.open(snapshotCache())).match(snapshotUrl());
    if (!response) return null;
    phase("snapshot-found");
    const expected = response.headers.get(SNAPSHOT_DIGEST_HEADER);
    const stored = response.arrayBuffer().then((buffer) => {
      phase("snapshot-read");
      return readRuns(buffer);
    });
    // Checked while the runtime sets itself up; the heap is written only once it passed.
    const verified = stored.then(async (packed) => {
      if ((await digest(packed.buffer)) !== expected) throw new Error("the snapshot is damaged");
      phase("snapshot-verified");
      return packed;
    });
    stored.catch(() => {});
    verified.catch(() => {});
    return { stored, verified, check: response.headers.get(SNAPSHOT_CHECK_HEADER) };
  } catch (error) {
    return null;
  }
}

function packHeap(heap) {
  if (heap.byteOffset % 4 || heap.length % 4) throw new Error("unexpected heap layout");
  const words = new Uint32Array(heap.buffer, heap.byteOffset, heap.length / 4);
  const step = SNAPSHOT_PAGE / 4;
  const runs = [];
  let start = -1;
  for (let from = 0; from < words.length; from += step) {
    const to = Math.min(from + step, words.length);
    let used = false;
    for (let i = from; i < to && !used; i++) used = words[i] !== 0;
    if (used && start < 0) start = from * 4;
    if (!used && start >= 0) {
      runs.push([start, from * 4 - start]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, heap.length - start]);
  const head = new Uint32Array(3 + 2 * runs.length);
  head.set([SNAPSHOT_MAGIC, runs.length, heap.length]);
  runs.forEach(([offset, length], i) => head.set([offset, length], 3 + 2 * i));
  const size = head.byteLength + runs.reduce((sum, [, length]) => sum + length, 0);
  const packed = new Uint8Array(size);
  packed.set(new Uint8Array(head.buffer));
  let at = head.byteLength;
  for (const [offset, length] of runs) {
    packed.set(heap.subarray(offset, offset + length), at);
    at += length;
  }
  return packed;
}

// The stored runs cover Pyodide's snapshot: its header (magic, the heap's offset, the JS
// state as JSON, the build id), then the heap.
function readRuns(buffer) {
  const [magic, count, length] = new Uint32Array(buffer, 0, 3);
  if (magic !== SNAPSHOT_MAGIC) throw new Error("not a snapshot");
  const table = new Uint32Array(buffer, 12, 2 * count);
  const runs = [];
  let at = 12 + table.byteLength;
  for (let i = 0; i < count; i++) {
    const [offset, size] = [table[2 * i], table[2 * i + 1]];
    runs.push([offset, size, at]);
    at += size;
  }
  if (at !== buffer.byteLength) throw new Error("the snapshot has trailing bytes");
  if (!runs.length || runs[0][0] !== 0 || runs[0][1] < 8) throw new Error("no snapshot header");
  const heapAt = new Uint32Array(buffer, runs[0][2], 2)[1];
  if (heapAt > length) throw new Error("the snapshot's heap is out of range");
  return { buffer, runs, length, heapAt };
}

// Bytes [from, to) of the snapshot, from the runs, into ``target`` at ``into``; what no run
// covers is zero, as it was in the heap.
function copyRange({ buffer, runs }, from, to, target, into) {
  let next = from;
  for (const [offset, size, at] of runs) {
    const start = Math.max(offset, from);
    const end = Math.min(offset + size, to);
    if (start >= end) continue;
    if (start > next) target.fill(0, into + next - from, into + start - from);
    target.set(new Uint8Array(buffer, at + start - offset, end - start), into + start - from);
    next = end;
  }
  if (to > next) target.fill(0, into + next - from, into + to - from);
}

// Pyodide's header alone: loadPyodide copies the heap that follows it, which is empty here,
// since the heap is written straight into the module's memory (``writeHeap``), once.
function snapshotHeader(packed) {
  const header = new Uint8Array(packed.heapAt);
  copyRange(packed, 0, packed.heapAt, header, 0);
  return header;
}

function writeHeap(packed, heap) {
  // A heap that outgrew the module's memory could not be restored (pyodide issue #6254).
  if (packed.length - packed.heapAt > heap.length) throw new Error("the snapshot is too large");
  copyRange(packed, packed.heapAt, packed.length, heap, 0);
}

async function dropSnapshot() {
  try {
    await caches.delete(snapshotCache());
  } catch (error) {
    // Storage is unavailable: the next normal start stores a new one or does without.
  }
}

async function restoreSnapshot(loadPyodide, options, asmLoaded, found, archiveLoaded) {
  if (!found) return null;
  try {
    const pyodide = await loadPyodide({
      ...options,
      createPyodideModule: createModule(asmLoaded, async (module) => {
        writeHeap(await found.verified, module.HEAP8);
        phase("heap-written");
      }),
      _loadSnapshot: found.stored.then(snapshotHeader),
    });
    phase("loaded");
    // The file system lives outside the heap: put the selector's files back where a normal
    // start unpacks them.
    unpack(pyodide, await archiveLoaded);
    phase("archive-unpacked");
    // The heap carries the seed the first visit had; give this visit its own.
    pyodide.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()");
    const restored = pyodide.globals.get("handle");
    if (!found.check || (await digest(restored(SNAPSHOT_CHECK))) !== found.check) {
      throw new Error("the restored interpreter failed its self-check");
    }
    phase("self-checked");
    return restored;
  } catch (error) {
    await dropSnapshot();
    return null;
  }
}

async function storeSnapshot(pyodide) {
  try {
    const check = await digest(handle(SNAPSHOT_CHECK));
    const snapshot = pyodide.makeMemorySnapshot();
    // The heap follows Pyodide's header, whose second word is the heap's offset. A heap that
    // grew past the initial memory could not be copied back (pyodide issue #6254).
    const heapAt = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];
    if (snapshot.length - heapAt > SNAPSHOT.heap) throw new Error("the heap outgrew the snapshot");
    const body = packHeap(snapshot);
    const headers = {
      "content-type": "application/octet-stream",
      [SNAPSHOT_CHECK_HEADER]: check,
      [SNAPSHOT_DIGEST_HEADER]: await digest(body),
    };
    const cache = await caches.open(snapshotCache());
    await cache.put(snapshotUrl(), new Response(body, { headers }));
    // The page remembers that a repeat visit may start this worker before its first frame.
    self.postMessage({ type: "snapshot-stored" });
    for (const name of await caches.keys()) {
      if (name.startsWith(SNAPSHOT_PREFIX) && name !== snapshotCache()) await caches.delete(name);
    }
  } catch (error) {
    // No snapshot this time (storage full, or a heap Pyodide cannot serialise): the next
    // visit starts normally.
    await dropSnapshot();
  }
}

// The snapshot is made once the page has its first answer and the reader has then paused:
// making and packing it holds this worker for a few hundred milliseconds (over a second on a
// slow phone), and an answer given meanwhile would wait for it. Every request while it waits
// puts it off again.
const SNAPSHOT_QUIET_MS = 1500;
let snapshotTimer = null;
function afterRequest(type) {
  if (!snapshotPending || (type !== "recommend" && snapshotTimer === null)) return;
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(() => {
    const pyodide = snapshotPending;
    snapshotPending = null;
    storeSnapshot(pyodide);
  }, SNAPSHOT_QUIET_MS);
}

// The page may create this worker before it has drawn anything (a repeat visit, when it knows
// a snapshot was stored), so the snapshot is looked up at once. Without one, a start the page
// asked to defer waits for its "go", sent once the first question is on screen.
const snapshotFound = findSnapshot();
let release = null;
const released = new Promise((resolve) => {
  release = resolve;
});

self.onmessage = async (event) => {
  const { id, type, body } = event.data || {};
  try {
    if (type === "go") {
      release();
    } else if (type === "init") {
      self.postMessage({ id, ok: true, body: await start(body) });
    } else if (!handle) {
      throw new Error("the selector is not started");
    } else {
      self.postMessage({ id, ok: true, body: JSON.parse(handle(JSON.stringify({ type, ...body }))) });
      afterRequest(type);
    }
  } catch (error) {
    self.postMessage({ id, ok: false, error: String((error && error.message) || error) });
  }
};
