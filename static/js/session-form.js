// The session forms' small helpers, loaded after sessions.js (which restores drafts):
// - How and where, carried over from the last session, come folded behind "change" (the server
//   folds them, so the form does not move once drawn); "change" unfolds them. A restored draft
//   may hold another how or where: then they are shown rather than a stale line.
// - The plan form's duration buttons fill in the minutes.
(function () {
  "use strict";
  var fields = document.querySelector("[data-setting-fields]");
  var wrap = document.querySelector("[data-setting-change-wrap]");
  if (fields && wrap) {
    var button = wrap.querySelector("[data-setting-change]");
    var unfold = function (focus) {
      fields.hidden = false;
      wrap.hidden = true;
      button.setAttribute("aria-expanded", "true");
      if (focus) {
        var first = fields.querySelector("input:checked") || fields.querySelector("input");
        if (first) { first.focus(); }
      }
    };
    var notice = document.querySelector("[data-draft-notice]");
    if (notice && !notice.classList.contains("d-none")) {
      unfold(false);
    }
    button.addEventListener("click", function () { unfold(true); });
  }
  var plan = document.querySelector("[data-plan-form]");
  if (plan) {
    plan.addEventListener("click", function (e) {
      var duration = e.target.closest("[data-duration]");
      if (duration) { plan.querySelector("[name=duration_minutes]").value = duration.dataset.duration; }
    });
  }
})();
