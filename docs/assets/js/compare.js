// The compare page: two to four libraries side by side, read from api/v1/libraries/<slug>.json.
// macros/compare.py writes the rows to show (data-config) and the pickers; the same rows
// make the pre-built comparison pages, so both read alike. The choice lives in the address
// (?libs=fastapi,litestar): unknown or repeated slugs there are dropped with a notice, as the
// selector does with a hostile link. All text reaches the page through textContent.
(function () {
  "use strict";

  const box = document.querySelector(".sg-compare");
  if (!box || box.dataset.compareBound) return;
  box.dataset.compareBound = "true";

  const config = JSON.parse(box.dataset.config);
  const root = box.dataset.root;
  const api = box.dataset.api;
  const form = box.querySelector(".sg-compare-form");
  const selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  const onlyDifferences = form.querySelector("#compare-only-differences");
  const notice = box.querySelector("#compare-notice");
  const status = box.querySelector("#compare-status");
  const result = box.querySelector("#compare-result");
  const libraries = box.querySelector("#compare-options").content;
  const names = {};
  Array.prototype.forEach.call(libraries.children, function (option) {
    if (option.value) names[option.value] = option.textContent;
  });
  const cache = {};
  let shown = 0; // increases with each render, so a slow response cannot overwrite a newer one

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function anchor(href, text, external) {
    const a = el("a", text);
    a.href = href;
    if (external) a.rel = "noopener";
    return a;
  }

  function fromAddress() {
    const raw = new URLSearchParams(window.location.search).get("libs");
    if (raw === null) return { slugs: [], ignored: [] };
    const slugs = [];
    const ignored = [];
    raw.split(",").forEach(function (part) {
      const slug = part.trim();
      if (!slug) return;
      const shownSlug = slug.length > 40 ? slug.slice(0, 40) + "…" : slug;
      if (!Object.prototype.hasOwnProperty.call(names, slug)) {
        ignored.push("unknown library " + JSON.stringify(shownSlug));
      } else if (slugs.indexOf(slug) !== -1) {
        ignored.push(JSON.stringify(shownSlug) + " repeated");
      } else if (slugs.length >= config.max) {
        ignored.push(JSON.stringify(shownSlug) + " (at most " + config.max + " libraries)");
      } else {
        slugs.push(slug);
      }
    });
    return { slugs: slugs, ignored: ignored };
  }

  // Text that is already there is not written again: a write lays the page out once more,
  // and at start-up that would fall into Material's own start-up, which measures the page.
  function say(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function showNotice(ignored) {
    if (notice.hidden !== (ignored.length === 0)) notice.hidden = ignored.length === 0;
    say(notice, ignored.length
      ? "Some of the link's libraries were ignored: " + ignored.join("; ") + "."
      : "");
  }

  function chosen() {
    const out = [];
    selects.forEach(function (select) {
      if (select.value && out.indexOf(select.value) === -1) out.push(select.value);
    });
    return out;
  }

  function writeAddress(slugs) {
    const params = new URLSearchParams(window.location.search);
    if (slugs.length) params.set("libs", slugs.join(","));
    else params.delete("libs");
    // URLSearchParams writes the commas as %2C; the address reads better with them plain.
    const query = params.toString().replace(/%2C/g, ",");
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function load(slug) {
    if (!cache[slug]) {
      cache[slug] = fetch(api + "libraries/" + encodeURIComponent(slug) + ".json").then(
        function (response) {
          if (!response.ok) throw new Error("could not load " + slug + ": " + response.status);
          return response.json();
        }
      );
    }
    return cache[slug];
  }

  function list(items, render) {
    if (!items || !items.length) return el("span", config.missing);
    const ul = el("ul");
    items.forEach(function (item) {
      const li = el("li");
      render(li, item);
      ul.appendChild(li);
    });
    return ul;
  }

  function sourceNote(parent, url, verified) {
    const small = el("small", "(", "sg-source");
    small.appendChild(anchor(url, "source", true));
    small.appendChild(document.createTextNode(verified ? ", verified " + verified + ")" : ")"));
    parent.appendChild(document.createTextNode(" "));
    parent.appendChild(small);
  }

  function libraryLink(slug) {
    return anchor(root + "libraries/" + slug + "/", names[slug] || slug);
  }

  function cell(kind, record, key) {
    const td = el("td");
    const value = record[key];
    if (kind === "status") {
      td.textContent =
        config.status[value] + (record.possibly_unmaintained ? "; possibly unmaintained" : "");
      return td;
    }
    if (value === null || value === undefined) {
      td.textContent = config.missing;
      return td;
    }
    if (kind === "bool") td.textContent = value ? "Yes" : "Not declared";
    else if (kind === "list") td.textContent = value.length ? value.join(", ") : "none declared";
    else if (kind === "async") {
      td.textContent = config.async[value];
      sourceNote(td, record.async_support_source, "");
    } else if (kind === "release") td.textContent = value.version + " (" + value.date + ")";
    else if (kind === "category") {
      td.appendChild(anchor(root + "stack/" + value + "/", config.categories[value] || value));
    } else if (kind === "slug") td.appendChild(libraryLink(value));
    else if (kind === "slugs") {
      td.appendChild(list(value, function (li, slug) { li.appendChild(libraryLink(slug)); }));
    } else if (kind === "texts") {
      td.appendChild(
        list(value, function (li, item) {
          if (typeof item === "string") {
            li.textContent = item;
            return;
          }
          li.textContent = item.text;
          sourceNote(li, item.source, item.verified);
        })
      );
    } else if (kind === "sources") {
      td.appendChild(
        list(value, function (li, source) {
          li.appendChild(anchor(source.url, source.title, true));
          li.appendChild(document.createTextNode(" (" + source.verified + ")"));
        })
      );
    } else if (kind === "appears") {
      const items = value.stacks
        .map(function (stack) { return { stack: stack }; })
        .concat(value.use_cases.map(function (useCase) { return { useCase: useCase }; }));
      td.appendChild(
        list(items, function (li, item) {
          if (item.stack) {
            li.textContent = "Stack: ";
            li.appendChild(anchor(root + "stacks/#" + item.stack.slug, item.stack.name));
            const roles = item.stack.roles.map(function (r) { return r.replace(/_/g, " "); });
            li.appendChild(document.createTextNode(" (" + roles.join(", ") + ")"));
          } else {
            li.textContent = "Use case: ";
            li.appendChild(
              anchor(root + "choosing/use-cases/#" + item.useCase.id, item.useCase.title)
            );
          }
        })
      );
    } else td.textContent = String(value);
    return td;
  }

  function differs(key, records) {
    const seen = {};
    records.forEach(function (record) {
      const value = key === "status" ? [record.status, record.possibly_unmaintained] : record[key];
      seen[JSON.stringify(value === undefined ? null : value)] = true;
    });
    return Object.keys(seen).length > 1;
  }

  function title(records) {
    const rest = records.slice(1).map(function (r) { return r.name; });
    const others =
      rest.length === 1 ? rest[0] : rest.slice(0, -1).join(", ") + " and " + rest[rest.length - 1];
    return records[0].name + " compared with " + others;
  }

  function table(records) {
    const wrap = el("div", null, "md-typeset__scrollwrap");
    const inner = el("div", null, "md-typeset__table sg-compare-table");
    const t = el("table");
    t.appendChild(el("caption", title(records)));
    const head = el("thead");
    const headRow = el("tr");
    const corner = el("th", "Fact");
    corner.scope = "col";
    headRow.appendChild(corner);
    records.forEach(function (record) {
      const th = el("th");
      th.scope = "col";
      th.appendChild(libraryLink(record.slug));
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    t.appendChild(head);
    const body = el("tbody");
    config.rows.forEach(function (row) {
      const key = row[0];
      const tr = el("tr");
      const th = el("th", row[1]);
      th.scope = "row";
      if (differs(key, records)) {
        tr.className = "sg-differs";
        th.appendChild(document.createTextNode(" "));
        th.appendChild(el("span", config.differs, "sg-differs-mark"));
      }
      tr.appendChild(th);
      records.forEach(function (record) { tr.appendChild(cell(row[2], record, key)); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    inner.appendChild(t);
    wrap.appendChild(inner);
    return wrap;
  }

  function applyOnlyDifferences() {
    result.classList.toggle("sg-only-differences", onlyDifferences.checked);
  }

  // The place held for a comparison the address asked for (macros/compare.py): kept while the
  // table is shorter than it, since letting go would move what follows, until the reader acts.
  function release() {
    result.classList.remove("sg-compare-pending");
  }

  function render(slugs) {
    shown += 1;
    const mine = shown;
    if (slugs.length < 2) {
      release();
      if (result.firstChild) result.replaceChildren();
      say(status, config.nothing);
      return;
    }
    say(status, "Loading " + slugs.length + " libraries…");
    Promise.all(slugs.map(load)).then(
      function (records) {
        if (mine !== shown) return;
        const shownTable = table(records);
        result.replaceChildren(shownTable);
        if (shownTable.offsetHeight >= result.offsetHeight) release();
        const count = result.querySelectorAll("tr.sg-differs").length;
        say(status, "Comparing " + records.length + " libraries; " + count + " of " +
          config.rows.length + " rows differ.");
      },
      function (error) {
        if (mine !== shown) return;
        release();
        result.replaceChildren();
        say(status, "The comparison could not be loaded (" + error.message + ").");
      }
    );
  }

  function onChange() {
    const slugs = chosen();
    writeAddress(slugs);
    render(slugs);
  }

  // The pickers come with "None" only (macros/compare.py says why); each gets the libraries
  // in a moment of its own once the page is idle, or at once when the reader reaches for it.
  function fill(select) {
    if (select.options.length === 1) select.appendChild(libraries.cloneNode(true));
  }

  function fillWhenIdle(index) {
    if (index >= selects.length) return;
    const idle = window.requestIdleCallback || function (callback) { setTimeout(callback, 50); };
    idle(function () {
      fill(selects[index]);
      fillWhenIdle(index + 1);
    });
  }

  ["pointerdown", "focusin", "keydown"].forEach(function (type) {
    form.addEventListener(type, function (event) {
      if (event.target.tagName === "SELECT") fill(event.target);
    }, true);
  });

  const start = fromAddress();
  showNotice(start.ignored);
  selects.forEach(function (select, index) {
    if (start.slugs[index]) fill(select);
    if (select.value !== (start.slugs[index] || "")) select.value = start.slugs[index] || "";
  });
  fillWhenIdle(0);
  form.addEventListener("change", function (event) {
    release();
    if (event.target === onlyDifferences) applyOnlyDifferences();
    else onChange();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  applyOnlyDifferences();
  if (new URLSearchParams(window.location.search).get("libs") !== null) writeAddress(start.slugs);
  render(start.slugs);
})();
