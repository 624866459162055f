"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { PULL_REFRESH_PX, moveSwipe, pullRefreshes, startSwipe, type Swipe } from "@/lib/dashboard/swipe";

/** Live lists (useLiveSync, the activity feed) read themselves again when this event fires. */
export const REFRESH_EVENT = "cockpit:refresh";

/**
 * Pull to refresh on touch screens (an installed app has no browser reload): a long pull down from the top renders
 * the page again on the server and makes every live list read itself again.
 */
export function PullToRefresh() {
  const router = useRouter();
  const pull = useRef<Swipe | null>(null);
  const [pulled, setPulled] = useState(0);

  useEffect(() => {
    const atTop = () => window.scrollY <= 0;
    const start = (e: TouchEvent) => {
      const t = e.touches[0];
      pull.current = e.touches.length === 1 && t && atTop() ? startSwipe(t.clientX, t.clientY) : null;
    };
    const move = (e: TouchEvent) => {
      const t = e.touches[0];
      if (!pull.current || !t) return;
      pull.current = moveSwipe(pull.current, t.clientX, t.clientY);
      setPulled(pull.current.axis === "y" && pull.current.dy > 0 ? pull.current.dy : 0);
    };
    const end = () => {
      const done = pull.current && pullRefreshes(pull.current, atTop());
      pull.current = null;
      setPulled(0);
      if (!done) return;
      router.refresh();
      window.dispatchEvent(new Event(REFRESH_EVENT));
    };
    window.addEventListener("touchstart", start, { passive: true });
    window.addEventListener("touchmove", move, { passive: true });
    window.addEventListener("touchend", end);
    window.addEventListener("touchcancel", end);
    return () => {
      window.removeEventListener("touchstart", start);
      window.removeEventListener("touchmove", move);
      window.removeEventListener("touchend", end);
      window.removeEventListener("touchcancel", end);
    };
  }, [router]);

  if (pulled < 20) return null;
  return (
    <div role="status" className="fixed inset-x-0 top-2 z-50 flex justify-center" data-testid="pull-to-refresh">
      <span className="rounded-full bg-slate-900 px-3 py-1 text-xs text-white dark:bg-slate-100 dark:text-slate-900">{pulled >= PULL_REFRESH_PX ? "Release to refresh" : "Pull to refresh"}</span>
    </div>
  );
}
