"use client";
import { useEffect, useState } from "react";

/** "in 25 min", "in 3 h", "in 2 d" (or "over") for a time ahead. */
export function formatIn(iso: string, at: number): string {
  const minutes = Math.round((Date.parse(iso) - at) / 60_000);
  if (minutes <= 0) return "over";
  if (minutes < 90) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `in ${hours} h` : `in ${Math.round(hours / 24)} d`;
}

/** An end time shown as an absolute UTC time (the same on server and browser) with how far ahead it is. */
export function Until({ iso, testId }: { iso: string; testId?: string }) {
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    setAt(Date.now());
    const t = setInterval(() => setAt(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const absolute = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return (
    <time dateTime={iso} data-testid={testId}>
      {absolute}
      {at !== null && ` (${formatIn(iso, at)})`}
    </time>
  );
}
