// Sending the sessions waiting on this device, for pages and the service worker alike (no DOM).
// Each goes to the API (POST /api/v1/sessions/) with its device-made id as the Idempotency-Key:
// the portal answers a repeat with the first result, so a send cut off half-way, two tabs, or a
// queue sent again after a crash never store a session twice. A session leaves the device only
// when the portal confirms it (2xx); one it refuses stays, with the reason, until the champion
// corrects it or discards it. A Web Lock keeps two tabs (or a tab and the worker) from sending at
// the same time.
(function (root) {
  "use strict";
  var Store = root.PortalStore;
  var LOCK = "dcp-send-sessions";

  // What went wrong, as a code the page turns into words (static/js/offline/page.js).
  var PROBLEM = {
    SIGNED_OUT: "signed_out",      // 401, or sent to the sign-in page: sent again after signing in
    MEMBERSHIP: "membership",      // 403: no longer a member of the organisation
    REFUSED: "refused",            // 400: the portal's rules, field by field
    LEARNER_GONE: "learner_gone",  // a learner erased (or no longer theirs) while it waited
    CONFLICT: "conflict",          // 422: this id was already used for other details
    OTHER_OWNER: "other_owner"     // saved by someone else, or in another organisation
  };

  function fetchJson(url, options) {
    return fetch(url, Object.assign({ credentials: "same-origin", redirect: "manual", cache: "no-store" }, options || {}))
      .then(function (response) {
        if (response.type === "opaqueredirect") { return { response: response, json: null, redirected: true }; }
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          return { response: response, json: json, redirected: false };
        });
      });
  }

  // Who is signed in now, with a fresh CSRF token; null when there is no connection.
  function currentState(config) {
    return fetchJson(config.stateUrl, { headers: { Accept: "application/json" } })
      .then(function (answer) {
        if (answer.redirected || !answer.response.ok || !answer.json) { return { signed_in: false, owner: "" }; }
        return answer.json;
      }, function () { return null; });
  }

  function post(config, record, token) {
    return fetchJson(config.sessionsUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": token,
        "Idempotency-Key": record.id
      },
      body: JSON.stringify(record.payload)
    });
  }

  function isCsrfRefusal(answer) {
    var detail = answer.json && answer.json.detail;
    return answer.response.status === 403 && typeof detail === "string" && detail.indexOf("CSRF") !== -1;
  }

  // A 400 about learners: is one of this session's learners no longer the champion's (erased)?
  function goneLearners(config, record) {
    var wanted = (record.payload && record.payload.learners) || [];
    if (!wanted.length || !config.learnersUrl) { return Promise.resolve([]); }
    return fetchJson(config.learnersUrl, { headers: { Accept: "application/json" } }).then(function (answer) {
      if (!answer.json || !answer.json.learners) { return []; }
      var still = {};
      answer.json.learners.forEach(function (l) { still[l.id] = true; });
      return wanted.filter(function (id) { return !still[id]; });
    }, function () { return []; });
  }

  function refuse(record, problem, errors, extra) {
    return Store.updateSession(record.id, Object.assign({
      state: "refused", problem: problem, errors: errors || {}, triedAt: Date.now()
    }, extra || {}));
  }

  // Sessions are started in the order they were logged, a few at a time (WINDOW): one slow
  // answer on a weak signal does not hold up the rest. Each has its own Idempotency-Key, so the
  // order of their answers changes nothing stored.
  var WINDOW = 3;

  async function sendOne(config, record, auth) {
    var answer;
    try {
      answer = await post(config, record, auth.token);
    } catch (e) {
      return "offline";  // the connection went: it stays, and is sent next time
    }
    var status = answer.response.status;
    if (answer.redirected || status === 401) {
      await Store.updateSession(record.id, { problem: PROBLEM.SIGNED_OUT });
      return "signed_out";
    }
    if (isCsrfRefusal(answer) && !auth.retried) {
      auth.retried = true;
      var fresh = await currentState(config);
      if (fresh && fresh.csrf) { auth.token = fresh.csrf; return sendOne(config, record, auth); }
    }
    if (status === 200 || status === 201) {
      await Store.deleteSession(record.id);
      return "sent";
    }
    if (status === 400 || status === 404) {
      var errors = (answer.json && typeof answer.json === "object") ? answer.json : {};
      var gone = (status === 404 || errors.learners) ? await goneLearners(config, record) : [];
      if (gone.length) {
        await refuse(record, PROBLEM.LEARNER_GONE, errors, { goneLearners: gone });
      } else {
        await refuse(record, PROBLEM.REFUSED, errors);
      }
      return "refused";
    }
    if (status === 403) { await refuse(record, PROBLEM.MEMBERSHIP, answer.json || {}); return "refused"; }
    if (status === 422) { await refuse(record, PROBLEM.CONFLICT, answer.json || {}); return "refused"; }
    return "busy";  // 429, 5xx: the portal is busy or down. It stays; try again later.
  }

  async function sendAll(config) {
    var result = { sent: 0, refused: 0, waiting: 0, stopped: "" };
    var state = await currentState(config);
    if (state === null) { result.stopped = "offline"; return result; }
    var rows = (await Store.sessions()).filter(function (r) { return r.state === "waiting"; });
    if (!state.owner) {
      for (var i = 0; i < rows.length; i++) {
        await Store.updateSession(rows[i].id, { problem: PROBLEM.SIGNED_OUT });
      }
      result.stopped = "signed_out";
      result.waiting = rows.length;
      return result;
    }
    var mine = [];
    for (var j = 0; j < rows.length; j++) {
      if (rows[j].owner === state.owner) { mine.push(rows[j]); continue; }
      if (rows[j].problem !== PROBLEM.OTHER_OWNER) { await Store.updateSession(rows[j].id, { problem: PROBLEM.OTHER_OWNER }); }
      result.waiting++;
    }
    var auth = { token: state.csrf, retried: false };
    var next = 0;
    async function lane() {
      while (next < mine.length && !result.stopped) {
        var outcome = await sendOne(config, mine[next++], auth);
        if (outcome === "sent") { result.sent++; }
        else if (outcome === "refused") { result.refused++; }
        else { result.stopped = outcome; }
      }
    }
    var lanes = [];
    for (var k = 0; k < Math.min(WINDOW, mine.length); k++) { lanes.push(lane()); }
    await Promise.all(lanes);
    result.waiting += mine.length - result.sent - result.refused;
    return result;
  }

  // Send what is waiting. While another tab (or the worker) sends, wait for it to finish: the
  // queue is read again inside the lock, so what it sent is gone and nothing is sent twice.
  function sendWaiting(config) {
    var locks = root.navigator && root.navigator.locks;
    if (locks && locks.request) {
      return locks.request(LOCK, function () { return sendAll(config); });
    }
    return sendAll(config);
  }

  root.PortalSync = { sendWaiting: sendWaiting, PROBLEM: PROBLEM, currentState: currentState };
})(self);
