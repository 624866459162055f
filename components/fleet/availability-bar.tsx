import { slotTone, type AvailabilitySlot } from "@/lib/fleet/availability";

const TONE_CLASS = {
  up: "bg-emerald-500 dark:bg-emerald-400",
  rest: "bg-slate-400 dark:bg-slate-500",
  down: "bg-red-500 dark:bg-red-400",
  unknown: "bg-slate-200 dark:bg-slate-800",
} as const;

/** The heartbeat bar: one thin block per slot, green online, grey asleep / stopped / paused, red crashed / gone. */
export function AvailabilityBar({
  slots,
  label,
  testId,
}: {
  slots: readonly { from: string; state: AvailabilitySlot["state"] }[];
  label: string;
  testId: string;
}) {
  return (
    <div>
      <div className="flex h-8 items-stretch gap-px" role="img" aria-label={label} data-testid={testId}>
        {slots.map((s) => (
          <span
            key={s.from}
            title={`${new Date(s.from).toLocaleString()}: ${s.state ?? "no data"}`}
            data-state={s.state ?? "unknown"}
            className={`min-w-0 flex-1 rounded-[1px] ${TONE_CLASS[slotTone(s.state)]}`}
          />
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-600 dark:text-slate-400">
        <span>{slots[0] ? new Date(slots[0].from).toLocaleString([], { dateStyle: "short", timeStyle: "short" }) : ""}</span>
        <span>now</span>
      </div>
    </div>
  );
}
