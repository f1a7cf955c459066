// Small enhancements; every page works without them.
// On narrow screens the filters start folded, so that the results come first; without
// JavaScript they stay open.
(function () {
  "use strict";
  if (window.matchMedia("(max-width: 59.99rem)").matches) {
    document.querySelectorAll("details.facets-disclosure[open]").forEach(function (details) {
      details.open = false;
    });
  }
})();
