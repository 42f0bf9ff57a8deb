// Sending the sessions waiting on this device, for pages and the service worker alike (no DOM).
// They go to the API in batches (POST /api/v1/sessions/batch/), each item with its device-made
// id as its Idempotency-Key and answered as its own request would be: the portal answers a
// repeat with the first result, so a send cut off half-way, two tabs, or a queue sent again
// after a crash never store a session twice. An item is a new session, or a planned session
// completed on this device ("complete": the planned session's id). A session leaves the device
// only when the portal confirms it (2xx); one it refuses stays, with the reason, until the
// champion corrects it or discards it. A Web Lock keeps two tabs (or a tab and the worker) from
// sending at the same time.
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
    OTHER_OWNER: "other_owner",    // saved by someone else, or in another organisation
    NOT_PLANNED: "not_planned",    // 409: the planned session's outcome was recorded meanwhile
    PLANNED_GONE: "planned_gone"   // 404/403 for a completion: the planned session is not theirs now
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

  function item(record) {
    var entry = { key: record.id, session: record.payload };
    if (record.kind === "completion") { entry.complete = record.plannedId; }
    return entry;
  }

  function post(config, records, token) {
    return fetchJson(config.batchUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ items: records.map(item) })
    });
  }

  function isCsrfRefusal(answer) {
    var detail = answer.json && answer.json.detail;
    return answer.response.status === 403 && typeof detail === "string" && detail.indexOf("CSRF") !== -1;
  }

  // A 400 about learners: is one of this session's learners no longer the champion's (erased)?
  // The champion's list is asked once per send, however many sessions it refused.
  function goneLearners(config, record, auth) {
    var wanted = (record.payload && record.payload.learners) || [];
    if (!wanted.length || !config.learnersUrl) { return Promise.resolve([]); }
    if (!auth.still) {
      auth.still = fetchJson(config.learnersUrl, { headers: { Accept: "application/json" } }).then(function (answer) {
        if (!answer.json || !answer.json.learners) { return null; }
        var still = {};
        answer.json.learners.forEach(function (l) { still[l.id] = true; });
        return still;
      }, function () { return null; });
    }
    return auth.still.then(function (still) {
      return still ? wanted.filter(function (id) { return !still[id]; }) : [];
    });
  }

  function refuse(record, problem, errors, extra) {
    return Store.updateSession(record.id, Object.assign({
      state: "refused", problem: problem, errors: errors || {}, triedAt: Date.now()
    }, extra || {}));
  }

  // One session's answer, as its own request's status and body: "sent" (the caller deletes it
  // from the device), or kept with the reason.
  async function settle(config, record, status, body, auth) {
    body = (body && typeof body === "object") ? body : {};
    if (status === 200 || status === 201) { return "sent"; }
    if (record.kind === "completion" && status === 409) {
      await refuse(record, PROBLEM.NOT_PLANNED, body, { nowStatus: body.status || "" });
      return "refused";
    }
    if (record.kind === "completion" && (status === 404 || status === 403)) {
      await refuse(record, PROBLEM.PLANNED_GONE, body);
      return "refused";
    }
    if (status === 400 || status === 404) {
      var gone = (status === 404 || body.learners) ? await goneLearners(config, record, auth) : [];
      if (gone.length) {
        await refuse(record, PROBLEM.LEARNER_GONE, body, { goneLearners: gone });
      } else {
        await refuse(record, PROBLEM.REFUSED, body);
      }
      return "refused";
    }
    if (status === 403) { await refuse(record, PROBLEM.MEMBERSHIP, body); return "refused"; }
    if (status === 422) { await refuse(record, PROBLEM.CONFLICT, body); return "refused"; }
    return "busy";  // 429, 5xx: the portal is busy or down. It stays; try again later.
  }

  // Sessions are sent in the order they were logged, BATCH to a request, and WINDOW requests
  // at a time: one request carries many sessions, and one slow answer on a weak signal does
  // not hold up the rest. Each has its own key, so the order of their answers changes nothing
  // stored.
  var BATCH = 10;
  var WINDOW = 2;

  async function sendBatch(config, records, auth, result) {
    var answer;
    try {
      answer = await post(config, records, auth.token);
    } catch (e) {
      return "offline";  // the connection went: they stay, and are sent next time
    }
    var status = answer.response.status;
    var i;
    if (answer.redirected || status === 401) {
      for (i = 0; i < records.length; i++) { await Store.updateSession(records[i].id, { problem: PROBLEM.SIGNED_OUT }); }
      return "signed_out";
    }
    if (isCsrfRefusal(answer) && !auth.retried) {
      auth.retried = true;
      var fresh = await currentState(config);
      if (fresh && fresh.csrf) { auth.token = fresh.csrf; return sendBatch(config, records, auth, result); }
    }
    if (status === 403) {
      for (i = 0; i < records.length; i++) { await refuse(records[i], PROBLEM.MEMBERSHIP, answer.json || {}); }
      result.refused += records.length;
      return "";
    }
    var results = status === 200 && answer.json && answer.json.results;
    if (!Array.isArray(results)) { return "busy"; }
    var byKey = {};
    results.forEach(function (r) { byKey[r.key] = r; });
    var stopped = "";
    var sent = [];
    for (i = 0; i < records.length; i++) {
      var one = byKey[records[i].id];
      if (!one) { continue; }  // not answered: it stays, and is sent next time
      var outcome = await settle(config, records[i], one.status, one.body, auth);
      if (outcome === "sent") { sent.push(records[i].id); }
      else if (outcome === "refused") { result.refused++; }
      else { stopped = outcome; }
    }
    if (sent.length) {
      await Store.deleteSessions(sent);
      result.sent += sent.length;
    }
    return stopped;
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
    var batches = [];
    for (var b = 0; b < mine.length; b += BATCH) { batches.push(mine.slice(b, b + BATCH)); }
    var auth = { token: state.csrf, retried: false, still: null };
    var next = 0;
    async function lane() {
      while (next < batches.length && !result.stopped) {
        var stopped = await sendBatch(config, batches[next++], auth, result);
        if (stopped) { result.stopped = stopped; }
      }
    }
    var lanes = [];
    for (var k = 0; k < Math.min(WINDOW, batches.length); k++) { lanes.push(lane()); }
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
