import Link from "next/link";
import type { ActivityJson } from "@/lib/activity/types";
import { card, link } from "../ui/styles";
import { ActivityList } from "./activity-list";

/** The overview's last few feed entries; the overview re-renders on every live change, so they stay current. */
export function RecentActivity({ entries }: { entries: ActivityJson[] }) {
  return (
    <section aria-labelledby="recent-activity-title" className={`${card} p-4 lg:col-span-2`} data-testid="overview-activity">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id="recent-activity-title" className="text-sm font-semibold text-slate-700 dark:text-slate-300">
          Recent activity
        </h2>
        <Link href="/activity" className={`${link} text-sm`}>
          All activity →
        </Link>
      </div>
      {entries.length ? <ActivityList entries={entries} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Nothing has happened yet.</p>}
    </section>
  );
}
