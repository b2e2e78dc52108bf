// Live reload for `go run . serve` only: a site built for publishing has
// no such script. Every build writes a new build-id.txt; when it changes,
// the page reloads, keeping its scroll position.
(function () {
  "use strict";
  var last = null;
  var key = "livereload-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  function poll() {
    fetch("build-id.txt", { cache: "no-store" }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (id) {
      if (id !== null && last !== null && id !== last) {
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
        return;
      }
      if (id !== null) { last = id; }
      setTimeout(poll, 1000);
    }, function () { setTimeout(poll, 2000); });
  }
  if (location.protocol === "http:" || location.protocol === "https:") { poll(); }
})();
