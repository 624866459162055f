"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Sessions and approvals are not on the live socket yet: the server-rendered page re-reads itself every few seconds. */
export function AutoRefresh({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
