// The service worker's code. /sw.js (core/offline/views.py) sets self.PORTAL_OFFLINE — this
// release's name, the files and pages to keep, the URLs — and imports this file.
//
// Caches carry the release in their names; a new release installs beside the old one, waits
// until the page's "Update now" (or every tab is closed), then deletes the old caches. Kept
// toolkit resources are carried over into the new release's cache.
/* global PortalStore, PortalSync */
"use strict";
var CONFIG = self.PORTAL_OFFLINE;
importScripts(CONFIG.storeScript, CONFIG.syncScript);

var STATIC_CACHE = "dcp-static-" + CONFIG.release;
var PAGES_CACHE = "dcp-pages-" + CONFIG.release;
var KEPT_CACHE = "dcp-kept-" + CONFIG.release;
var CURRENT = [STATIC_CACHE, PAGES_CACHE, KEPT_CACHE];
// A page kept for use offline is fetched again when older than this.
var PAGES_FRESH_FOR = 15 * 60 * 1000;
// On a weak signal the network is given this long before a kept copy is shown.
var NETWORK_PATIENCE = 6000;
var NEVER_CACHED = [CONFIG.stateUrl, CONFIG.sessionsUrl, CONFIG.batchUrl, CONFIG.learnersUrl, "/sw.js", "/api/", "/accounts/"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    return cache.addAll(CONFIG.precache);
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    // Control the open pages first: the tidying below waits on IndexedDB and the caches, and a
    // page must not wait for it to be able to save offline.
    await self.clients.claim();
    var names = await caches.keys();
    var kept = await caches.open(KEPT_CACHE);
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      if (name.indexOf("dcp-") !== 0 || CURRENT.indexOf(name) !== -1) { continue; }
      if (name.indexOf("dcp-kept-") === 0) {
        // What the champion chose to keep survives a release.
        var old = await caches.open(name);
        var requests = await old.keys();
        for (var j = 0; j < requests.length; j++) {
          var response = await old.match(requests[j]);
          if (response) { await kept.put(requests[j], response); }
        }
      }
      await caches["delete"](name);
    }
    await PortalStore.putMeta({ key: "pages", owner: "", at: 0 });  // fetch the pages again
  })());
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var reply = function (answer) { if (event.ports && event.ports[0]) { event.ports[0].postMessage(answer); } };
  if (data.type === "skip-waiting") { self.skipWaiting(); return; }
  if (data.type === "warm") { event.waitUntil(warm(data).then(reply, function (e) { reply({ ok: false, error: String(e) }); })); return; }
  if (data.type === "keep") { event.waitUntil(keep(data).then(reply, function (e) { reply({ ok: false, error: String(e) }); })); return; }
  if (data.type === "forget") { event.waitUntil(forget(data).then(reply)); return; }
  if (data.type === "sign-out") { event.waitUntil(clearForSignOut().then(reply)); return; }
});

// The pages for working with no signal, fetched for the person signed in. A page that answers
// with anything but itself (the sign-in page, a 403) is not kept.
async function warm(data) {
  var meta = await PortalStore.meta("pages");
  var fresh = meta && meta.owner === data.owner && Date.now() - meta.at < PAGES_FRESH_FOR;
  if (fresh && !data.force) { return { ok: true, cached: false }; }
  var cache = await caches.open(PAGES_CACHE);
  var urls = CONFIG.pages.concat(data.extra || []);
  var done = 0;
  for (var i = 0; i < urls.length; i++) {
    try {
      var response = await fetch(urls[i], { credentials: "same-origin", redirect: "manual", cache: "no-store" });
      if (response.ok && response.type === "basic") { await cache.put(urls[i], response); done++; }
    } catch (e) { return { ok: false, cached: done }; }
  }
  await PortalStore.putMeta({ key: "pages", owner: data.owner, at: Date.now() });
  return { ok: true, cached: done };
}

async function keep(data) {
  var cache = await caches.open(KEPT_CACHE);
  var urls = [data.url].concat(data.files || []);
  for (var i = 0; i < urls.length; i++) {
    var response = await fetch(urls[i], { credentials: "same-origin", redirect: "manual", cache: "no-store" });
    if (!response.ok || response.type !== "basic") { return { ok: false }; }
    await cache.put(urls[i], response);
  }
  return { ok: true };
}

async function forget(data) {
  var cache = await caches.open(KEPT_CACHE);
  var urls = [data.url].concat(data.files || []);
  for (var i = 0; i < urls.length; i++) { await cache["delete"](urls[i]); }
  return { ok: true };
}

async function clearForSignOut() {
  var names = await caches.keys();
  for (var i = 0; i < names.length; i++) {
    if (names[i].indexOf("dcp-") === 0 && names[i] !== STATIC_CACHE) { await caches["delete"](names[i]); }
  }
  return { ok: true };
}

// The API, sign-in and the sync's own questions always go to the network, never to a cache.
function neverCached(url) {
  return NEVER_CACHED.some(function (path) {
    return url.pathname === path || (path.slice(-1) === "/" && url.pathname.indexOf(path) === 0);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || neverCached(url)) { return; }
  if (url.pathname.indexOf(CONFIG.staticUrl) === 0) {
    event.respondWith(staticFirst(request));
    return;
  }
  event.respondWith(networkThenKept(request, request.mode === "navigate"));
});

// Static files have the release's content (hashed names in production): the cache first.
async function staticFirst(request) {
  var cache = await caches.open(STATIC_CACHE);
  var found = await cache.match(request, { ignoreVary: true });
  if (found) { return found; }
  var response = await fetch(request);
  if (response.ok && response.type === "basic") { cache.put(request, response.clone()); }
  return response;
}

// Looked up by cache name, so a cache emptied at sign-out is not made again by asking.
async function keptCopy(request, navigation) {
  var options = { ignoreVary: true, ignoreSearch: navigation, cacheName: PAGES_CACHE };
  var found = await caches.match(request, options);
  if (found) { return found; }
  return caches.match(request, Object.assign(options, { cacheName: KEPT_CACHE }));
}

var COMPLETE = new RegExp("^" + CONFIG.completeUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  .replace("00000000-0000-0000-0000-000000000000", "[0-9a-f-]{36}") + "$");
function completing(url) { return COMPLETE.test(url.pathname); }

// Everything else: the network first, so what is shown is current; with no connection (or no
// answer within NETWORK_PATIENCE when a copy is kept) the kept copy; for a page not kept, the
// "On this device" page, which says so.
async function networkThenKept(request, navigation) {
  var copy = await keptCopy(request, navigation);
  var network = fetch(request);
  network["catch"](function () { /* answered from the kept copy below */ });
  try {
    if (!copy) { return await network; }
    var timer;
    var late = new Promise(function (resolve) { timer = setTimeout(function () { resolve(null); }, NETWORK_PATIENCE); });
    var answer = await Promise.race([network, late]);
    clearTimeout(timer);
    return answer || copy;
  } catch (e) {
    if (copy) { return copy; }
    if (navigation) {
      // A planned session's "Record how it went": the log form, which page.js fills in from
      // the planned session kept on the device.
      var page = completing(new URL(request.url)) ? CONFIG.logUrl : CONFIG.fallback;
      var fallback = await caches.match(page, { ignoreSearch: true, ignoreVary: true, cacheName: PAGES_CACHE });
      if (fallback) { return fallback; }
    }
    return Response.error();
  }
}

// Background Sync: the browser wakes the worker when the connection returns, even with no page
// open, and the waiting sessions are sent.
self.addEventListener("sync", function (event) {
  if (event.tag !== "send-sessions") { return; }
  event.waitUntil(PortalSync.sendWaiting({
    stateUrl: CONFIG.stateUrl, batchUrl: CONFIG.batchUrl, learnersUrl: CONFIG.learnersUrl
  }).then(function (result) {
    return self.clients.matchAll().then(function (clients) {
      clients.forEach(function (client) { client.postMessage({ type: "synced", result: result }); });
    });
  }));
});
