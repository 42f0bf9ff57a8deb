// The session forms' small helpers, loaded after sessions.js (which restores drafts):
// - How and where, carried over from the last session, fold behind "change" so the form starts
//   with one line the champion reads before saving. Without JavaScript the fields simply show.
// - The plan form's duration buttons fill in the minutes.
(function () {
  "use strict";
  var fields = document.querySelector("[data-setting-fields]");
  var wrap = document.querySelector("[data-setting-change-wrap]");
  if (fields && wrap) {
    var button = wrap.querySelector("[data-setting-change]");
    var notice = document.querySelector("[data-draft-notice]");
    // A restored draft may hold another how or where: show them rather than a stale line.
    var restored = notice && !notice.classList.contains("d-none");
    if (!fields.hasAttribute("data-setting-open") && !restored) {
      fields.hidden = true;
      wrap.hidden = false;
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () {
        fields.hidden = false;
        wrap.hidden = true;
        button.setAttribute("aria-expanded", "true");
        var first = fields.querySelector("input:checked") || fields.querySelector("input");
        if (first) { first.focus(); }
      });
    }
  }
  var plan = document.querySelector("[data-plan-form]");
  if (plan) {
    plan.addEventListener("click", function (e) {
      var duration = e.target.closest("[data-duration]");
      if (duration) { plan.querySelector("[name=duration_minutes]").value = duration.dataset.duration; }
    });
  }
})();
