/* global self, caches, fetch, URL, Headers, Response */
// Cockpit's service worker: keeps the app shell and the last copy of each page this device opened, for reading offline.
// Small on purpose: GET only, same origin only, never /api/*, and every cached page is dropped on sign-in/sign-out.
const VERSION = "cockpit-v1";
const PAGES = `${VERSION}-pages`;
const STATIC = `${VERSION}-static`;
// Keep equal to SNAPSHOT_META_NAME in lib/pwa/snapshot.ts: the page reads it to show "Offline — as of …".
const SNAPSHOT_META = "cockpit-offline-snapshot";
const SNAPSHOT_HEADER = "x-cockpit-snapshot-at";
const SHELL = ["/manifest.webmanifest", "/icons/icon-light.svg", "/icons/icon-light-192.png", "/icons/icon-dark-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => !k.startsWith(`${VERSION}-`)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Whoever signs in or out next must never read the previous person's pages.
  if (request.method === "POST" && (url.pathname === "/api/auth/sign-out" || url.pathname === "/api/auth/sign-in")) {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET" || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (request.mode === "navigate") event.respondWith(networkFirstPage(request));
});

/** Content-hashed files never change under their name: the cache is as good as the network. */
async function cacheFirst(request) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

/** Always the network while there is one; its copy (stamped with the time) is what the device shows offline. */
async function networkFirstPage(request) {
  let response;
  try {
    response = await fetch(request);
  } catch {
    return offlinePage(request);
  }
  const type = response.headers.get("content-type") || "";
  if (response.redirected && new URL(response.url).pathname === "/sign-in") {
    await caches.delete(PAGES); // the session ended: what was cached belongs to someone no longer signed in
  } else if (response.ok && !response.redirected && response.type === "basic" && type.startsWith("text/html")) {
    const headers = new Headers(response.headers);
    headers.set(SNAPSHOT_HEADER, new Date().toISOString());
    const body = await response.clone().arrayBuffer();
    const cache = await caches.open(PAGES);
    await cache.put(request.url, new Response(body, { status: response.status, headers }));
  }
  return response;
}

/** The last copy of the page, marked as a snapshot so the page says how old it is and never claims to be live. */
async function offlinePage(request) {
  const cache = await caches.open(PAGES);
  const cached = await cache.match(request.url);
  if (!cached) {
    const text = "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'><title>Offline · Cockpit</title>"
      + "<main style='font-family:system-ui;padding:2rem'><h1>Offline</h1><p>This page was never opened on this device, so there is no copy to show. "
      + "Reconnect and try again.</p><p><a href='/'>Overview</a></p></main>";
    return new Response(text, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  }
  const at = cached.headers.get(SNAPSHOT_HEADER) || "";
  const html = (await cached.text()).replace(/<head[^>]*>/i, (head) => `${head}<meta name="${SNAPSHOT_META}" content="${at}">`);
  return new Response(html, { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

// Web Push (lib/notify/push/payload.ts is the payload's shape): one notification per alert, replaced by its repeats.
self.addEventListener("push", (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: "Cockpit", body: event.data ? event.data.text() : "" };
  }
  const actions = data.ackUrl ? [{ action: "acknowledge", title: "Acknowledge" }] : [];
  event.waitUntil(
    self.registration.showNotification(data.title || "Cockpit alert", {
      body: data.body || "",
      tag: data.tag || undefined,
      renotify: Boolean(data.tag),
      icon: "/icons/icon-light-192.png",
      badge: "/icons/icon-light-192.png",
      requireInteraction: data.severity === "critical",
      data: { url: data.url || "/alerts", ackUrl: data.ackUrl || null },
      actions,
    }),
  );
});

// A click opens the alert; the Acknowledge action opens the signed link's confirmation page (a GET changes nothing).
self.addEventListener("notificationclick", (event) => {
  const data = event.notification.data || {};
  const target = event.action === "acknowledge" && data.ackUrl ? data.ackUrl : data.url || "/alerts";
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const same = windows.find((w) => w.url === target && "focus" in w);
      return same ? same.focus() : self.clients.openWindow(target);
    }),
  );
});
