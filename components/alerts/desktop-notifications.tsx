"use client";
import { useEffect, useRef, useState } from "react";
import { useLive } from "../live/live-context";
import { focusRing } from "../ui/styles";

const supported = () => typeof window !== "undefined" && "Notification" in window;

/**
 * Desktop notifications for new critical alerts while a Cockpit tab is open. Permission is asked only when the
 * person clicks the bell, never on load; each alert notifies once per tab.
 */
export function DesktopNotifications() {
  const { subscribe } = useLive();
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("default");
  const seen = useRef(new Set<string>());

  useEffect(() => setPermission(supported() ? Notification.permission : "unsupported"), []);

  useEffect(() => {
    if (permission !== "granted") return;
    return subscribe("alert", ({ op, row }) => {
      if (op !== "upsert" || row.severity !== "critical" || row.status !== "open" || seen.current.has(row.id)) return;
      seen.current.add(row.id);
      const n = new Notification(`Critical: ${row.title}`, { body: row.message ?? undefined, tag: row.id });
      n.onclick = () => window.open(`/alerts/${encodeURIComponent(row.id)}`, "_self");
    });
  }, [permission, subscribe]);

  if (permission === "unsupported" || permission === "granted") return null;
  return (
    <button
      type="button"
      className={`hidden rounded-md px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 md:inline dark:text-slate-300 dark:hover:bg-slate-800 ${focusRing}`}
      disabled={permission === "denied"}
      title={permission === "denied" ? "Desktop notifications are blocked in this browser's site settings" : "Notify me of new critical alerts"}
      onClick={() => void Notification.requestPermission().then(setPermission)}
      data-testid="desktop-notifications"
    >
      {permission === "denied" ? "Desktop alerts blocked" : "Desktop alerts"}
    </button>
  );
}
