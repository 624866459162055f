import type { Metadata } from "next";
import Link from "next/link";
import { AlertList } from "@/components/alerts/alert-list";
import { SilencesPanel } from "@/components/alerts/silences-panel";
import { listSilences, silenceJson } from "@/lib/alerts/silences";
import { getDb } from "@/lib/db/client";
import { FilterBar, SelectFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { secondaryButton } from "@/components/ui/styles";
import { requireSession } from "@/lib/auth/session";
import { ALERT_STATE_LIST, alertFilters, toQuery } from "@/lib/dashboard/filters";
import { loadAlerts, PAGE_SIZE } from "@/lib/dashboard/loaders";
import { ALERT_SEVERITY_LIST } from "@/lib/dashboard/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AlertsPage({ searchParams }: Props) {
  const session = await requireSession();
  const filters = alertFilters(await searchParams);
  const [{ alerts, total, nextCursor }, silences] = await Promise.all([loadAlerts(filters), listSilences(await getDb(), "current")]);
  const now = Date.now();
  return (
    <>
      <PageHeader title="Alerts" description={`${total} alert${total === 1 ? "" : "s"}${session.canWrite ? "" : " · read-only (viewer)"}`} />
      <SilencesPanel silences={silences.map((s) => silenceJson(s, now))} canWrite={session.canWrite} />
      <FilterBar action="/alerts" clearHref="/alerts">
        <SelectFilter name="severity" label="Severity" value={filters.severity} options={ALERT_SEVERITY_LIST} />
        <SelectFilter name="status" label="State" value={filters.status} options={ALERT_STATE_LIST} anyLabel="All" />
        {filters.acknowledged && <input type="hidden" name="acknowledged" value={filters.acknowledged} />}
      </FilterBar>
      <AlertList key={JSON.stringify(filters)} initial={alerts} filters={filters} pageSize={PAGE_SIZE} />
      {nextCursor && (
        <nav aria-label="Pages" className="mt-4">
          <Link
            href={`/alerts${toQuery({ severity: filters.severity, acknowledged: filters.acknowledged, status: filters.status, cursor: nextCursor })}`}
            className={secondaryButton}
          >
            Older →
          </Link>
        </nav>
      )}
    </>
  );
}
