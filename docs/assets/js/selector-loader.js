// Written into the selector page (macros/page_scripts.py, without these comments): adds the
// selector's script once a frame with the first question is drawn, or after a second for a
// page that draws none. The form is already in the HTML; fetched beside the page, selector.js
// held the first paint back, and its worker waits for that frame anyway. Material's instant
// navigation runs this again each time it brings the selector page in (the text only, not the
// element's attributes: the script's address comes from the form's data-assets); once
// selector.js has run, it sets up every page itself.
(function () {
  "use strict";
  var added = false;

  function add() {
    var form = document.querySelector(".sg-selector[data-assets]");
    if (added || window.__stackGuideSelector || !form) return;
    added = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-assets") + "js/selector.js";
    document.body.appendChild(script);
  }

  function check() {
    if (document.readyState !== "loading" || document.querySelector("fieldset.sg-q")) {
      requestAnimationFrame(function () { setTimeout(add, 0); });
    } else {
      requestAnimationFrame(check);
    }
  }
  requestAnimationFrame(check);
  setTimeout(add, 1000);
})();
