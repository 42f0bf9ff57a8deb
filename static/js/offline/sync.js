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

  async function sendAll(config) {
    var result = { sent: 0, refused: 0, waiting: 0, stopped: "" , results: [] };
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
    var token = state.csrf;
    var retriedToken = false;
    for (var n = 0; n < rows.length; n++) {
      var record = rows[n];
      if (record.owner !== state.owner) {
        if (record.problem !== PROBLEM.OTHER_OWNER) { await Store.updateSession(record.id, { problem: PROBLEM.OTHER_OWNER }); }
        result.waiting++;
        continue;
      }
      var answer;
      try {
        answer = await post(config, record, token);
      } catch (e) {
        result.stopped = "offline";  // the connection went: it stays, and is sent next time
        result.waiting += rows.length - n;
        return result;
      }
      var status = answer.response.status;
      if (answer.redirected || status === 401) {
        await Store.updateSession(record.id, { problem: PROBLEM.SIGNED_OUT });
        result.stopped = "signed_out";
        result.waiting += rows.length - n;
        return result;
      }
      if (isCsrfRefusal(answer) && !retriedToken) {
        retriedToken = true;
        var fresh = await currentState(config);
        if (fresh && fresh.csrf) { token = fresh.csrf; n--; continue; }
      }
      if (status === 200 || status === 201) {
        await Store.deleteSession(record.id);
        result.sent++;
        result.results.push({ id: record.id, session: answer.json && answer.json.id, kind: record.kind });
        continue;
      }
      if (status === 400 || status === 404) {
        var errors = (answer.json && typeof answer.json === "object") ? answer.json : {};
        var gone = (status === 404 || errors.learners) ? await goneLearners(config, record) : [];
        if (gone.length) {
          await refuse(record, PROBLEM.LEARNER_GONE, errors, { goneLearners: gone });
        } else {
          await refuse(record, PROBLEM.REFUSED, errors);
        }
        result.refused++;
        continue;
      }
      if (status === 403) {
        await refuse(record, PROBLEM.MEMBERSHIP, answer.json || {});
        result.refused++;
        continue;
      }
      if (status === 422) {
        await refuse(record, PROBLEM.CONFLICT, answer.json || {});
        result.refused++;
        continue;
      }
      // 429, 5xx: the portal is busy or down. Everything stays; try again later.
      result.stopped = "busy";
      result.waiting += rows.length - n;
      return result;
    }
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
