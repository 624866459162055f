"use client";
import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/dashboard/duration";

/** "Next attempt in 3 s" while a failed attempt waits out its backoff; ticks every second, then says it is due. */
export function RetryCountdown({ availableAt }: { availableAt: string }) {
  const due = Date.parse(availableAt);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [due]);
  // Rendered only on the client clock, so the server and the first client render agree (nothing).
  if (now === null) return null;
  const left = due - now;
  return (
    <p role="status" data-testid="retry-countdown" className="mt-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      {left > 0
        ? `Retrying after a failure: next attempt in ${formatDuration(Math.ceil(left / 1_000) * 1_000)}.`
        : "Backoff over: the next attempt goes to the first free agent that can run it."}
    </p>
  );
}
