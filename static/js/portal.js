// Behaviour shared by every page. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  // Every string a person reads goes through Django's JavaScript catalogue (/jsi18n/, loaded just
  // before this file): gettext(), ngettext(), interpolate(). Should it fail to load, the scripts
  // still run, in English as written.
  if (typeof window.gettext !== "function") {
    window.gettext = function (text) { return text; };
    window.ngettext = function (singular, plural, count) { return count === 1 ? singular : plural; };
    window.interpolate = function (format, values, named) {
      if (named) {
        return format.replace(/%\(\w+\)s/g, function (match) { return String(values[match.slice(2, -2)]); });
      }
      var list = Array.prototype.slice.call(values);
      return format.replace(/%s/g, function () { return String(list.shift()); });
    };
  }

  // Put the keyboard and screen-reader focus on an error summary when a form comes back invalid.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }
  // A table that scrolls sideways (on a phone) must be reachable by keyboard (WCAG 2.1.1):
  // make its scroller a focusable, named region.
  function labelScrollers(root) {
    (root || document).querySelectorAll(".table-responsive").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        var caption = el.querySelector("caption");
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", caption ? caption.textContent.trim() : gettext("Table"));
      }
    });
  }
  // On a phone each table row is shown as a card (portal.css): give each cell its column's name,
  // and keep the table's meaning for screen readers, which lose it when a table is restyled.
  function labelCells(root) {
    (root || document).querySelectorAll("main table.table:not(.table-keep)").forEach(function (table) {
      var names = Array.prototype.map.call(
        table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      if (!names.length) { return; }
      table.setAttribute("role", "table");
      table.querySelectorAll("tr").forEach(function (tr) { tr.setAttribute("role", "row"); });
      table.querySelectorAll("thead th").forEach(function (th) { th.setAttribute("role", "columnheader"); });
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (cell, i) {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          if (names[i] && cell.tagName === "TD" && !cell.dataset.label) { cell.dataset.label = names[i]; }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
    labelCells(document);
    labelScrollers(document);
  });
  document.body.addEventListener("htmx:afterSwap", function (e) { labelCells(e.target); labelScrollers(e.target); });
  document.body.addEventListener("htmx:afterSwap", function (e) { focusErrorSummary(e.target); });

  // Send the CSRF token with every htmx request.
  document.body.addEventListener("htmx:configRequest", function (e) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var cookie = document.cookie.match(/csrftoken=([^;]+)/);
    if (cookie) { e.detail.headers["X-CSRFToken"] = cookie[1]; }
    else if (token) { e.detail.headers["X-CSRFToken"] = token.value; }
  });

  // Session timeout warning (WCAG 2.2.1): warn before the idle timeout and offer to extend.
  var body = document.body;
  if (body.dataset.signedIn === "1" && window.bootstrap) {
    var idle = parseInt(body.dataset.idleSeconds, 10) * 1000;
    var warnBefore = parseInt(body.dataset.warningSeconds, 10) * 1000;
    var dialogEl = document.getElementById("session-timeout");
    var timer = null;
    var countdownTimer = null;
    var modal = dialogEl ? new bootstrap.Modal(dialogEl, { backdrop: "static" }) : null;
    var deadline = 0;
    function schedule() {
      clearTimeout(timer);
      deadline = Date.now() + idle;
      timer = setTimeout(warn, Math.max(idle - warnBefore, 1000));
    }
    function warn() {
      if (!modal) { return; }
      modal.show();
      var span = dialogEl.querySelector("[data-countdown]");
      clearInterval(countdownTimer);
      countdownTimer = setInterval(function () {
        var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        span.textContent = interpolate(
          gettext("%(minutes)s min %(seconds)s s"), { minutes: Math.floor(left / 60), seconds: left % 60 }, true);
        if (left <= 0) { clearInterval(countdownTimer); window.location.reload(); }
      }, 1000);
    }
    function extend() {
      var cookie = document.cookie.match(/csrftoken=([^;]+)/);
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(body.dataset.extendUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": cookie ? cookie[1] : (token ? token.value : "") }
      }).then(function () { clearInterval(countdownTimer); modal.hide(); schedule(); });
    }
    if (dialogEl) {
      dialogEl.querySelector("[data-extend-session]").addEventListener("click", extend);
    }
    schedule();
    document.body.addEventListener("htmx:afterRequest", schedule);
  }

  // Buttons that ask before doing something destructive: <button data-confirm="Are you sure?">.
  document.addEventListener("submit", function (e) {
    var button = e.submitter;
    var message = (button && button.dataset.confirm) || e.target.dataset.confirm;
    if (message && !window.confirm(message)) { e.preventDefault(); }
  });
})();
