"use client";
import { useEffect } from "react";

/** Registers /sw.js in production builds (dev chunks change under it); renders nothing. */
export function ServiceWorkerRegistrar() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((err: unknown) => {
      console.warn("service worker not registered", err);
    });
  }, []);
  return null;
}
