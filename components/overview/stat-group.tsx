import Link from "next/link";
import { STATUS_TONE, type Tone } from "../ui/badge";
import { card, focusRing } from "../ui/styles";

const BAR: Record<Tone, string> = {
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-600",
  blue: "bg-sky-500",
  violet: "bg-violet-500",
  slate: "bg-slate-400",
};

export type Stat = { key: string; label: string; value: number; href: string; tone?: Tone };

/** A titled group of counts; each number is a link to the list filtered to exactly those rows. */
export function StatGroup({ title, href, stats, testId }: { title: string; href: string; stats: Stat[]; testId: string }) {
  return (
    <section aria-labelledby={`${testId}-title`} className={`${card} p-4`} data-testid={testId}>
      <h2 id={`${testId}-title`} className="mb-3 text-sm font-semibold text-slate-700 dark:text-slate-300">
        <Link href={href} className={`${focusRing} rounded-sm hover:underline`}>
          {title}
        </Link>
      </h2>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {stats.map((s) => {
          const tone = s.tone ?? STATUS_TONE[s.key] ?? "slate";
          return (
            <li key={s.key}>
              <Link
                href={s.href}
                data-testid={`${testId}-${s.key}`}
                className={`flex min-h-11 flex-col rounded-md border border-slate-200 p-2 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/60 ${focusRing}`}
              >
                <span className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
                  <span aria-hidden="true" className={`size-2 rounded-full ${BAR[tone]}`} />
                  {s.label}
                </span>
                <span
                  className={`text-2xl font-semibold tabular-nums ${s.value > 0 && tone === "red" ? "text-red-700 dark:text-red-400" : ""}`}
                  data-value={s.value}
                >
                  {s.value}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
