"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { mergeHead } from "@/lib/activity/paging";
import type { ActivityFilters } from "@/lib/activity/page-filters";
import { activityJson, type ActivityEntry, type ActivityJson } from "@/lib/activity/types";
import { toQuery } from "@/lib/dashboard/filters";
import { useLive } from "../live/live-context";
import { REFRESH_EVENT } from "../ui/pull-to-refresh";
import { EmptyState } from "../ui/empty-state";
import { secondaryButton } from "../ui/styles";
import { ActivityList } from "./activity-list";

type Page = { entries: ActivityJson[]; nextCursor: string | null };

/** The feed orders by time in ms (lib/activity/paging.ts): the JSON's ISO time read back. */
const asEntry = (e: ActivityJson): ActivityEntry => ({ ...e, at: Date.parse(e.at) });

async function fetchPage(filters: ActivityFilters, limit: number, cursor?: string): Promise<Page> {
  const res = await fetch(`/api/cockpit/activity${toQuery({ ...filters, limit, cursor })}`, { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) throw new Error(`activity: HTTP ${res.status}`);
  return (await res.json()) as Page;
}

/**
 * The feed, live: on any change the hub reports (batched to one read per 400 ms) and on every socket open, the
 * newest page is read again and merged on top, so what happened while the socket was away shows up too.
 */
export function ActivityFeed({ initial, filters, pageSize }: { initial: Page; filters: ActivityFilters; pageSize: number }) {
  const { epoch, subscribeAny } = useLive();
  const [entries, setEntries] = useState(() => initial.entries.map(asEntry));
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const refreshHead = useCallback(async () => {
    const head = await fetchPage(filtersRef.current, pageSize);
    setEntries((shown) => {
      const merged = mergeHead(shown, head.entries.map(asEntry), head.nextCursor !== null);
      if (merged.replaced) setNextCursor(head.nextCursor);
      return merged.entries;
    });
  }, [pageSize]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        refreshHead().catch(() => undefined);
      }, 400);
    };
    const unsubscribe = subscribeAny(schedule);
    window.addEventListener(REFRESH_EVENT, schedule);
    if (epoch > 0) schedule();
    return () => {
      unsubscribe();
      window.removeEventListener(REFRESH_EVENT, schedule);
      clearTimeout(timer);
    };
  }, [epoch, subscribeAny, refreshHead]);

  const loadOlder = async () => {
    if (!nextCursor) return;
    setLoadingOlder(true);
    try {
      const page = await fetchPage(filters, pageSize, nextCursor);
      setEntries((shown) => [...shown, ...page.entries.filter((e) => !shown.some((s) => s.id === e.id)).map(asEntry)]);
      setNextCursor(page.nextCursor);
    } finally {
      setLoadingOlder(false);
    }
  };

  if (entries.length === 0) {
    return (
      <EmptyState title={filters.kind || filters.agent || filters.repo ? "Nothing matches these filters yet" : "Nothing has happened yet"} testId="activity-empty">
        Tasks, git changes, alerts, agents, approvals and commands show up here as they happen.
      </EmptyState>
    );
  }
  return (
    <div data-testid="activity-feed">
      <ActivityList entries={entries.map(activityJson)} />
      {nextCursor && (
        <button type="button" className={`${secondaryButton} mt-3`} onClick={() => void loadOlder()} disabled={loadingOlder} data-testid="activity-older">
          {loadingOlder ? "Loading…" : "Older"}
        </button>
      )}
    </div>
  );
}

