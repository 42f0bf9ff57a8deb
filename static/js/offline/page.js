// The portal with no signal, on every page (issue 13):
// - registers the service worker, keeps this person's offline pages and learners fresh, and
//   says when a new version is ready;
// - "Log a session" and "Quick tally" save on this device when there is no connection (or no
//   sign-in), and the session is sent by itself later (static/js/offline/sync.js);
// - a planned session due today is completed in the same form with no signal: its "Record how
//   it went" page opens the log form (the service worker's copy), filled in from the planned
//   session kept on this device, and the completion is sent once, like a session;
// - the header says how many sessions are waiting; "On this device" lists them and the kept
//   toolkit resources; a refused session can be opened, corrected and sent, or discarded;
// - signing out warns about waiting sessions, and clears the device except those.
// Strings go through Django's JavaScript catalogue when the page has it, English otherwise.
/* global PortalStore, PortalSync */
(function () {
  "use strict";
  var meta = document.querySelector("meta[name=portal-offline]");
  if (!meta || !window.indexedDB || !window.PortalStore || !window.PortalSync) { return; }

  // Named as Django's catalogue names them, so makemessages -d djangojs finds the strings.
  function gettext(text) { return window.gettext ? window.gettext(text) : text; }
  function ngettext(one, many, n) { return window.ngettext ? window.ngettext(one, many, n) : (n === 1 ? one : many); }
  function fill(text, values) {
    if (window.interpolate) { return window.interpolate(text, values, true); }
    return text.replace(/%\((\w+)\)s/g, function (m, k) { return values[k]; });
  }

  var cfg = {
    owner: meta.dataset.owner || "",
    swUrl: meta.dataset.sw,
    stateUrl: meta.dataset.state,
    sessionsUrl: meta.dataset.sessions,
    batchUrl: meta.dataset.batch,
    completeUrl: meta.dataset.complete || "",
    learnersUrl: meta.dataset.learners,
    deviceUrl: meta.dataset.device,
    logUrl: meta.dataset.log,
    tallyUrl: meta.dataset.tally,
    logoutUrl: meta.dataset.logout,
    loginUrl: meta.dataset.login
  };
  var LEARNERS_FRESH_FOR = 10 * 60 * 1000;
  var PROBE_PATIENCE = 3000;
  var channel = window.BroadcastChannel ? new BroadcastChannel("dcp-offline") : null;
  var statusBar = document.querySelector("[data-offline-status]");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "class") { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function longDate(iso) {
    if (!iso) { return ""; }
    var parts = iso.split("-");
    var d = new Date(+parts[0], +parts[1] - 1, +parts[2]);
    return d.toLocaleDateString(document.documentElement.lang || "en-GB", { day: "numeric", month: "long", year: "numeric" });
  }
  function withPatience(promise, ms) {
    return Promise.race([promise, new Promise(function (resolve) { setTimeout(function () { resolve(null); }, ms); })]);
  }
  function syncConfig() {
    return { stateUrl: cfg.stateUrl, batchUrl: cfg.batchUrl, learnersUrl: cfg.learnersUrl };
  }

  // --- Why a session is still here, in words --------------------------------------------------
  var FIELD_LABELS = {
    status: gettext("What happened"), date: gettext("Date"), start_time: gettext("Start time"),
    duration_minutes: gettext("How long"), format: gettext("Who was there"), mode: gettext("How"), venue: gettext("Where"),
    learners: gettext("Learners"), new_learner_names: gettext("New learner"), anonymous_count: gettext("How many people"),
    topics: gettext("Topics"), skill_areas: gettext("Skill areas"), barriers: gettext("Barriers"),
    signposting: gettext("Signposted to"), follow_up_on: gettext("Follow up on"),
    follow_up_needed: gettext("Follow-up needed"), cancel_reason: gettext("Why it was cancelled"),
    confidence_before: gettext("Confidence before"), confidence_after: gettext("Confidence after"), notes: gettext("Notes")
  };
  function fieldErrors(errors) {
    var lines = [];
    Object.keys(errors || {}).forEach(function (field) {
      var messages = [].concat(errors[field]).filter(function (m) { return typeof m === "string"; });
      if (!messages.length) { return; }
      var label = FIELD_LABELS[field];
      lines.push(label ? label + ": " + messages.join(" ") : messages.join(" "));
    });
    return lines.join(" ");
  }
  function reasonText(record) {
    switch (record.problem) {
      case "signed_out":
        return gettext("Waiting: sign in again and it is sent by itself.");
      case "other_owner":
        return gettext("Waiting: it was saved while someone else was signed in, or in another organisation. It is sent when they sign in there on this device.");
      case "membership":
        return gettext("The portal could not take it: you are no longer a member of this organisation. Ask your project manager, or discard it.");
      case "learner_gone":
        var names = (record.goneLearners || []).map(function (id) { return (record.labels || {})[id] || gettext("a learner"); });
        return fill(gettext("The portal could not take it: %(names)s is no longer in the portal (their record may have been erased). Open it, remove them or add them again as a new learner, and send it again."), { names: names.join(", ") });
      case "not_planned":
        if (record.nowStatus === "cancelled") {
          return gettext("The portal could not take it: this planned session was cancelled meanwhile. If it did take place, log it as a new session; otherwise discard it.");
        }
        return gettext("The portal could not take it: how this planned session went was already recorded, on another device or by your project manager. Discard this copy, or, if it was another session, log it as a new one.");
      case "planned_gone":
        return gettext("The portal could not take it: this planned session is no longer yours to record (it may have been deleted). Log it as a new session, or discard it.");
      case "conflict":
        return gettext("The portal could not take it: a different session was already sent with this one’s id. Open it and save it again, or discard it.");
      case "refused":
        return fill(gettext("The portal could not take it: %(problems)s Open it, correct it and send it again, or discard it."), { problems: fieldErrors(record.errors) || gettext("something in it is not right.") });
      default:
        return navigator.onLine ? gettext("Waiting to be sent.") : gettext("Waiting: it will be sent when you are back online.");
    }
  }

  // --- The header's count, and messages -------------------------------------------------------
  var updateWorker = null;
  function renderStatus() {
    if (!statusBar) { return Promise.resolve(); }
    return PortalStore.sessions().then(function (rows) {
      var refused = rows.filter(function (r) { return r.state === "refused"; }).length;
      var waiting = rows.length - refused;
      document.documentElement.dataset.offlineWaiting = String(rows.length);
      statusBar.textContent = "";
      var line = el("p", { "class": "mb-0 d-flex flex-wrap gap-2 align-items-center" });
      if (!navigator.onLine) { line.appendChild(el("span", { "class": "offline-pill" }, gettext("Offline"))); }
      if (waiting || refused) {
        var text = [];
        if (waiting) { text.push(fill(ngettext("%(n)s session waiting to be sent", "%(n)s sessions waiting to be sent", waiting), { n: waiting })); }
        if (refused) { text.push(fill(ngettext("%(n)s session needs your attention", "%(n)s sessions need your attention", refused), { n: refused })); }
        var link = el("a", { href: cfg.deviceUrl, "data-offline-count": String(waiting + refused) }, text.join(" · "));
        line.appendChild(link);
      }
      if (updateWorker) {
        line.appendChild(el("span", {}, gettext("A new version of the portal is ready.")));
        var button = el("button", { type: "button", "class": "btn btn-sm btn-outline-secondary", "data-offline-update": "" }, gettext("Update now"));
        button.addEventListener("click", function () {
          navigator.serviceWorker.addEventListener("controllerchange", function () { window.location.reload(); });
          updateWorker.postMessage({ type: "skip-waiting" });
        });
        line.appendChild(button);
      }
      if (line.childNodes.length) { statusBar.appendChild(line); }
      statusBar.hidden = !line.childNodes.length;
      if (document.querySelector("[data-device-queue]")) { renderDevice(rows); }
    });
  }
  function announce(text, kind) {
    var box = document.querySelector("[data-offline-message]");
    if (!box) {
      box = el("div", { "class": "alert", role: "status", "data-offline-message": "", tabindex: "-1" });
      var main = document.getElementById("main");
      var form = currentForm();
      if (form) { form.parentNode.insertBefore(box, form); } else if (main) { main.insertBefore(box, main.firstChild); }
    }
    box.className = "alert alert-" + (kind || "success");
    box.textContent = "";
    box.appendChild(el("p", { "class": "mb-0" }, text));
    if (kind !== "danger") {
      var more = el("a", { href: cfg.deviceUrl }, gettext("See what is waiting on this device"));
      var p = el("p", { "class": "mb-0 mt-1" });
      p.appendChild(more);
      box.appendChild(p);
    }
    return box;
  }
  function tellOthers() { if (channel) { channel.postMessage({ type: "changed" }); } }
  if (channel) { channel.onmessage = function () { renderStatus(); }; }

  // --- Sending --------------------------------------------------------------------------------
  var sending = null;
  function sendNow() {
    if (sending) { return sending; }
    sending = PortalSync.sendWaiting(syncConfig()).then(function (result) {
      sending = null;
      if (result.sent) {
        var box = document.querySelector("[data-offline-message]");
        if (box || currentForm() || document.querySelector("[data-device-queue]")) {
          announce(fill(ngettext("Sent: %(n)s session saved on this device has reached the portal.", "Sent: %(n)s sessions saved on this device have reached the portal.", result.sent), { n: result.sent }));
        }
      }
      return renderStatus().then(function () { tellOthers(); return result; });
    }, function (error) { sending = null; throw error; });
    return sending;
  }
  function sendIfWaiting() {
    if (!navigator.onLine) { return; }
    PortalStore.sessions().then(function (rows) {
      if (rows.some(function (r) { return r.state === "waiting"; })) { sendNow(); }
    });
  }
  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator)) { return; }
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync && reg.sync.register) { return reg.sync.register("send-sessions"); }
    })["catch"](function () { /* not offered by this browser: the page sends when back online */ });
  }
  window.addEventListener("online", function () { renderStatus(); sendIfWaiting(); });
  window.addEventListener("offline", renderStatus);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { sendIfWaiting(); }
  });

  // --- The service worker, the kept pages, the learners ---------------------------------------
  function keepFresh(reg) {
    if (!cfg.owner || !navigator.onLine) { return Promise.resolve(); }
    var pages = new Promise(function (resolve) {
      var worker = reg.active;
      if (!worker) { resolve(); return; }
      var pipe = new MessageChannel();
      pipe.port1.onmessage = function (e) { resolve(e.data); };
      // The page's translations too, so an offline page speaks the champion's language.
      var catalogue = document.querySelector("script[src*='/jsi18n/']");
      var extra = catalogue ? [new URL(catalogue.src).pathname + new URL(catalogue.src).search] : [];
      worker.postMessage({ type: "warm", owner: cfg.owner, extra: extra }, [pipe.port2]);
    });
    var learners = PortalStore.meta("learners").then(function (m) {
      if (m && m.owner === cfg.owner && Date.now() - m.at < LEARNERS_FRESH_FOR) { return; }
      return fetch(cfg.learnersUrl, { credentials: "same-origin", redirect: "manual", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) {
          if (json && json.owner === cfg.owner) { return PortalStore.replaceLearners(cfg.owner, json.learners, json.planned); }
        });
    });
    return Promise.all([withPatience(pages, 20000), learners])["catch"](function () { /* next page load tries again */ });
  }
  function watchForUpdates(reg) {
    function waitingWorker(worker) {
      if (!worker) { return; }
      var ready = function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) { updateWorker = worker; renderStatus(); }
      };
      worker.addEventListener("statechange", ready);
      ready();
    }
    waitingWorker(reg.waiting);
    reg.addEventListener("updatefound", function () { waitingWorker(reg.installing); });
  }
  if ("serviceWorker" in navigator && cfg.swUrl) {
    navigator.serviceWorker.register(cfg.swUrl, { scope: "/" }).then(function (reg) {
      watchForUpdates(reg);
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      return keepFresh(reg);
    }).then(function () {
      document.documentElement.setAttribute("data-offline-ready", "1");
    })["catch"](function () { /* no service worker: the portal still works online */ });
    navigator.serviceWorker.addEventListener("message", function (e) {
      if (e.data && e.data.type === "synced") { renderStatus(); }
    });
  }

  // Signed out (a page from the network with nobody signed in): the device keeps nothing of
  // anyone's but sessions not yet sent.
  function clearDevice() {
    var caches_ = window.caches ? caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("dcp-") === 0 && n.indexOf("dcp-static-") !== 0; })
        .map(function (n) { return caches["delete"](n); }));
    }) : Promise.resolve();
    return Promise.all([caches_, PortalStore.clearAllButSessions()]);
  }
  if (document.body.dataset.signedIn === "0" && navigator.onLine) { clearDevice(); }

  // --- A planned session completed on this device -------------------------------------------
  // The planned session whose "Record how it went" page this is ("" on any other page). Online
  // the page is the portal's, filled in by the portal; with no signal the service worker gives
  // the log form kept on this device instead (its draft key is not this session's), and it is
  // filled in here from the planned session kept on the device (store.js "planned").
  var plannedId = "";
  var fromDevice = false;
  (function () {
    if (!cfg.completeUrl) { return; }
    var pattern = new RegExp("^" + cfg.completeUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace("00000000-0000-0000-0000-000000000000", "([0-9a-f-]{36})") + "$");
    var found = location.pathname.match(pattern);
    var form = found && document.querySelector("form[data-session-form]");
    if (!form) { return; }
    plannedId = found[1];
    var key = form.dataset.draftKey || "";
    fromDevice = key.slice(-plannedId.length) !== plannedId;
    if (fromDevice) {
      // sessions.js runs after this script: it must not restore a new session's draft here,
      // nor keep this form's typing as one.
      form.setAttribute("data-draft-no-restore", "");
      form.dataset.draftKey = key + ":" + plannedId;
    }
  })();

  // The plan as the form's fields: completed, today (or the plan's day, if earlier), and when,
  // where, how and who as planned.
  function plannedRecord(plan) {
    var day = plan.date < today() ? plan.date : today();
    var labels = {};
    (plan.learners || []).forEach(function (l) { labels[l.id] = l.name; });
    return {
      labels: labels,
      fields: {
        status: ["completed"], date: [day], start_time: plan.start_time ? [plan.start_time] : [],
        duration_minutes: [String(plan.duration_minutes || "")], format: [plan.format], mode: [plan.mode],
        venue: [plan.venue || ""], topics: plan.topics || [], learners: Object.keys(labels)
      }
    };
  }
  // The log form kept on this device, as the planned session's "Record how it went" page.
  function dressAsCompletion(form, plan) {
    var heading = document.querySelector("main h1");
    var title = plan
      ? fill(gettext("Record how the session planned for %(day)s went"), { day: longDate(plan.date) })
      : gettext("Record how a planned session went");
    if (heading) {
      heading.textContent = title;
      var intro = heading.nextElementSibling;
      if (intro && intro.tagName === "P" && !intro.hasAttribute("data-offline-here")) { intro.hidden = true; }
    }
    var site = document.title.indexOf(" · ");
    document.title = title + (site === -1 ? "" : document.title.slice(site));
    form.querySelectorAll("button[name=another], fieldset[aria-describedby=loan-hint], [data-setting-summary]").forEach(function (n) { n.hidden = true; });
    var setting = form.querySelector("[data-setting-fields]");
    if (setting) { setting.hidden = false; setting.setAttribute("data-setting-open", ""); }
    var notes = form.querySelector("[name=notes]");
    if (notes && !form.querySelector("[data-offline-notes-hint]")) {
      var hint = el("p", { "class": "form-text", "data-offline-notes-hint": "" }, gettext("Notes you made when planning it are kept, unless you write new ones here."));
      notes.parentNode.appendChild(hint);
    }
  }
  function openPlanned(form) {
    if (!plannedId || !fromDevice) { return Promise.resolve(); }
    return PortalStore.plannedSession(plannedId).then(function (plan) {
      if (!plan || plan.owner !== cfg.owner) { plan = null; }
      dressAsCompletion(form, plan);
      if (new URLSearchParams(location.search).get("device")) { return; }  // a correction: its own fields
      if (!plan) {
        announce(gettext("This planned session is not kept on this device, so it cannot be filled in for you. Fill in how it went: it is checked when it is sent."), "warning");
        return;
      }
      restoreForm(form, plannedRecord(plan));
    });
  }
  // The home page's planned sessions: one completed on this device says so.
  function markCompletedHere() {
    var links = document.querySelectorAll("[data-planned-complete]");
    if (!links.length) { return Promise.resolve(); }
    return PortalStore.sessions().then(function (rows) {
      var done = {};
      rows.forEach(function (r) { if (r.kind === "completion") { done[r.plannedId] = true; } });
      links.forEach(function (link) {
        if (!done[link.dataset.plannedComplete] || link.dataset.completedHere) { return; }
        link.dataset.completedHere = "1";
        link.replaceWith(el("span", { "data-planned-complete": link.dataset.plannedComplete, "data-completed-here": "1" }, gettext("Recorded on this device: waiting to be sent")));
      });
    });
  }

  // --- The session and tally forms ------------------------------------------------------------
  function currentForm() {
    if (location.pathname === cfg.logUrl || plannedId) { return document.querySelector("form[data-session-form]"); }
    if (location.pathname === cfg.tallyUrl) { return document.querySelector("main form.session-form"); }
    return null;
  }
  function formKind() {
    if (plannedId) { return "completion"; }
    return location.pathname === cfg.tallyUrl ? "tally" : "session";
  }

  function readFields(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "q" || typeof value !== "string") { return; }
      (fields[name] = fields[name] || []).push(value);
    });
    return fields;
  }
  function one(fields, name) { return (fields[name] || [""])[0].trim(); }
  function many(fields, name) { return (fields[name] || []).filter(Boolean); }
  function intOrNull(text) { return /^\d+$/.test(text) ? parseInt(text, 10) : null; }
  function chosenLabels(form) {
    var labels = {};
    form.querySelectorAll("[data-learner-chosen] input:checked").forEach(function (input) {
      var label = form.querySelector("label[for='" + input.id + "']");
      labels[input.value] = label ? label.textContent.trim() : input.value;
    });
    return labels;
  }
  function radioLabel(form, name, value) {
    var input = form.querySelector("input[name=" + name + "][value='" + value + "']");
    var label = input && form.querySelector("label[for='" + input.id + "']");
    return label ? label.textContent.trim() : value;
  }

  // The form's fields as the API takes them, and what is plainly missing. Every other rule is
  // the portal's (sessions_log.services), asked when the session is sent.
  function buildSession(form) {
    var f = readFields(form);
    var problems = [];
    var status = one(f, "status") || "completed";
    var format = one(f, "format");
    var payload = {
      status: status, date: one(f, "date"), format: format, mode: one(f, "mode") || "in_person",
      venue: one(f, "venue"), learners: many(f, "learners"),
      new_learner_names: one(f, "new_learner_names").split(",").map(function (s) { return s.trim(); }).filter(Boolean),
      topics: many(f, "topics"), skill_areas: many(f, "skill_areas"), barriers: many(f, "barriers"),
      signposting: many(f, "signposting"), device_support: one(f, "device_support"),
      data_support: one(f, "data_support"), follow_up_needed: one(f, "follow_up_needed") === "on",
      follow_up_on: one(f, "follow_up_on") || null, notes: one(f, "notes")
    };
    var start = one(f, "start_time");
    if (start) { payload.start_time = start; }
    var duration = intOrNull(one(f, "duration_minutes"));
    if (duration === null || duration < 1 || duration > 480) { problems.push(["duration_minutes", gettext("Enter a duration between 1 minute and 8 hours.")]); }
    payload.duration_minutes = duration;
    if (!payload.date) { problems.push(["date", gettext("Enter the date of the session.")]); }
    else if (status !== "planned" && payload.date > today()) { problems.push(["date", gettext("The date of a session that has happened cannot be in the future.")]); }
    if (!format) { problems.push(["format", gettext("Choose who was there.")]); }
    var named = payload.learners.length + payload.new_learner_names.length;
    if (format === "one_to_one") {
      payload.anonymous_count = 0;
      payload.confidence_before = intOrNull(one(f, "confidence_before"));
      payload.confidence_after = intOrNull(one(f, "confidence_after"));
      var goal = one(f, "goal_met");
      payload.goal_met = goal === "yes" ? true : (goal === "no" ? false : null);
    } else if (format) {
      var total = intOrNull(one(f, "people_total"));
      if (total !== null) {
        if (total < named) { problems.push(["people_total", fill(gettext("You named %(named)s people but entered %(total)s in total. Enter everyone who was there, named or not."), { named: named, total: total })]); }
        payload.anonymous_count = Math.max(0, total - named);
      } else if (status === "completed" && !named) {
        problems.push(["people_total", gettext("Enter how many people were there, or name the learners who came.")]);
      }
    }
    if (status === "cancelled") {
      payload.cancel_reason = one(f, "cancel_reason");
      payload.cancel_note = one(f, "cancel_note");
      if (!payload.cancel_reason) { problems.push(["cancel_reason", gettext("Choose why the session was cancelled.")]); }
    }
    var labels = chosenLabels(form);
    var who = Object.keys(labels).map(function (k) { return labels[k]; }).concat(payload.new_learner_names);
    var summary = fill(gettext("%(format)s on %(day)s"), { format: radioLabel(form, "format", format), day: longDate(payload.date) });
    if (who.length) { summary += " · " + who.join(", "); }
    return { payload: payload, problems: problems, labels: labels, fields: f, summary: summary };
  }
  function buildTally(form) {
    var f = readFields(form);
    var problems = [];
    var count = intOrNull(one(f, "count"));
    var duration = intOrNull(one(f, "duration_minutes"));
    var payload = {
      status: "completed", format: "drop_in", mode: "in_person", date: one(f, "date"),
      duration_minutes: duration, venue: one(f, "venue"), topics: many(f, "topics"), anonymous_count: count
    };
    if (count === null || count < 1 || count > 500) { problems.push(["count", gettext("Enter how many people you helped, from 1 to 500.")]); }
    if (!payload.topics.length) { problems.push(["topics", gettext("Choose at least one topic.")]); }
    if (!payload.date) { problems.push(["date", gettext("Enter the date of the session.")]); }
    else if (payload.date > today()) { problems.push(["date", gettext("The date of a session that has happened cannot be in the future.")]); }
    if (duration === null || duration < 1 || duration > 480) { problems.push(["duration_minutes", gettext("Enter a duration between 1 minute and 8 hours.")]); }
    var summary = fill(ngettext("Quick tally on %(day)s: %(n)s person", "Quick tally on %(day)s: %(n)s people", count || 0), { day: longDate(payload.date), n: count || 0 });
    return { payload: payload, problems: problems, labels: {}, fields: f, summary: summary };
  }

  function showProblems(form, problems) {
    form.querySelectorAll("[aria-invalid=true]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    var box = el("div", { "class": "alert alert-danger", role: "alert", tabindex: "-1", "data-offline-problems": "" });
    box.appendChild(el("p", { "class": "mb-1" }, gettext("There is a problem. Correct it, then save again:")));
    var list = el("ul", { "class": "mb-0" });
    problems.forEach(function (p) {
      list.appendChild(el("li", {}, p[1]));
      var input = form.querySelector("[name=" + p[0] + "]");
      if (input) { input.setAttribute("aria-invalid", "true"); }
    });
    box.appendChild(list);
    var old = document.querySelector("[data-offline-problems]");
    if (old) { old.remove(); }
    form.parentNode.insertBefore(box, form);
    box.focus();
  }

  function addLearnerBox(form, id, label) {
    var box = form.querySelector("[data-learner-chosen]");
    if (!box) { return; }
    var existing = box.querySelector("input[value='" + id + "']");
    if (existing) { existing.checked = true; return; }
    var wrap = el("div", { "class": "form-check" });
    var input = el("input", { type: "checkbox", name: "learners", value: id, "class": "form-check-input", id: "learner-" + id });
    input.checked = true;
    wrap.appendChild(input);
    var lab = el("label", { "class": "form-check-label", "for": input.id }, label);
    wrap.appendChild(lab);
    box.appendChild(wrap);
  }
  function restoreForm(form, record) {
    var fields = record.fields || {};
    form.querySelectorAll("[data-learner-chosen] input").forEach(function (input) { input.checked = false; });
    (fields.learners || []).forEach(function (id) { addLearnerBox(form, id, (record.labels || {})[id] || id); });
    Array.prototype.forEach.call(form.elements, function (input) {
      var name = input.name;
      if (!name || name === "csrfmiddlewaretoken" || name === "q" || name === "learners" || input.type === "submit" || input.type === "button") { return; }
      var values = fields[name] || [];
      if (input.type === "checkbox" || input.type === "radio") { input.checked = values.indexOf(input.value) !== -1; }
      else { input.value = values[0] || ""; }
    });
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  var correcting = null;  // the record being corrected, opened from "On this device"
  var nativeSubmit = false;
  function forgetDraft(form) {
    if (form.dataset.draftKey) { try { localStorage.removeItem(form.dataset.draftKey); } catch (e) { /* nothing kept */ } }
  }
  function resetForm(form) {
    form.querySelectorAll("[data-learner-chosen] .form-check").forEach(function (n) { n.remove(); });
    form.reset();
    var results = form.querySelector("#learner-results");
    if (results) { results.textContent = ""; }
    form.dispatchEvent(new Event("change", { bubbles: true }));
    forgetDraft(form);
  }

  async function onSubmit(event) {
    var form = event.target;
    if (form !== currentForm() || nativeSubmit) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    var built = formKind() === "tally" ? buildTally(form) : buildSession(form);
    if (built.problems.length) { showProblems(form, built.problems); return; }
    var old = document.querySelector("[data-offline-problems]");
    if (old) { old.remove(); }
    if (!correcting && navigator.onLine && !fromDevice) {
      // Online and signed in: the page's own form, with its messages beside the fields.
      var state = await withPatience(PortalSync.currentState(syncConfig())["catch"](function () { return null; }), PROBE_PATIENCE);
      if (state && state.owner && state.owner === cfg.owner) {
        nativeSubmit = true;
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
        return;
      }
    }
    var kind = formKind();
    if (kind === "completion" && !built.payload.notes) { delete built.payload.notes; }  // the plan's stay
    // A completion opened on the log form (its planned session was recorded meanwhile) becomes
    // a new session, with a new id.
    var sameId = correcting && correcting.problem !== "conflict" && correcting.kind === kind;
    var record = {
      id: sameId ? correcting.id : uuid(),
      owner: correcting ? correcting.owner : cfg.owner,
      created: correcting ? correcting.created : Date.now(),
      kind: kind,
      plannedId: kind === "completion" ? plannedId : undefined,
      formUrl: location.pathname,
      payload: built.payload,
      fields: built.fields,
      labels: built.labels,
      summary: kind === "completion" ? fill(gettext("Planned session: %(summary)s"), { summary: built.summary }) : built.summary,
      state: "waiting",
      problem: "",
      errors: {}
    };
    if (correcting && record.id !== correcting.id) { await PortalStore.deleteSession(correcting.id); }
    await PortalStore.putSession(record);
    correcting = null;
    if (location.search) { history.replaceState(null, "", location.pathname); }
    resetForm(form);
    // A planned session is recorded once: its form is done with (a second save would be refused).
    if (kind === "completion") { form.hidden = true; }
    var box = announce(navigator.onLine && cfg.owner
      ? gettext("Saved on this device; it will be sent as soon as you are signed in and online.")
      : gettext("Saved on this device; it will be sent when you are back online."));
    box.focus();
    window.scrollTo(0, 0);
    await renderStatus();
    tellOthers();
    if (navigator.onLine) { await sendNow(); }
    // Gone from the device: the portal has it (sent by this page, another tab or the worker).
    var kept = await PortalStore.session(record.id);
    if (!kept) { announce(gettext("Sent: the portal has this session now.")); }
    else if (kept.state === "refused") { announce(reasonText(kept), "warning"); }
    else { askForBackgroundSync(); }
  }
  document.addEventListener("submit", function (event) {
    if (event.target === currentForm()) { onSubmit(event); }
  });

  function openCorrection(form) {
    var id = new URLSearchParams(location.search).get("device");
    if (!id) { return; }
    PortalStore.session(id).then(function (record) {
      if (!record) { return; }
      correcting = record;
      restoreForm(form, record);
      var box = announce(gettext("You are changing a session saved on this device.") + " " + reasonText(record), "warning");
      box.focus();
    });
  }

  // Learner search with no connection: the champion's own learners kept on this device.
  function offlineResults(query) {
    var target = document.getElementById("learner-results");
    if (!target) { return; }
    query = (query || "").trim().toLowerCase();
    target.textContent = "";
    if (!query) { return; }
    PortalStore.learners(cfg.owner).then(function (learners) {
      var found = learners.filter(function (l) { return l.name.toLowerCase().indexOf(query) !== -1; })
        .sort(function (a, b) { return a.name.localeCompare(b.name); }).slice(0, 8);
      target.textContent = "";
      if (!found.length) {
        target.appendChild(el("p", { "class": "mt-2 mb-0" }, fill(gettext("Nobody found for “%(query)s” on this device. Add them as a new learner below."), { query: query })));
        return;
      }
      var list = el("ul", { "class": "list-unstyled mt-2 mb-0" });
      found.forEach(function (l) {
        var li = el("li", { "class": "d-flex justify-content-between align-items-center border rounded p-2 mb-1" });
        li.appendChild(el("span", {}, l.name));
        var add = el("button", { type: "button", "class": "btn btn-sm btn-outline-primary", "data-add-learner": l.id, "data-label": l.name }, gettext("Add"));
        add.appendChild(el("span", { "class": "visually-hidden" }, " " + l.name));
        li.appendChild(add);
        list.appendChild(li);
      });
      target.appendChild(list);
    });
  }
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.detail.elt && e.detail.elt.id === "learner-search" && !navigator.onLine) {
      e.preventDefault();
      offlineResults(e.detail.elt.value);
    }
  });
  document.addEventListener("htmx:sendError", function (e) {
    if (e.detail.elt && e.detail.elt.id === "learner-search") { offlineResults(e.detail.elt.value); }
  });

  // --- Signing out ----------------------------------------------------------------------------
  function signOutDialog(count, form) {
    var dialog = el("dialog", { "class": "offline-dialog", "aria-labelledby": "offline-signout-title", "aria-describedby": "offline-signout-text" });
    dialog.appendChild(el("h2", { "class": "h5", id: "offline-signout-title" }, gettext("Sessions are waiting to be sent")));
    var text = el("p", { id: "offline-signout-text" }, fill(ngettext(
      "%(n)s session saved on this device has not reached the portal yet. If you sign out now, it stays on this device and is sent the next time you sign in here.",
      "%(n)s sessions saved on this device have not reached the portal yet. If you sign out now, they stay on this device and are sent the next time you sign in here.", count), { n: count }));
    dialog.appendChild(text);
    var actions = el("div", { "class": "d-flex flex-wrap gap-2" });
    var send = el("button", { type: "button", "class": "btn btn-primary" }, gettext("Send them now"));
    var anyway = el("button", { type: "button", "class": "btn btn-outline-secondary" }, gettext("Sign out anyway"));
    var cancel = el("button", { type: "button", "class": "btn btn-link" }, gettext("Cancel"));
    actions.appendChild(send); actions.appendChild(anyway); actions.appendChild(cancel);
    dialog.appendChild(actions);
    document.body.appendChild(dialog);
    send.disabled = !navigator.onLine;
    send.addEventListener("click", function () {
      send.disabled = true;
      sendNow().then(function () { return PortalStore.sessions(); }).then(function (rows) {
        var left = rows.filter(function (r) { return r.owner === cfg.owner; }).length;
        if (!left) { dialog.close(); signOut(form); return; }
        text.textContent = fill(ngettext("%(n)s session could not be sent. It stays on this device: see “On this device” to correct it, or sign out anyway.", "%(n)s sessions could not be sent. They stay on this device: see “On this device” to correct them, or sign out anyway.", left), { n: left });
        send.disabled = false;
      });
    });
    anyway.addEventListener("click", function () { dialog.close(); signOut(form); });
    cancel.addEventListener("click", function () { dialog.close(); dialog.remove(); });
    dialog.showModal();
  }
  function signOut(form) {
    withPatience(clearDevice(), 3000).then(function () { form.submit(); });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.action || new URL(form.action, location.href).pathname !== cfg.logoutUrl) { return; }
    event.preventDefault();
    PortalStore.sessions().then(function (rows) {
      var mine = rows.filter(function (r) { return r.owner === cfg.owner; }).length;
      if (mine) { signOutDialog(mine, form); } else { signOut(form); }
    }, function () { form.submit(); });
  }, true);

  // --- "On this device" -----------------------------------------------------------------------
  function renderDevice(rows) {
    var list = document.querySelector("[data-device-queue]");
    var summary = document.querySelector("[data-device-queue-summary]");
    var sendButton = document.querySelector("[data-device-send]");
    list.textContent = "";
    if (!rows.length) {
      summary.textContent = gettext("No sessions are waiting: everything logged on this device has reached the portal.");
    } else {
      summary.textContent = fill(ngettext("%(n)s session is kept on this device until the portal has it.", "%(n)s sessions are kept on this device until the portal has them.", rows.length), { n: rows.length });
    }
    rows.forEach(function (record) {
      var item = el("li", { "class": "border rounded p-2 mb-2", "data-device-session": record.id });
      item.appendChild(el("p", { "class": "mb-1 fw-bold" }, record.summary || gettext("A session")));
      item.appendChild(el("p", { "class": "mb-2 small" }, reasonText(record)));
      var actions = el("div", { "class": "d-flex flex-wrap gap-2" });
      if (record.owner === cfg.owner) {
        // A completion whose planned session is recorded or gone can only be a new session now.
        var asNew = record.kind === "completion" && (record.problem === "not_planned" || record.problem === "planned_gone");
        var open = el("a", {
          "class": "btn btn-sm btn-outline-primary",
          href: (asNew ? cfg.logUrl : (record.formUrl || cfg.logUrl)) + "?device=" + encodeURIComponent(record.id)
        }, asNew ? gettext("Log it as a new session") : gettext("Open and correct"));
        open.appendChild(el("span", { "class": "visually-hidden" }, " " + (record.summary || "")));
        actions.appendChild(open);
      }
      var discard = el("button", { type: "button", "class": "btn btn-sm btn-outline-danger" }, gettext("Discard"));
      discard.appendChild(el("span", { "class": "visually-hidden" }, " " + (record.summary || "")));
      discard.addEventListener("click", function () {
        if (!window.confirm(gettext("Discard this session? It has not reached the portal, and it will be gone for good."))) { return; }
        PortalStore.deleteSession(record.id).then(renderStatus).then(tellOthers);
      });
      actions.appendChild(discard);
      item.appendChild(actions);
      list.appendChild(item);
    });
    if (sendButton) {
      sendButton.hidden = !rows.some(function (r) { return r.state === "waiting" && r.owner === cfg.owner; });
      sendButton.disabled = !navigator.onLine;
    }
  }
  function renderKept() {
    var list = document.querySelector("[data-device-kept]");
    if (!list) { return; }
    PortalStore.kept().then(function (rows) {
      list.textContent = "";
      if (!rows.length) { list.appendChild(el("li", {}, gettext("Nothing from the toolkit is kept on this device yet."))); return; }
      rows.sort(function (a, b) { return a.title.localeCompare(b.title); }).forEach(function (row) {
        var item = el("li", { "class": "d-flex flex-wrap gap-2 align-items-center justify-content-between border rounded p-2 mb-2" });
        item.appendChild(el("a", { href: row.url }, row.title));
        var remove = el("button", { type: "button", "class": "btn btn-sm btn-outline-secondary" }, gettext("Remove"));
        remove.appendChild(el("span", { "class": "visually-hidden" }, " " + row.title));
        remove.addEventListener("click", function () { forgetResource(row).then(renderKept); });
        item.appendChild(remove);
        list.appendChild(item);
      });
    });
  }

  // --- The toolkit in the pocket --------------------------------------------------------------
  function toWorker(message) {
    return navigator.serviceWorker.ready.then(function (reg) {
      return new Promise(function (resolve) {
        var pipe = new MessageChannel();
        pipe.port1.onmessage = function (e) { resolve(e.data); };
        reg.active.postMessage(message, [pipe.port2]);
      });
    });
  }
  function forgetResource(row) {
    return toWorker({ type: "forget", url: row.url, files: row.files || [] }).then(function () { return PortalStore.deleteKept(row.url); });
  }
  function offerToKeep() {
    if (!/^\/toolkit\/r\/[0-9a-f-]{36}\/$/.test(location.pathname) || !("serviceWorker" in navigator)) { return; }
    var heading = document.querySelector("main h1");
    if (!heading) { return; }
    var files = [];
    document.querySelectorAll("main a[href$='/download/'], main img.resource-cover").forEach(function (n) {
      files.push(new URL(n.getAttribute("href") || n.getAttribute("src"), location.href).pathname);
    });
    var row = { url: location.pathname, title: heading.textContent.trim(), files: files };
    var wrap = el("div", { "class": "d-flex flex-wrap gap-2 align-items-center mb-3", "data-keep-offline": "" });
    var button = el("button", { type: "button", "class": "btn btn-sm btn-outline-primary" });
    var said = el("span", { "class": "small", role: "status" });
    wrap.appendChild(button); wrap.appendChild(said);
    heading.parentNode.insertBefore(wrap, heading.nextSibling);
    function show(kept) {
      button.textContent = kept ? gettext("Remove from this device") : gettext("Keep on this device");
      button.dataset.kept = kept ? "1" : "";
    }
    PortalStore.kept().then(function (rows) { show(rows.some(function (r) { return r.url === row.url; })); });
    button.addEventListener("click", function () {
      button.disabled = true;
      var work = button.dataset.kept
        ? forgetResource(row).then(function () { show(false); said.textContent = gettext("Removed from this device."); })
        : toWorker({ type: "keep", url: row.url, files: files }).then(function (answer) {
          if (!answer || !answer.ok) { said.textContent = gettext("This could not be kept: check your connection and try again."); return; }
          return PortalStore.putKept(Object.assign({ at: Date.now() }, row)).then(function () {
            show(true);
            said.textContent = files.length ? gettext("Kept: this page and its file open on this device with no Wi-Fi.") : gettext("Kept: this page opens on this device with no Wi-Fi.");
          });
        });
      work.then(function () { button.disabled = false; }, function () { button.disabled = false; said.textContent = gettext("This could not be kept: check your connection and try again."); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = currentForm();
    if (form) {
      openPlanned(form);
      openCorrection(form);
      // When the form could first be used, for bench/offline.py (ms from the navigation's start).
      document.documentElement.dataset.offlineFormReady = String(Math.round(performance.now()));
    }
    var device = document.querySelector("[data-device-queue]");
    if (device) {
      if (!navigator.onLine) {
        var here = document.querySelector("[data-offline-here]");
        if (here) {
          if (location.pathname !== cfg.deviceUrl) { here.textContent = gettext("You are offline, and this page is not kept on this device. Here is what is."); }
          here.classList.remove("d-none");
        }
      }
      var send = document.querySelector("[data-device-send]");
      if (send) { send.addEventListener("click", function () { send.disabled = true; sendNow(); }); }
      renderKept();
    }
    offerToKeep();
    markCompletedHere();
    renderStatus().then(sendIfWaiting);
  });
})();
