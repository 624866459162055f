"use client";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { useLive } from "../live/live-context";

const PREFIX = /^\(\d+\+?\) /;

/** A favicon with the count on a red disc, drawn once per count. */
function badgeIcon(count: number): string {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 32;
  const ctx = canvas.getContext("2d");
  if (!ctx) return "";
  ctx.fillStyle = "#b91c1c";
  ctx.beginPath();
  ctx.arc(16, 16, 16, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = "#ffffff";
  ctx.font = "bold 18px sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(count > 99 ? "99" : String(count), 16, 17);
  return canvas.toDataURL("image/png");
}

function applyCount(count: number) {
  const title = document.title.replace(PREFIX, "");
  document.title = count > 0 ? `(${count}) ${title}` : title;
  let icon = document.querySelector<HTMLLinkElement>("link[data-open-alerts]");
  if (count === 0) return icon?.remove();
  if (!icon) {
    icon = document.createElement("link");
    icon.rel = "icon";
    icon.dataset.openAlerts = "";
    document.head.appendChild(icon);
  }
  icon.href = badgeIcon(count);
}

/** Tab title "(3) Alerts" and a favicon badge while alerts are open; recounted when an alert changes. */
export function OpenAlertsTitle() {
  const { subscribe, epoch } = useLive();
  const pathname = usePathname();
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recount = () => {
      clearTimeout(timer);
      // A burst of changes costs one request.
      timer = setTimeout(() => {
        void fetch("/api/cockpit/alerts?status=open&limit=1")
          .then((r) => (r.ok ? (r.json() as Promise<{ total: number }>) : null))
          .then((body) => body && setCount(body.total))
          .catch(() => undefined);
      }, 300);
    };
    recount();
    const stop = subscribe("alert", recount);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [subscribe, epoch]);

  useEffect(() => {
    if (count === null) return;
    applyCount(count);
    // Next sets the title after a navigation: put the count back when it does.
    const title = document.querySelector("title");
    if (!title) return;
    const observer = new MutationObserver(() => !PREFIX.test(document.title) && count > 0 && applyCount(count));
    observer.observe(title, { childList: true, characterData: true, subtree: true });
    return () => observer.disconnect();
  }, [count, pathname]);

  return <span hidden data-testid="open-alert-count" data-count={count ?? ""} />;
}
