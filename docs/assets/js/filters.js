// Attribute filters on category pages and the all-libraries page (macros/filters.py writes
// the form and each row's facts as data- attributes). The choice lives in the address
// (?async=native&typed=yes) so a filtered view is a link. Without scripts the form stays
// hidden (guide.css, under Material's no-js class) and every row shown. Material's instant navigation re-runs this script each time it
// swaps in a page, so it binds whatever filterable tables the page has now, once each.
(function () {
  "use strict";

  function matches(row, name, value) {
    return (row.getAttribute("data-" + name) || "").split(" ").indexOf(value) !== -1;
  }

  function chosen(selects) {
    const out = {};
    selects.forEach(function (select) {
      if (select.value) out[select.name] = select.value;
    });
    return out;
  }

  function writeAddress(selects, choice) {
    const params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (choice[select.name]) params.set(select.name, choice[select.name]);
      else params.delete(select.name);
    });
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function readAddress(selects) {
    const params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      const value = params.get(select.name);
      // A value the page does not offer (an old or edited link) is ignored: "Any" stays.
      const known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      if (value && known) select.value = value;
    });
  }

  function bind(box) {
    if (box.dataset.filtersBound) return;
    box.dataset.filtersBound = "true";
    const form = box.querySelector("form.sg-filters");
    const count = box.querySelector(".sg-filter-count");
    const rows = Array.prototype.slice.call(box.querySelectorAll("tbody tr"));
    const selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function apply(write) {
      const choice = chosen(selects);
      let shown = 0;
      rows.forEach(function (row) {
        const ok = Object.keys(choice).every(function (name) {
          return matches(row, name, choice[name]);
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " libraries";
      if (write) writeAddress(selects, choice);
    }

    form.addEventListener("change", function () {
      apply(true);
    });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls are cleared.
      window.setTimeout(function () {
        apply(true);
      }, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    readAddress(selects);
    form.hidden = false;
    apply(false);
  }

  document.querySelectorAll(".sg-filterable").forEach(bind);
})();
