// The selector page: enhances the server-rendered form once the Python selector runs in a
// worker. Text from the selector or the URL is only ever set with textContent.
(function () {
  "use strict";
  // Material's instant navigation runs this script again each time it brings the selector page
  // in; the first run's subscription below already sets up every new page.
  if (window.__stackGuideSelector) return;
  window.__stackGuideSelector = true;
  // The script tag carries the same data attributes as the form, so the runtime can start
  // before the form is parsed.
  var script = document.currentScript;
  // How long the runtime may take to start before the page gives up and points to the table;
  // a host page may lower it by setting window.SELECTOR_START_TIMEOUT_MS before this script.
  var START_TIMEOUT_MS = window.SELECTOR_START_TIMEOUT_MS || 45000;
  var worker = null;
  var starting = null;
  var nextId = 1;
  var waiting = new Map();

  function absolute(url) {
    return new URL(url, document.baseURI).href;
  }

  function call(type, body) {
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      waiting.set(id, { resolve: resolve, reject: reject });
      worker.postMessage({ id: id, type: type, body: body || {} });
    });
  }

  function failAll(message) {
    waiting.forEach(function (entry) { entry.reject(new Error(message)); });
    waiting.clear();
  }

  // One worker for the whole visit: Material's instant navigation keeps it alive between pages.
  function startWorker(root) {
    if (starting) return starting;
    var assets = root.dataset.assets;
    var api = root.dataset.api;
    starting = new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        reject(new Error("the Python runtime did not start within " + START_TIMEOUT_MS / 1000 + " s"));
      }, START_TIMEOUT_MS);
      try {
        worker = new Worker(absolute(assets + "js/selector-worker.mjs"), { type: "module" });
      } catch (error) {
        clearTimeout(timer);
        reject(error);
        return;
      }
      worker.onmessage = function (event) {
        var entry = waiting.get(event.data.id);
        if (!entry) return;
        waiting.delete(event.data.id);
        if (event.data.ok) entry.resolve(event.data.body);
        else entry.reject(new Error(event.data.error));
      };
      worker.onerror = function (event) {
        event.preventDefault();
        var message = "the selector's worker failed" + (event.message ? ": " + event.message : "");
        failAll(message);
        clearTimeout(timer);
        reject(new Error(message));
      };
      call("init", {
        pyodideUrl: absolute(root.dataset.pyodide),
        selectorZip: absolute(assets + "selector/selector.zip"),
        payloadUrl: absolute(api + "selector.json"),
      }).then(function (body) { clearTimeout(timer); resolve(body); },
              function (error) { clearTimeout(timer); reject(error); });
    });
    starting.catch(function () {
      if (worker) worker.terminate();
      worker = null;
    });
    return starting;
  }

  // Offline support: the service worker at the site root keeps what this visit loaded.
  var registration = null;
  function rememberLoaded(extra) {
    if (!("serviceWorker" in navigator) || !window.__md_scope) return;
    if (!registration) {
      registration = navigator.serviceWorker
        .register(new URL("sw.js", window.__md_scope).href)
        .then(function () { return navigator.serviceWorker.ready; });
    }
    registration.then(function (ready) {
      var urls = [location.href].concat(
        performance.getEntriesByType("resource").map(function (entry) { return entry.name; }),
        extra || []
      );
      if (ready.active) ready.active.postMessage({ type: "remember", urls: urls });
    }).catch(function () {});
  }
  if (document.readyState === "complete") rememberLoaded();
  else window.addEventListener("load", function () { rememberLoaded(); });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function readAnswers(form) {
    var answers = {};
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      var checked = fieldset.querySelector("input:checked");
      if (checked && checked.value) answers[fieldset.dataset.question] = checked.value;
    });
    return answers;
  }

  function fillAnswers(form, answers) {
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      var wanted = answers[fieldset.dataset.question] || "";
      fieldset.querySelectorAll("input[type=radio]").forEach(function (input) {
        input.checked = input.value === wanted;
      });
    });
  }

  function effectText(effect) {
    return Object.keys(effect).filter(function (slug) { return effect[slug]; })
      .map(function (slug) { return slug + " +" + effect[slug]; }).join(", ");
  }

  function runnerUpText(runnerUp) {
    if (!runnerUp) return "No runner-up: no other framework has points.";
    var names = runnerUp.names.join(" and ");
    if (runnerUp.tied_with_winner) return "Tied with " + names + " at " + runnerUp.points + " points.";
    return "Runner-up: " + names + (runnerUp.names.length > 1 ? " (tied)" : "") + ".";
  }

  // The recommended-stacks page, found from the assets folder the page points to.
  function referenceNote(box, stack) {
    var note = el("p");
    if (!stack.closest) return note;
    var assets = box.closest(".sg-selector").dataset.assets;
    var link = el("a", stack.closest.name);
    link.href = new URL(assets + "../stacks/", document.baseURI).href + "#" + encodeURIComponent(stack.closest.slug);
    note.appendChild(document.createTextNode(stack.equals ? "This is the reference " : "Closest reference stack: "));
    note.appendChild(link);
    note.appendChild(document.createTextNode("."));
    return note;
  }

  function renderResult(box, result) {
    var frag = document.createDocumentFragment();
    var heading = el("h2", "Recommendation: " + result.framework_name);
    heading.id = "selector-recommendation";
    frag.appendChild(heading);
    var scores = Object.keys(result.scores).map(function (slug) {
      return slug + " " + result.scores[slug];
    }).join(" · ");
    frag.appendChild(el("p", "Scores: " + scores + ". " + runnerUpText(result.runner_up)));
    if (result.reasons.length) {
      frag.appendChild(el("h3", "Why"));
      var why = el("ul");
      result.reasons.forEach(function (reason) {
        var effect = effectText(reason.effect);
        why.appendChild(el("li", reason.label + ": " + reason.text + (effect ? " (" + effect + ")" : "")));
      });
      frag.appendChild(why);
    } else {
      frag.appendChild(el("p", "No answers yet: this is the default. Answer a question to see why."));
    }
    if (result.sharpen.length) {
      frag.appendChild(el("h3", "Answers that could change this"));
      var sharpen = el("ul");
      result.sharpen.forEach(function (item) {
        var flips = item.flips.map(function (flip) { return flip.label + " → " + flip.framework; });
        sharpen.appendChild(el("li", item.text + " " + flips.join("; ")));
      });
      frag.appendChild(sharpen);
    }
    frag.appendChild(el("h3", "Stack: " + result.stack.name));
    frag.appendChild(referenceNote(box, result.stack));
    var parts = el("ul", null, "sg-stack-parts");
    result.stack.parts.forEach(function (part) {
      var item = el("li");
      item.appendChild(el("strong", part.role_label + ": "));
      var what = part.builtin ? part.name + " (built in)" : part.name + (part.version ? " " + part.version : "");
      item.appendChild(document.createTextNode(what + " — " + part.reason));
      parts.appendChild(item);
    });
    frag.appendChild(parts);
    frag.appendChild(el("h3", "pyproject.toml"));
    var pre = el("pre");
    pre.appendChild(el("code", result.pyproject));
    frag.appendChild(pre);
    box.replaceChildren(frag);
  }

  function showNotice(notice, errors) {
    if (!errors.length) {
      notice.hidden = true;
      notice.textContent = "";
      return;
    }
    notice.textContent = "Some of the link's answers were ignored: " + errors.join("; ");
    notice.hidden = false;
  }

  function setup(root) {
    var form = root.querySelector("#selector-form");
    var status = root.querySelector("#selector-status");
    var notice = root.querySelector("#selector-notice");
    var result = root.querySelector("#selector-result");
    var preset = root.querySelector("#selector-preset");
    var copy = root.querySelector("#selector-copy");
    var live = false;

    function update() {
      if (!live) return;
      call("recommend", { answers: readAnswers(form) }).then(function (body) {
        var url = location.pathname + (body.query ? "?" + body.query : "") + location.hash;
        history.replaceState(history.state, "", url);
        renderResult(result, body.result);
        root.dataset.state = "ready";
      }, fail);
    }

    function fail(error) {
      root.dataset.state = "failed";
      status.textContent = "";
      status.appendChild(document.createTextNode(
        "The interactive selector could not start (" + error.message + "). Use the "));
      var link = el("a", "decision table");
      link.href = "#decision-table";
      status.appendChild(link);
      status.appendChild(document.createTextNode(" below: it gives the same answer."));
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target !== preset) update();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { showNotice(notice, []); update(); }, 0);
    });
    preset.addEventListener("change", function () {
      if (!live || !preset.value) return;
      call("preset", { name: preset.value }).then(function (body) {
        fillAnswers(form, body.answers);
        update();
      }, fail);
    });
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = "Link copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(location.href).then(done, function () {});
      } else {
        window.prompt("Copy this link", location.href);
      }
    });

    root.dataset.state = "loading";
    status.textContent = "Loading the selector (a Python runtime, about 4 MB compressed)…";
    var begin = function () {
      startWorker(root).then(function (started) {
        rememberLoaded(started.resources);
        return call("parse", { query: location.search });
      }).then(function (body) {
        if (!document.body.contains(root)) return;
        live = true;
        status.textContent = "Ready: every answer updates the recommendation.";
        if (window.performance && performance.mark) performance.mark("selector-ready");
        fillAnswers(form, body.answers);
        showNotice(notice, body.errors);
        update();
      }).catch(fail);
    };
    begin();
  }

  // Start the runtime as early as possible: the worker fetches and compiles on its own
  // thread, so starting it here, before the page is parsed and Material is set up, costs the
  // page nothing.
  var early = script && script.dataset.pyodide ? script : document.querySelector(".sg-selector");
  if (early) startWorker(early).catch(function () {});

  function subscribe() {
    document$.subscribe(function () {
      var root = document.querySelector(".sg-selector");
      if (root && !root.dataset.state) setup(root);
    });
  }
  // An async script may run before Material's bundle has defined document$.
  if (window.document$) subscribe();
  else document.addEventListener("DOMContentLoaded", subscribe);
})();
