import type { Metadata } from "next";
import { ActivityFeed } from "@/components/activity/activity-feed";
import { FilterBar, SelectFilter, TextFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { loadActivity } from "@/lib/activity/load";
import { activityFilters } from "@/lib/activity/page-filters";
import { ACTIVITY_KINDS } from "@/lib/activity/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Activity" };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ActivityPage({ searchParams }: Props) {
  await requireSession();
  const filters = activityFilters(await searchParams);
  const initial = await loadActivity(filters, PAGE_SIZE);
  return (
    <>
      <PageHeader title="Activity" description="Everything that happens, newest first, live." />
      <FilterBar action="/activity" clearHref="/activity">
        <SelectFilter name="kind" label="Kind" value={filters.kind} options={ACTIVITY_KINDS} />
        <TextFilter name="agent" label="Agent" value={filters.agent} narrow />
        <TextFilter name="repo" label="Repository" value={filters.repo} narrow />
      </FilterBar>
      <ActivityFeed key={JSON.stringify(filters)} initial={initial} filters={filters} pageSize={PAGE_SIZE} />
    </>
  );
}
