"use client";
import { useEffect, useRef, useState } from "react";
import { useLive } from "../live/live-context";
import { toQuery, type TaskFilters } from "@/lib/dashboard/filters";
import { TASK_STATUS_LIST } from "@/lib/dashboard/types";

export type BoardTotals = { counts: Record<(typeof TASK_STATUS_LIST)[number], number>; exact: boolean };

/** One column's total as REST counts it (trigger-kept counts; capped for text filters). */
async function fetchTotal(status: string, f: TaskFilters): Promise<{ total: number; exact: boolean }> {
  const res = await fetch(`/api/cockpit/tasks${toQuery({ status, executor: f.executor, search: f.search, limit: 1 })}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`totals: HTTP ${res.status}`);
  const body = (await res.json()) as { total: number; totalExact: boolean };
  return { total: body.total, exact: body.totalExact };
}

/**
 * The board's per-column totals, live. Totals are aggregates, so instead of patching them they are read again
 * after task changes (one read per 400 ms at most) and on every socket open.
 */
export function useBoardTotals(initial: BoardTotals, filters: TaskFilters): BoardTotals {
  const { epoch, subscribe } = useLive();
  const [totals, setTotals] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const f = filtersRef.current;
      const all = await Promise.all(TASK_STATUS_LIST.map((s) => fetchTotal(s, f)));
      if (!alive) return;
      setTotals({ counts: Object.fromEntries(TASK_STATUS_LIST.map((s, i) => [s, all[i]!.total])) as BoardTotals["counts"], exact: all.every((t) => t.exact) });
    };
    const schedule = () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        refresh().catch(() => undefined); // a failed read keeps the last totals; the next change tries again
      }, 400);
    };
    const unsubscribe = subscribe("task", schedule);
    if (epoch > 0) schedule();
    return () => {
      alive = false;
      unsubscribe();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [epoch, subscribe]);
  return totals;
}
