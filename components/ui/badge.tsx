import type { ReactNode } from "react";

export type Tone = "green" | "amber" | "red" | "blue" | "slate" | "violet";

const TONES: Record<Tone, string> = {
  green: "bg-emerald-100 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-900/50 dark:text-emerald-200 dark:ring-emerald-400/30",
  amber: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-900/50 dark:text-amber-200 dark:ring-amber-400/30",
  red: "bg-red-100 text-red-900 ring-red-600/30 dark:bg-red-900/50 dark:text-red-200 dark:ring-red-400/30",
  blue: "bg-sky-100 text-sky-900 ring-sky-600/30 dark:bg-sky-900/50 dark:text-sky-200 dark:ring-sky-400/30",
  violet: "bg-violet-100 text-violet-900 ring-violet-600/30 dark:bg-violet-900/50 dark:text-violet-200 dark:ring-violet-400/30",
  slate: "bg-slate-100 text-slate-800 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/30",
};

/** Status colours: green is fine, amber needs a look, red needs a human, blue is in motion. */
export const STATUS_TONE: Record<string, Tone> = {
  online: "green",
  idle: "green",
  busy: "blue",
  offline: "slate",
  // Fleet presence (lib/fleet/states.ts).
  paused: "violet",
  unreachable: "amber",
  asleep: "slate",
  stopped: "slate",
  crashed: "red",
  pending: "slate",
  assigned: "violet",
  running: "blue",
  completed: "green",
  failed: "red",
  cancelled: "slate",
  timed_out: "red",
  lost: "amber",
  not_accepted: "amber",
  expired: "amber",
  interrupted: "amber",
  undelivered: "amber",
  rejected: "red",
  clean: "green",
  dirty: "amber",
  ahead: "blue",
  behind: "amber",
  diverged: "red",
  critical: "red",
  warning: "amber",
  info: "blue",
  // Alert states (lib/alerts)
  open: "red",
  acknowledged: "violet",
  resolved: "green",
};

export function Badge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

export function StatusBadge({ status, testId }: { status: string | null; testId?: string }) {
  const value = status ?? "unknown";
  return (
    <Badge tone={STATUS_TONE[value] ?? "slate"} testId={testId}>
      {value.replaceAll("_", " ")}
    </Badge>
  );
}
