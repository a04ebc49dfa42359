// Warms the selector's runtime (about 4 MB) into the service worker's cache once a reader shows
// they are heading for the selector: a pointer over or focus on a link to it, or opening a
// section that holds one. Nothing happens on page load, nor when the reader asked to save data.
(function () {
  "use strict";
  var warmed = false;

  function isSelectorLink(node) {
    var link = node && node.closest ? node.closest("a[href]") : null;
    if (!link || !window.__md_scope) return false;
    var target = new URL(link.href, location.href);
    return target.origin === location.origin &&
      target.pathname === new URL("choosing/selector/", window.__md_scope).pathname;
  }

  function warm() {
    if (warmed) return;
    warmed = true;
    var connection = navigator.connection;
    if (!("serviceWorker" in navigator) || !window.__md_scope) return;
    if (connection && connection.saveData) return;
    if (document.querySelector(".sg-selector")) return; // the page loads the runtime itself
    var idle = window.requestIdleCallback || function (callback) { setTimeout(callback, 200); };
    idle(function () {
      navigator.serviceWorker.register(new URL("sw.js", window.__md_scope).href)
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (registration) {
          if (registration.active) registration.active.postMessage({ type: "warm" });
        })
        .catch(function () {});
    });
  }

  function onIntent(event) {
    if (!warmed && isSelectorLink(event.target)) warm();
  }

  // A navigation section (its checkbox) or a <details> opened with a selector link inside.
  function onOpen(event) {
    var target = event.target;
    if (warmed || !target) return;
    var opened = target.matches && target.matches("input.md-nav__toggle") ? target.checked
      : target.tagName === "DETAILS" && target.open;
    var section = !opened ? null : target.tagName === "DETAILS" ? target : target.parentElement;
    if (!section) return;
    var links = section.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      if (isSelectorLink(links[i])) return warm();
    }
  }

  document.addEventListener("pointerover", onIntent, { passive: true });
  document.addEventListener("focusin", onIntent);
  document.addEventListener("change", onOpen);
  document.addEventListener("toggle", onOpen, true);
})();
