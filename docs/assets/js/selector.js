// The selector page: enhances the server-rendered form once the Python selector runs in a
// worker. Text from the selector or the URL is only ever set with textContent.
(function () {
  "use strict";
  // Material's instant navigation runs this script again each time it brings the selector page
  // in; the first run's subscription below already sets up every new page.
  if (window.__stackGuideSelector) return;
  window.__stackGuideSelector = true;
  // How long the runtime may take to start before the page gives up and points to the table;
  // a host page may lower it by setting window.SELECTOR_START_TIMEOUT_MS before this script.
  var START_TIMEOUT_MS = window.SELECTOR_START_TIMEOUT_MS || 45000;
  var worker = null;
  var starting = null;
  var nextId = 1;
  var waiting = new Map();

  // Start-up phases as performance marks from navigation start: the page's own, and the
  // worker's ("selector-worker:<name>"), which it reports in epoch time.
  function mark(name, epoch) {
    if (!window.performance || !performance.mark) return;
    try {
      if (epoch === undefined) performance.mark(name);
      else performance.mark(name, { startTime: epoch - performance.timeOrigin });
    } catch (error) {
      // A browser without mark options: the figures are for measuring only.
    }
  }
  mark("selector-script");

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

  // The worker starts once a frame with the first question has been drawn and the page has
  // loaded and gone idle: it fetches, unpacks and compiles the runtime on other threads, but on
  // a phone's few cores that work holds the page's first frame back and stretches Material's
  // start-up. A hidden page (no frames) starts it after a second.
  var pageSettled = new Promise(function (resolve) {
    var done = false;
    function idle() {
      if (window.requestIdleCallback) requestIdleCallback(resolve, { timeout: 1000 });
      else setTimeout(resolve, 0);
    }
    function go() {
      if (done) return;
      done = true;
      if (document.readyState === "complete") idle();
      else addEventListener("load", idle, { once: true });
    }
    function check() {
      if (document.readyState !== "loading" || document.querySelector("fieldset.sg-q")) {
        requestAnimationFrame(go);
      } else {
        requestAnimationFrame(check);
      }
    }
    requestAnimationFrame(check);
    setTimeout(go, 1000);
  });

  // A repeat visit whose worker can restore a stored snapshot does not wait for that frame: when
  // this flag is set, a script in the page's head (overrides/main.html) creates the worker and
  // sends it "init" before the stylesheet and the page have loaded, and this script takes the
  // worker over with the messages it has answered so far. That worker waits for the "go" sent
  // below before a normal start, should the snapshot be gone after all.
  var SNAPSHOT_FLAG = "stack-guide-snapshot";
  var EARLY_INIT_ID = 0;
  function flagSnapshot(stored) {
    try {
      if (stored) localStorage.setItem(SNAPSHOT_FLAG, "1");
      else localStorage.removeItem(SNAPSHOT_FLAG);
    } catch (error) {
      // No storage: every visit starts as a first visit does.
    }
  }
  pageSettled.then(function () { mark("selector-page-settled"); });

  function onWorkerMessage(event) {
    if (event.data.type === "snapshot-stored") {
      flagSnapshot(true);
      return;
    }
    var entry = waiting.get(event.data.id);
    if (!entry) return;
    waiting.delete(event.data.id);
    if (event.data.ok) entry.resolve(event.data.body);
    else entry.reject(new Error(event.data.error));
  }

  function adoptEarlyWorker() {
    var early = window.__stackGuideWorker;
    window.__stackGuideWorker = null;
    if (!early) return null;
    if (early.failed) {
      early.terminate();
      return null;
    }
    return early;
  }

  // One worker for the whole visit: Material's instant navigation keeps it alive between pages.
  // A worker the head started that fails (its script did not load) is replaced by one started
  // as a first visit starts it.
  function startWorker(root) {
    if (starting) return starting;
    var early = adoptEarlyWorker();
    starting = launch(root, early);
    if (early) starting = starting.catch(function () { return launch(root, null); });
    return starting;
  }

  function launch(root, early) {
    var assets = root.dataset.assets;
    var api = root.dataset.api;
    var own = null;
    var launched = (early ? Promise.resolve() : pageSettled).then(function () {
      return new Promise(function (resolve, reject) {
        var timer = setTimeout(function () {
          reject(new Error("the Python runtime did not start within " + START_TIMEOUT_MS / 1000 +
            " s"));
        }, START_TIMEOUT_MS);
        try {
          own = early || new Worker(absolute(assets + "js/selector-worker.mjs"), { type: "module" });
          mark(early ? "selector-worker-early" : "selector-worker-created");
        } catch (error) {
          clearTimeout(timer);
          reject(error);
          return;
        }
        worker = own;
        own.onerror = function (event) {
          event.preventDefault();
          var message = "the selector's worker failed" + (event.message ? ": " + event.message : "");
          failAll(message);
          clearTimeout(timer);
          reject(new Error(message));
        };
        var init;
        if (early) {
          init = new Promise(function (done, failed) {
            waiting.set(EARLY_INIT_ID, { resolve: done, reject: failed });
          });
          var answered = early.answered || [];
          own.onmessage = onWorkerMessage;
          answered.forEach(onWorkerMessage);
          pageSettled.then(function () { own.postMessage({ type: "go" }); });
        } else {
          own.onmessage = onWorkerMessage;
          init = call("init", {
            pyodideUrl: absolute(root.dataset.pyodide),
            selectorZip: absolute(assets + "selector/selector.zip"),
            payloadUrl: absolute(api + "selector.json"),
            query: location.search,
          });
        }
        init.then(function (body) {
          clearTimeout(timer);
          (body.phases || []).forEach(function (entry) {
            mark("selector-worker:" + entry[0], entry[1]);
          });
          mark("selector-started");
          flagSnapshot(body.start === "snapshot");
          resolve(body);
        }, function (error) { clearTimeout(timer); reject(error); });
      });
    });
    launched.catch(function () {
      if (own) own.terminate();
      if (worker === own) worker = null;
    });
    return launched;
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

  function link(href, text, className) {
    var node = el("a", text, className);
    node.href = href;
    return node;
  }

  // An answer re-renders the result into nodes that are never shown: patch() then changes the
  // page's result only where it differs from them, so the browser restyles, lays out and
  // paints the few parts an answer changed, not the whole result. Nodes given a key (list
  // items, the result's blocks) are matched by it, so an added reason is inserted instead of
  // every later reason being rewritten.
  function keyed(node, key) {
    node.sgKey = key;
    return node;
  }

  function sameKind(shown, fresh) {
    return shown.nodeName === fresh.nodeName && shown.sgKey === fresh.sgKey;
  }

  function patch(shown, fresh) {
    if (shown.isEqualNode(fresh)) return;
    if (shown.nodeType !== 1) {
      shown.data = fresh.data;
      return;
    }
    Array.from(shown.attributes).forEach(function (attr) {
      if (!fresh.hasAttribute(attr.name)) shown.removeAttribute(attr.name);
    });
    Array.from(fresh.attributes).forEach(function (attr) {
      if (shown.getAttribute(attr.name) !== attr.value) shown.setAttribute(attr.name, attr.value);
    });
    patchChildren(shown, fresh);
  }

  function patchChildren(parent, freshParent) {
    var cursor = parent.firstChild;
    Array.from(freshParent.childNodes).forEach(function (fresh) {
      var match = cursor && sameKind(cursor, fresh) ? cursor : null;
      for (var probe = cursor; !match && fresh.sgKey && probe; probe = probe.nextSibling) {
        if (sameKind(probe, fresh)) match = probe;
      }
      if (!match) {
        parent.insertBefore(fresh, cursor);
        return;
      }
      while (cursor !== match) {
        var gone = cursor;
        cursor = cursor.nextSibling;
        parent.removeChild(gone);
      }
      cursor = match.nextSibling;
      patch(match, fresh);
    });
    while (cursor) {
      var rest = cursor;
      cursor = cursor.nextSibling;
      parent.removeChild(rest);
    }
  }

  // Writes only what changed: the same text set again would still be laid out again, and
  // read out again from a live region.
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function setHidden(node, hidden) {
    if (node.hidden !== hidden) node.hidden = hidden;
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

  // Everything the result shows about the site's own pages, from the page's data attributes.
  function siteOf(root) {
    var names = JSON.parse(root.dataset.names || "{}");
    var base = root.dataset.root || "";
    var questions = {};
    root.querySelectorAll("fieldset[data-question] legend").forEach(function (legend) {
      questions[legend.parentNode.dataset.question] = legend.lastChild.textContent;
    });
    return {
      name: function (slug) { return names[slug] || slug; },
      question: function (id) { return questions[id] || id; },
      library: function (slug) { return base + "libraries/" + encodeURIComponent(slug) + "/"; },
      compare: function (slugs) {
        return base + "compare/?libs=" + slugs.map(encodeURIComponent).join(",");
      },
      stacks: function (slug) { return base + "stacks/#" + encodeURIComponent(slug); },
      feed: function (slug) {
        return absolute(base + "feeds/libraries/" + encodeURIComponent(slug) + ".xml");
      },
    };
  }

  // A true minus sign, as the decision table prints it.
  function signed(points) {
    return points > 0 ? "+" + points : "\u2212" + -points;
  }

  function effectText(site, effect) {
    var parts = Object.keys(effect).filter(function (slug) { return effect[slug]; })
      .map(function (slug) { return site.name(slug) + " " + signed(effect[slug]); });
    return parts.length ? parts.join(", ") : "no points";
  }

  function scoreText(site, scores) {
    return Object.keys(scores).map(function (slug) {
      var points = scores[slug];
      return site.name(slug) + " " + (points < 0 ? "\u2212" + -points : points);
    }).join(" \u00b7 ");
  }

  // Who comes second: nobody when no other framework has points; several when they tie.
  function seconds(result) {
    return result.runner_up ? result.runner_up.slugs : [];
  }

  function isTie(result) {
    return Boolean(result.runner_up && result.runner_up.tied_with_winner);
  }

  function progressText(progress) {
    return progress.answered + " of " + progress.asked + " answered";
  }

  function renderSummary(parts, site, result, progress) {
    if (!progress.answered) {
      setText(parts.pick, "No recommendation yet");
      setText(parts.detail, "Answer a question or start from a use case \u00b7 " +
        progressText(progress));
      setHidden(parts.more, true);
      return;
    }
    setText(parts.pick, "Recommendation: " + result.framework_name);
    var names = seconds(result).map(site.name).join(" and ");
    var lead = !names ? "No runner-up" : isTie(result) ? "Tied with " + names : "Runner-up " + names;
    var settle = progress.decided && progress.answered < progress.asked
      ? " \u00b7 the rest can\u2019t change it" : "";
    setText(parts.detail, lead + " \u00b7 " + progressText(progress) + settle);
    setHidden(parts.more, false);
  }

  function appendLinks(node, site, slugs) {
    slugs.forEach(function (slug, index) {
      if (index) node.appendChild(document.createTextNode(" and "));
      node.appendChild(link(site.library(slug), site.name(slug)));
    });
  }

  function points(count) {
    return count + (count === 1 ? " point" : " points");
  }

  function runnerLine(site, result) {
    var line = el("p", null, "sg-runner");
    var slugs = seconds(result);
    if (!slugs.length) {
      line.textContent = "No runner-up: no other framework has points yet.";
    } else if (isTie(result)) {
      line.appendChild(document.createTextNode("Tied at " + points(result.runner_up.points) +
        " with "));
      appendLinks(line, site, slugs);
      line.appendChild(document.createTextNode("; " + result.framework_name +
        " is listed first, so it is shown."));
    } else {
      line.appendChild(document.createTextNode("Runner-up: "));
      appendLinks(line, site, slugs);
      line.appendChild(document.createTextNode(" (" + (slugs.length > 1 ? "tied at " : "") +
        points(result.runner_up.points) + ")"));
    }
    return line;
  }

  function winnerCard(site, result) {
    var card = keyed(el("div", null, "sg-card sg-winner"), "winner");
    card.appendChild(el("p", "Recommended framework", "sg-eyebrow"));
    var title = el("h2", result.framework_name);
    title.id = "selector-result-title";
    card.appendChild(title);
    card.appendChild(el("p", "Points: " + scoreText(site, result.scores), "sg-scores"));
    card.appendChild(runnerLine(site, result));
    var actions = el("div", null, "sg-buttons");
    actions.appendChild(link(site.library(result.framework), "About " + result.framework_name,
      "md-button md-button--primary"));
    var others = seconds(result);
    if (others.length) {
      actions.appendChild(link(site.compare([result.framework].concat(others)),
        "Compare with " + others.map(site.name).join(" and "), "md-button"));
    }
    card.appendChild(actions);
    return card;
  }

  function reasonsSection(site, result) {
    var frag = document.createDocumentFragment();
    frag.appendChild(keyed(el("h3", "Why " + result.framework_name), "why"));
    var list = keyed(el("ol", null, "sg-reasons"), "reasons");
    result.reasons.forEach(function (reason) {
      var item = keyed(el("li"), reason.question);
      item.appendChild(el("span", reason.question_text, "sg-reason__question"));
      var answer = el("span", null, "sg-reason__answer");
      answer.appendChild(el("strong", reason.label));
      answer.appendChild(el("span", effectText(site, reason.effect), "sg-points"));
      item.appendChild(answer);
      var because = el("span", reason.text, "sg-reason__text");
      if (reason.source) {
        because.appendChild(document.createTextNode(" "));
        because.appendChild(link(reason.source, "source", "sg-reason__source"));
      }
      item.appendChild(because);
      list.appendChild(item);
    });
    frag.appendChild(list);
    return frag;
  }

  // "Django (templates, forms)" rather than the same library once per role it fills.
  function partNames(parts) {
    var roles = {};
    parts.forEach(function (part) {
      (roles[part.name] = roles[part.name] || []).push(part.role_label.toLowerCase());
    });
    return Object.keys(roles).map(function (name) {
      return roles[name].length > 1 ? name + " (" + roles[name].join(", ") + ")" : name;
    }).join(", ");
  }

  function stackChange(change) {
    var said = [];
    if (change.adds.length) said.push("adds " + partNames(change.adds));
    if (change.drops.length) said.push("drops " + partNames(change.drops));
    return "\u201c" + change.label + "\u201d " + said.join(" and ");
  }

  // Open questions that would change the framework, then those that would change the stack.
  function sharpenSection(site, result) {
    var frag = document.createDocumentFragment();
    var items = result.sharpen.map(function (item) {
      return { question: item.question, text: item.text, says: item.flips.map(function (flip) {
        return "\u201c" + flip.label + "\u201d would make it " + site.name(flip.framework);
      }) };
    }).concat((result.sharpen_stack || []).map(function (item) {
      return { question: item.question, text: item.text, says: item.changes.map(stackChange) };
    }));
    if (!items.length) return frag;
    frag.appendChild(keyed(el("h3", "What would change it"), "change"));
    var list = keyed(el("ul", null, "sg-sharpen"), "changes");
    items.forEach(function (item, index) {
      var entry = keyed(el("li"), (index < result.sharpen.length ? "pick " : "stack ") +
        item.question);
      entry.appendChild(link("#q-" + item.question, item.text));
      entry.appendChild(document.createTextNode(" " + item.says.join("; ") + "."));
      list.appendChild(entry);
    });
    frag.appendChild(list);
    return frag;
  }

  // The parts grouped by role, in the engine's order: a role may have several parts.
  function byRole(parts) {
    var groups = [];
    parts.forEach(function (part) {
      var last = groups[groups.length - 1];
      if (last && last.role === part.role) last.parts.push(part);
      else groups.push({ role: part.role, label: part.role_label, parts: [part] });
    });
    return groups;
  }

  // Every library the stack shows, once each, in order: what "Follow this stack" lists.
  function stackLibraries(stack) {
    var seen = {};
    return stack.parts.filter(function (part) {
      if (seen[part.slug]) return false;
      seen[part.slug] = true;
      return true;
    });
  }

  // Which of the reader's answers (or the framework) chose the part, each with its question.
  function cameFrom(site, part) {
    return (part.because_of || []).map(function (answer) {
      if (answer.question === "framework") return "the framework, " + answer.label;
      return "\u201c" + site.question(answer.question) + "\u201d " + answer.label;
    }).join("; ");
  }

  function partItem(site, part) {
    var item = keyed(el("div", null, "sg-part"), part.slug);
    var what = el("span", null, "sg-part__library");
    what.appendChild(link(site.library(part.slug), part.name));
    var detail = part.builtin ? "built in" : part.version ? part.version : "";
    if (detail) what.appendChild(el("span", " " + detail, "sg-version"));
    if (part.dev) what.appendChild(el("span", " dev", "sg-version"));
    item.appendChild(what);
    item.appendChild(el("span", part.reason, "sg-part__reason"));
    var from = cameFrom(site, part);
    if (from) item.appendChild(el("span", "From " + from, "sg-part__from"));
    return item;
  }

  function referenceLine(site, stack) {
    var reference = stack.closest;
    if (!reference) return null;
    var line = keyed(el("p", null, "sg-reference"), "reference");
    line.appendChild(document.createTextNode(stack.equals ? "This is the reference " :
      "Closest reference stack: "));
    line.appendChild(link(site.stacks(reference.slug), reference.name));
    line.appendChild(document.createTextNode("."));
    return line;
  }

  function stackSection(site, result) {
    var frag = document.createDocumentFragment();
    frag.appendChild(keyed(el("h3", "Stack: " + result.stack.name), "stack"));
    var reference = referenceLine(site, result.stack);
    if (reference) frag.appendChild(reference);
    var list = keyed(el("ul", null, "sg-stack-parts"), "parts");
    byRole(result.stack.parts).forEach(function (group) {
      var item = keyed(el("li"), group.role);
      item.appendChild(el("span", group.label, "sg-role"));
      var parts = el("span", null, "sg-role__parts");
      group.parts.forEach(function (part) { parts.appendChild(partItem(site, part)); });
      item.appendChild(parts);
      list.appendChild(item);
    });
    frag.appendChild(list);
    return frag;
  }

  function fileName(stack) {
    var words = stack.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return "stack-guide-" + (words || "stack") + ".opml";
  }

  // An OPML 2.0 feed list, built as an XML document so every name and URL is escaped.
  function opml(site, result) {
    var doc = document.implementation.createDocument(null, "opml", null);
    var root = doc.documentElement;
    root.setAttribute("version", "2.0");
    var head = doc.createElement("head");
    var title = doc.createElement("title");
    title.textContent = "Python Backend Stack Guide: " + result.stack.name;
    head.appendChild(title);
    var created = doc.createElement("dateCreated");
    created.textContent = new Date().toUTCString();
    head.appendChild(created);
    root.appendChild(head);
    var body = doc.createElement("body");
    stackLibraries(result.stack).forEach(function (lib) {
      var outline = doc.createElement("outline");
      outline.setAttribute("type", "rss");
      outline.setAttribute("text", lib.name);
      outline.setAttribute("title", lib.name);
      outline.setAttribute("xmlUrl", site.feed(lib.slug));
      outline.setAttribute("htmlUrl", absolute(site.library(lib.slug)));
      body.appendChild(outline);
    });
    root.appendChild(body);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc);
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var anchor = link(url, name);
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // The button is kept across answers when its text does not change, so its click (handled in
  // setup) reads the stack shown at that moment.
  function follow(site, result, box) {
    var name = fileName(result.stack);
    download(name, opml(site, result), "text/x-opml+xml");
    box.querySelector(".sg-feedback").textContent = "Saved " + name + ": " +
      stackLibraries(result.stack).length + " feeds for your feed reader.";
  }

  function followSection(result) {
    var box = keyed(el("div", null, "sg-follow"), "follow");
    var button = el("button", "Follow this stack", "md-button");
    button.type = "button";
    button.id = "selector-follow";
    var feedback = el("span", "", "sg-feedback");
    feedback.setAttribute("role", "status");
    var count = stackLibraries(result.stack).length;
    box.appendChild(button);
    box.appendChild(feedback);
    box.appendChild(el("p", "An OPML file with the feed of each of the " + count +
      " libraries above (new releases and changes of advice), for your feed reader.", "sg-help"));
    return box;
  }

  // Whether this pyproject block was checked to install together, in the check's own words.
  function checkLine(result) {
    var check = result.install_check;
    if (!check || !check.text) return null;
    var line = keyed(el("p", check.text + ".", "sg-check"), "check");
    line.dataset.state = check.state;
    return line;
  }

  // Parts whose packages do not claim the Python version the guide recommends.
  function pythonWarnings(result) {
    var warnings = (result.install_check && result.install_check.python_warnings) || [];
    if (!warnings.length) return null;
    var box = keyed(el("div", null, "admonition warning sg-python-warnings"), "warnings");
    box.appendChild(el("p", "Python support", "admonition-title"));
    var list = el("ul");
    warnings.forEach(function (warning) { list.appendChild(el("li", warning.text)); });
    box.appendChild(list);
    return box;
  }

  function pyprojectSection(result) {
    var frag = document.createDocumentFragment();
    frag.appendChild(keyed(el("h3", "pyproject.toml"), "pyproject"));
    var check = checkLine(result);
    if (check) frag.appendChild(check);
    var warnings = pythonWarnings(result);
    if (warnings) frag.appendChild(warnings);
    var block = keyed(el("div", null, "language-toml highlight sg-code"), "code");
    var pre = el("pre");
    pre.id = "selector-pyproject";
    var nav = el("nav", null, "md-code__nav");
    var copy = el("button", null, "md-code__button");
    copy.type = "button";
    copy.title = "Copy to clipboard";
    copy.setAttribute("aria-label", "Copy pyproject.toml to the clipboard");
    copy.dataset.clipboardTarget = "#selector-pyproject > code";
    copy.dataset.mdType = "copy";
    nav.appendChild(copy);
    pre.appendChild(nav);
    pre.appendChild(el("code", result.pyproject));
    block.appendChild(pre);
    frag.appendChild(block);
    return frag;
  }

  function renderResult(box, site, result, progress) {
    setHidden(box.parentNode.querySelector(".sg-placeholder"), progress.answered > 0);
    if (!progress.answered) {
      setHidden(box, true);
      box.replaceChildren();
      return;
    }
    var frag = document.createDocumentFragment();
    frag.appendChild(winnerCard(site, result));
    frag.appendChild(reasonsSection(site, result));
    frag.appendChild(sharpenSection(site, result));
    frag.appendChild(stackSection(site, result));
    frag.appendChild(followSection(result));
    frag.appendChild(pyprojectSection(result));
    patchChildren(box, frag);
    setHidden(box, false);
  }

  // Each question says whether it can still change the outcome, or is not asked at all.
  function markText(state, fieldset, result) {
    if (state === "settled") {
      return "Can\u2019t change the pick (" + result.framework_name + ") as things stand";
    }
    if (state !== "not_asked") return "";
    var answered = fieldset.querySelector("input:checked:not([value=''])");
    return "Not asked for your other answers" + (answered ? ", so this answer does not count" : "");
  }

  function markQuestions(form, result, progress) {
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      var state = progress.answered ? progress.questions[fieldset.dataset.question] : "open";
      var mark = fieldset.querySelector(".sg-q__mark");
      var text = markText(state, fieldset, result);
      if (fieldset.dataset.state !== state) fieldset.dataset.state = state;
      setText(mark, text);
      setHidden(mark, !text);
    });
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

  function copyLink(button, feedback, settle) {
    var label = button.textContent;
    var done = function () {
      button.textContent = "Link copied";
      feedback.textContent = "Link copied: it opens the selector with these answers.";
      setTimeout(function () { button.textContent = label; }, 2500);
    };
    button.addEventListener("click", function () {
      settle();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(location.href).then(done, function () {
          feedback.textContent = "The browser refused to copy; copy the address bar instead.";
        });
      } else {
        window.prompt("Copy this link", location.href);
      }
    });
  }

  function setup(root) {
    var form = root.querySelector("#selector-form");
    var status = root.querySelector("#selector-status");
    var notice = root.querySelector("#selector-notice");
    var result = root.querySelector("#selector-result");
    var preset = root.querySelector("#selector-preset");
    var copy = root.querySelector("#selector-copy");
    var summary = {
      pick: root.querySelector("#selector-recommendation"),
      detail: root.querySelector("#selector-progress"),
      more: root.querySelector(".sg-bar__more"),
    };
    var site = siteOf(root);
    var live = false;

    var asked = 0;
    var shown = null;

    // The address follows the answers once the page is idle after drawing them: a same-document
    // navigation takes the main thread about 3 ms (12 ms with CPU 4x), and the answer's frame
    // need not wait for it. Only the last of a quick run of answers is written, and never once
    // instant navigation has brought in another page.
    var address = null;
    var page = location.pathname;
    function writeAddress() {
      var url = address;
      address = null;
      if (url !== null && location.pathname === page && document.body.contains(root)) {
        history.replaceState(history.state, "", url);
      }
    }
    function followAddress(url) {
      var scheduled = address !== null;
      address = url;
      if (scheduled) return;
      if (window.requestIdleCallback) requestIdleCallback(writeAddress, { timeout: 500 });
      else setTimeout(writeAddress, 50);
    }

    function update() {
      if (!live) return;
      var request = ++asked;
      call("recommend", { answers: readAnswers(form) }).then(function (body) {
        // Answers given in a quick run (arrow keys through a group) are drawn once, the last.
        if (request !== asked) return;
        followAddress(location.pathname + (body.query ? "?" + body.query : "") + location.hash);
        shown = body.result;
        renderSummary(summary, site, body.result, body.progress);
        renderResult(result, site, body.result, body.progress);
        markQuestions(form, body.result, body.progress);
        if (root.dataset.state !== "ready") root.dataset.state = "ready";
        // Tells tests and the benchmark that this answer's result is in the page.
        root.dispatchEvent(new CustomEvent("selector-updated"));
      }, fail);
    }

    function fail(error) {
      root.dataset.state = "failed";
      status.textContent = "";
      status.appendChild(document.createTextNode(
        "The interactive selector could not start (" + error.message + "). Use the "));
      status.appendChild(link("#decision-table", "decision table"));
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
    copyLink(copy, root.querySelector("#selector-copied"), writeAddress);
    result.addEventListener("click", function (event) {
      var button = event.target.closest("#selector-follow");
      if (button && shown) follow(site, shown, button.parentNode);
    });
    summary.more.addEventListener("click", function (event) {
      event.preventDefault();
      var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      // Scroll the window only, to just below Material's header: scrollIntoView would also
      // scroll the page's clipped containers and slide the header out of place.
      var header = document.querySelector(".md-header");
      var top = result.getBoundingClientRect().top + window.scrollY;
      window.scrollTo({
        top: top - (header ? header.offsetHeight : 0) - 8,
        behavior: reduce ? "auto" : "smooth",
      });
      result.focus({ preventScroll: true });
    });

    root.dataset.state = "loading";
    // The status line's texts fit one line from 360 px up, and the stylesheet holds two lines
    // below that, so the intro and the form under it do not move as the selector starts.
    status.textContent = "Loading the selector (a 4 MB Python runtime)…";
    var begin = function () {
      startWorker(root).then(function (started) {
        rememberLoaded(started.resources);
        // Tells tests and the benchmark whether the worker restored its memory snapshot.
        if (started.start === "snapshot" && window.performance && performance.mark) {
          performance.mark("selector-restored");
        }
        // The worker parsed the link's answers as it started, unless instant navigation
        // brought this page in with another address since.
        return started.parsed && started.query === location.search ? started.parsed :
          call("parse", { query: location.search });
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

  // Start the runtime as early as the first frame allows, before Material is set up.
  // The loader (selector-loader.js) adds this script once the form is parsed; the form carries
  // the addresses of the runtime, the assets and the API.
  var early = document.querySelector(".sg-selector");
  if (early) startWorker(early).catch(function () {});

  // The form is wired up as soon as it is parsed (the decision table after it has begun), so a
  // runtime that is quick to start does not wait for Material's bundle and the page's load.
  function setupWhenParsed() {
    var root = document.querySelector(".sg-selector");
    if (root && document.getElementById("decision-table")) {
      if (!root.dataset.state) setup(root);
    } else if (document.readyState === "loading") {
      requestAnimationFrame(setupWhenParsed);
    }
  }
  setupWhenParsed();

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
