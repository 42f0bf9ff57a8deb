// What this device keeps for working with no signal, in IndexedDB. Loaded by pages and by the
// service worker (importScripts), so it touches no DOM. Stores:
//   sessions  sessions waiting to be sent (key: the id made on this device, also the
//             Idempotency-Key the portal stores, so a session is never stored twice)
//   learners  the signed-in champion's own learners: display name and id only
//   planned   their planned sessions due today, to complete with no signal: when, where, how,
//             and the learners' display names and ids (no notes)
//   kept      toolkit resources kept on this device (the page and its file are in a cache)
//   meta      small facts: whose pages are cached, when the learners were fetched
(function (root) {
  "use strict";
  var NAME = "dcp-offline";
  var VERSION = 2;
  var opening = null;

  function open() {
    if (opening) { return opening; }
    opening = new Promise(function (resolve, reject) {
      if (!root.indexedDB) { reject(new Error("IndexedDB is not available")); return; }
      var request = root.indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains("sessions")) {
          db.createObjectStore("sessions", { keyPath: "id" }).createIndex("created", "created");
        }
        if (!db.objectStoreNames.contains("learners")) {
          db.createObjectStore("learners", { keyPath: "id" }).createIndex("owner", "owner");
        }
        if (!db.objectStoreNames.contains("planned")) { db.createObjectStore("planned", { keyPath: "id" }); }
        if (!db.objectStoreNames.contains("kept")) { db.createObjectStore("kept", { keyPath: "url" }); }
        if (!db.objectStoreNames.contains("meta")) { db.createObjectStore("meta", { keyPath: "key" }); }
      };
      request.onsuccess = function () {
        var db = request.result;
        // Another tab (or a new service worker) may upgrade: let it, and open again next time.
        db.onversionchange = function () { db.close(); opening = null; };
        resolve(db);
      };
      request.onerror = function () { opening = null; reject(request.error); };
    });
    return opening;
  }

  function run(storeNames, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(storeNames, mode);
        var result;
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new Error("aborted")); };
        var stores = [].concat(storeNames).map(function (n) { return tx.objectStore(n); });
        work.apply(null, stores.concat([function (value) { result = value; }]));
      });
    });
  }

  function all(storeName) {
    return run(storeName, "readonly", function (store, done) {
      var request = store.getAll();
      request.onsuccess = function () { done(request.result || []); };
    });
  }

  var Store = {
    // Sessions, oldest first: they are sent in the order they were logged.
    sessions: function () {
      return all("sessions").then(function (rows) {
        return rows.sort(function (a, b) { return a.created - b.created || (a.id < b.id ? -1 : 1); });
      });
    },
    session: function (id) {
      return run("sessions", "readonly", function (store, done) {
        var request = store.get(id);
        request.onsuccess = function () { done(request.result || null); };
      });
    },
    putSession: function (record) {
      return run("sessions", "readwrite", function (store, done) { store.put(record); done(record); });
    },
    // Change a stored session only if it is still there (a confirmed one is gone for good).
    updateSession: function (id, changes) {
      return run("sessions", "readwrite", function (store, done) {
        var request = store.get(id);
        request.onsuccess = function () {
          if (!request.result) { done(null); return; }
          var record = Object.assign(request.result, changes);
          store.put(record);
          done(record);
        };
      });
    },
    deleteSession: function (id) {
      return run("sessions", "readwrite", function (store, done) { store["delete"](id); done(true); });
    },
    // Several at once, in one transaction: a batch the portal confirmed.
    deleteSessions: function (ids) {
      return run("sessions", "readwrite", function (store, done) {
        ids.forEach(function (id) { store["delete"](id); });
        done(ids.length);
      });
    },
    learners: function (owner) {
      return all("learners").then(function (rows) {
        return rows.filter(function (row) { return row.owner === owner; });
      });
    },
    planned: function (owner) {
      return all("planned").then(function (rows) {
        return rows.filter(function (row) { return row.owner === owner; });
      });
    },
    plannedSession: function (id) {
      return run("planned", "readonly", function (store, done) {
        var request = store.get(id);
        request.onsuccess = function () { done(request.result || null); };
      });
    },
    // The champion's lists replace what was kept: someone no longer theirs (or erased), or a
    // session no longer planned for today, goes.
    replaceLearners: function (owner, learners, planned) {
      return run(["learners", "planned", "meta"], "readwrite", function (store, plans, meta, done) {
        store.clear();
        plans.clear();
        learners.forEach(function (l) { store.put({ id: l.id, name: l.name, owner: owner }); });
        (planned || []).forEach(function (p) { plans.put(Object.assign({}, p, { owner: owner })); });
        meta.put({ key: "learners", owner: owner, at: Date.now() });
        done(learners.length);
      });
    },
    kept: function () { return all("kept"); },
    putKept: function (record) {
      return run("kept", "readwrite", function (store, done) { store.put(record); done(record); });
    },
    deleteKept: function (url) {
      return run("kept", "readwrite", function (store, done) { store["delete"](url); done(true); });
    },
    meta: function (key) {
      return run("meta", "readonly", function (store, done) {
        var request = store.get(key);
        request.onsuccess = function () { done(request.result || null); };
      });
    },
    putMeta: function (record) {
      return run("meta", "readwrite", function (store, done) { store.put(record); done(record); });
    },
    // Signing out: everything goes except sessions not yet sent.
    clearAllButSessions: function () {
      return run(["learners", "planned", "kept", "meta"], "readwrite", function (learners, planned, kept, meta, done) {
        learners.clear(); planned.clear(); kept.clear(); meta.clear(); done(true);
      });
    }
  };
  root.PortalStore = Store;
})(self);
