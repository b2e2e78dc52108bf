// The tutorial's only script: copy buttons on code cells, the search
// box, the chapter drawer and the keyboard shortcuts. It works from file:// (the search index is a script that sets
// window.SEARCH_INDEX, not a fetched JSON file) and builds results with
// DOM text nodes only, never innerHTML.
(function () {
  "use strict";

  // Copy buttons.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.className = "visually-hidden";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(ta);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }
  document.querySelectorAll(".cell-input .copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var pre = button.closest(".cell-input").querySelector("pre");
      copyText(pre ? pre.textContent : "").then(function () {
        button.textContent = "Copied";
        button.classList.add("copied");
      }, function () {
        button.textContent = "Select and copy";
      }).then(function () {
        setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 1600);
      });
    });
  });

  // A box that scrolls sideways (wide code, tables, outputs) must take the
  // keyboard focus, or a keyboard cannot scroll it.
  function focusableScrollers() {
    document.querySelectorAll(".content pre, .content table, .output-html, .table-scroll").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "0"); el.setAttribute("data-scroll-focus", ""); }
      } else if (el.hasAttribute("data-scroll-focus")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-focus");
      }
    });
  }
  focusableScrollers();
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(focusableScrollers, 150);
  });

  // The chapter drawer of narrow screens is a checkbox, so it works
  // without script; with it, its button takes the keyboard too.
  var toggle = document.getElementById("nav-toggle");
  var navButton = document.querySelector(".nav-button");
  function setDrawer(open) {
    if (!toggle) { return; }
    toggle.checked = open;
    if (navButton) { navButton.setAttribute("aria-expanded", open ? "true" : "false"); }
    if (open) {
      var first = document.querySelector(".sidebar a");
      if (first) { first.focus(); }
    }
  }
  if (toggle && navButton) {
    navButton.setAttribute("tabindex", "0");
    navButton.setAttribute("role", "button");
    navButton.setAttribute("aria-controls", "sidebar");
    navButton.setAttribute("aria-expanded", "false");
    toggle.addEventListener("change", function () { setDrawer(toggle.checked); });
    navButton.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); setDrawer(!toggle.checked); }
    });
  }
  document.querySelectorAll(".sidebar a").forEach(function (a) {
    a.addEventListener("click", function () { if (toggle) { toggle.checked = false; } });
  });

  // Keyboard shortcuts, as in mdBook: ← and → change chapter, / or s
  // search, ? lists the keys, Esc closes what is open.
  var help = document.getElementById("keys-help");
  var helpButton = document.getElementById("keys-button");
  var helpClose = document.getElementById("keys-close");
  var helpReturn = null;
  function showHelp(show) {
    if (!help) { return; }
    if (show) {
      helpReturn = document.activeElement;
      help.hidden = false;
      help.focus();
    } else if (!help.hidden) {
      help.hidden = true;
      if (helpReturn && helpReturn.focus) { helpReturn.focus(); }
    }
  }
  if (helpButton) { helpButton.addEventListener("click", function () { showHelp(help.hidden); }); }
  if (helpClose) { helpClose.addEventListener("click", function () { showHelp(false); }); }
  if (help) {
    // Keep the focus inside the open list: Tab cycles between it and Close.
    help.addEventListener("keydown", function (ev) {
      if (ev.key === "Tab") { ev.preventDefault(); (document.activeElement === helpClose ? help : helpClose).focus(); }
    });
  }
  function typing(el) {
    return el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable);
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      if (help && !help.hidden) { showHelp(false); return; }
      if (toggle && toggle.checked) { setDrawer(false); if (navButton) { navButton.focus(); } return; }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) { return; }
    if (help && !help.hidden && ev.key !== "?") { return; }
    var link = null;
    if (ev.key === "ArrowLeft" && !ev.shiftKey) { link = document.querySelector(".pager a[rel=prev]"); }
    if (ev.key === "ArrowRight" && !ev.shiftKey) { link = document.querySelector(".pager a[rel=next]"); }
    if (link) { ev.preventDefault(); location.href = link.href; return; }
    if (ev.key === "?") { ev.preventDefault(); showHelp(help && help.hidden); }
  });

  // Search.
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var index = Array.isArray(window.SEARCH_INDEX) ? window.SEARCH_INDEX : [];
  if (!input || !list) { return; }
  index.forEach(function (e) {
    e.hay = (e.t + " " + e.s + " " + e.x).toLowerCase();
  });

  function words(q) {
    return q.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function search(q) {
    var ws = words(q);
    if (ws.length === 0) { return []; }
    var hits = [];
    index.forEach(function (e) {
      var score = 0;
      for (var i = 0; i < ws.length; i++) {
        var w = ws[i];
        if (e.hay.indexOf(w) < 0) { return; }
        if (e.t.toLowerCase().indexOf(w) >= 0) { score += 10; }
        if (e.s.toLowerCase().indexOf(w) >= 0) { score += 6; }
        score += Math.min(e.hay.split(w).length - 1, 5);
      }
      hits.push({ e: e, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, 12);
  }

  // snippet returns the text around the first query word, with the words
  // marked, as DOM nodes.
  function snippet(text, ws) {
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < ws.length && at < 0; i++) { at = lower.indexOf(ws[i]); }
    var start = Math.max(0, at - 60);
    var piece = (start > 0 ? "…" : "") + text.slice(start, start + 160) + (start + 160 < text.length ? "…" : "");
    var span = document.createElement("span");
    span.className = "r-snippet";
    var pl = piece.toLowerCase();
    var pos = 0;
    while (pos < piece.length) {
      var next = -1, len = 0;
      ws.forEach(function (w) {
        var j = pl.indexOf(w, pos);
        if (j >= 0 && (next < 0 || j < next)) { next = j; len = w.length; }
      });
      if (next < 0) { span.appendChild(document.createTextNode(piece.slice(pos))); break; }
      span.appendChild(document.createTextNode(piece.slice(pos, next)));
      var m = document.createElement("mark");
      m.textContent = piece.slice(next, next + len);
      span.appendChild(m);
      pos = next + len;
    }
    return span;
  }

  var active = -1;
  function show(q) {
    list.textContent = "";
    active = -1;
    if (words(q).length === 0) { list.hidden = true; return; }
    var hits = search(q);
    if (hits.length === 0) {
      var li = document.createElement("li");
      li.className = "r-empty";
      li.textContent = "No results for “" + q + "”.";
      list.appendChild(li);
    }
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.e.p + (h.e.a ? "#" + h.e.a : "");
      var title = document.createElement("span");
      title.className = "r-title";
      title.appendChild(document.createTextNode(h.e.t));
      if (h.e.s) {
        var sec = document.createElement("span");
        sec.className = "r-section";
        sec.textContent = " › " + h.e.s;
        title.appendChild(sec);
      }
      a.appendChild(title);
      if (h.e.x) { a.appendChild(snippet(h.e.x, words(q))); }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function links() { return list.querySelectorAll("a"); }
  function setActive(i) {
    var ls = links();
    if (ls.length === 0) { return; }
    active = (i + ls.length) % ls.length;
    ls.forEach(function (a, j) { a.classList.toggle("active", j === active); });
    ls[active].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("focus", function () { if (input.value) { show(input.value); } });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); setActive(active + 1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); setActive(active - 1); }
    else if (ev.key === "Enter") {
      var ls = links();
      if (ls.length > 0) { ev.preventDefault(); ls[Math.max(active, 0)].click(); }
    } else if (ev.key === "Escape") { input.value = ""; show(""); input.blur(); }
  });
  document.addEventListener("click", function (ev) {
    if (!ev.target.closest || !ev.target.closest(".search")) { list.hidden = true; }
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "/" || ev.key === "s" || ev.key === "S") && !ev.ctrlKey && !ev.metaKey && !ev.altKey &&
        document.activeElement !== input && !typing(document.activeElement) && (!help || help.hidden)) {
      ev.preventDefault();
      input.focus();
    }
  });
})();
