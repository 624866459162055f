"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useLive } from "../live/live-context";

/**
 * Counts are aggregates, so instead of patching them the server renders them again: on any change (batched to
 * one refresh per 400 ms) and on every socket open, which also covers the gap before the first subscription.
 */
export function LiveRefresh() {
  const router = useRouter();
  const { epoch, subscribeAny } = useLive();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const schedule = () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        router.refresh();
      }, 400);
    };
    const unsubscribe = subscribeAny(schedule);
    if (epoch > 0) schedule();
    return () => {
      unsubscribe();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [epoch, subscribeAny, router]);
  return null;
}
