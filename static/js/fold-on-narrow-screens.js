/* The Cooperation Portal's own script (no library). Loaded, not deferred, from inside a
   <details open> (templates/includes/fold_on_narrow_screens.html): on a narrow screen the
   details start folded, so that the results come first. It runs while the page is parsed, so
   nothing moves after the first paint; without JavaScript the details simply stay open. A file,
   not an inline script, so that a strict Content Security Policy (script-src 'self') allows it. */
(function () {
  var script = document.currentScript;
  if (script && window.matchMedia("(max-width: 59.99rem)").matches) {
    script.parentElement.open = false;
  }
})();
