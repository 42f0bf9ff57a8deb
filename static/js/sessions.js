// The session form: show only the fields that apply, add learners found by search, and keep a
// draft (in this browser and on the server) so nothing typed is ever lost.
(function () {
  "use strict";
  // After a successful save the next page names the draft to forget.
  document.querySelectorAll("[data-clear-draft-key]").forEach(function (el) {
    localStorage.removeItem(el.dataset.clearDraftKey);
  });
  var form = document.querySelector("[data-session-form]");
  if (!form) { return; }
  var key = form.dataset.draftKey;
  var notice = document.querySelector("[data-draft-notice]");
  var statusLine = form.querySelector("[data-draft-status]");

  function value(name) {
    var checked = form.querySelector("input[name=" + name + "]:checked");
    return checked ? checked.value : "";
  }
  function applyVisibility() {
    var status = value("status");
    var format = value("format");
    form.querySelectorAll("[data-show-when-status]").forEach(function (el) {
      el.hidden = el.dataset.showWhenStatus !== status;
    });
    form.querySelectorAll("[data-show-when-format]").forEach(function (el) {
      el.hidden = el.dataset.showWhenFormat !== format;
    });
    form.querySelectorAll("[data-hide-when-format]").forEach(function (el) {
      el.hidden = el.dataset.hideWhenFormat === format;
    });
  }

  function serialise() {
    var data = {};
    new FormData(form).forEach(function (v, k) {
      if (k === "csrfmiddlewaretoken" || k === "q") { return; }
      if (data[k] === undefined) { data[k] = v; }
      else if (Array.isArray(data[k])) { data[k].push(v); }
      else { data[k] = [data[k], v]; }
    });
    form.querySelectorAll("[data-learner-chosen] input").forEach(function (input) {
      data["learner_label:" + input.value] = input.nextElementSibling ? input.nextElementSibling.textContent : input.value;
    });
    return data;
  }
  function addLearner(id, label) {
    var box = form.querySelector("[data-learner-chosen]");
    var existing = box.querySelector("input[value='" + id + "']");
    if (existing) { existing.checked = true; return; }
    var wrap = document.createElement("div");
    wrap.className = "form-check";
    var input = document.createElement("input");
    input.type = "checkbox"; input.name = "learners"; input.value = id; input.checked = true;
    input.className = "form-check-input"; input.id = "learner-" + id;
    var lab = document.createElement("label");
    lab.className = "form-check-label"; lab.htmlFor = input.id; lab.textContent = label;
    wrap.appendChild(input); wrap.appendChild(lab); box.appendChild(wrap);
  }
  function restore(data) {
    Object.keys(data).forEach(function (k) {
      if (k.indexOf("learner_label:") === 0) { addLearner(k.slice(14), data[k]); }
    });
    Object.keys(data).forEach(function (k) {
      if (k.indexOf("learner_label:") === 0) { return; }
      var values = Array.isArray(data[k]) ? data[k] : [data[k]];
      form.querySelectorAll("[name='" + k + "']").forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") { el.checked = values.indexOf(el.value) !== -1; }
        else if (el.tagName === "SELECT" || el.type !== "file") { el.value = values[0]; }
      });
    });
  }
  function hasContent(data) {
    return data && Object.keys(data).some(function (k) {
      return ["notes", "new_learner_names", "venue", "topics", "learners", "cancel_note"].indexOf(k) !== -1 && data[k];
    });
  }

  // Restore: this browser's copy first (it survives an expired login), else the server's.
  if (form.hasAttribute("data-draft-clear")) { localStorage.removeItem(key); }
  if (!form.hasAttribute("data-draft-no-restore") && !form.hasAttribute("data-draft-clear")) {
    var local = null;
    try { local = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { local = null; }
    var serverEl = document.getElementById("server-draft");
    var server = serverEl ? JSON.parse(serverEl.textContent) : null;
    var draft = hasContent(local) ? local : (hasContent(server) ? server : null);
    if (draft) { restore(draft); if (notice) { notice.classList.remove("d-none"); } }
  }
  applyVisibility();

  var dirty = false;
  var timer = null;
  function saveLocal() {
    try { localStorage.setItem(key, JSON.stringify(serialise())); } catch (e) { /* storage full: the server copy remains */ }
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(saveServer, 3000);
  }
  function saveServer() {
    if (!dirty) { return; }
    dirty = false;
    var body = new FormData(form);
    body.delete("q");
    Object.entries(serialise()).forEach(function (entry) {
      if (entry[0].indexOf("learner_label:") === 0) { body.append(entry[0], entry[1]); }
    });
    fetch(form.dataset.draftUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (json) {
        if (statusLine) {
          statusLine.textContent = json && json.saved
            ? interpolate(gettext("Draft saved at %(time)s."), { time: json.at }, true)
            : gettext("Draft kept on this device.");
        }
      })
      .catch(function () { if (statusLine) { statusLine.textContent = gettext("You seem to be offline. Your draft is kept on this device."); } });
  }
  form.addEventListener("input", saveLocal);
  form.addEventListener("change", function () { applyVisibility(); saveLocal(); });
  form.addEventListener("submit", function () { clearTimeout(timer); });

  form.addEventListener("click", function (e) {
    var add = e.target.closest("[data-add-learner]");
    if (add) {
      addLearner(add.dataset.addLearner, add.dataset.label);
      add.closest("li").remove();
      saveLocal();
    }
    var duration = e.target.closest("[data-duration]");
    if (duration) {
      form.querySelector("[name=duration_minutes]").value = duration.dataset.duration;
      saveLocal();
    }
  });
  // The learner search box must not submit the form with Enter.
  var search = form.querySelector("#learner-search");
  if (search) { search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } }); }

  var discard = document.querySelector("[data-draft-discard]");
  if (discard) {
    discard.addEventListener("click", function () {
      localStorage.removeItem(key);
      var body = new FormData(); body.append("discard", "1");
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fetch(form.dataset.draftUrl, { method: "POST", body: body, credentials: "same-origin" })
        .finally(function () { window.location.href = window.location.pathname; });
    });
  }
})();
