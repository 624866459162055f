import type { Metadata } from "next";
import { inspectAckLink } from "@/lib/notify/ack-use";
import { primaryButton } from "@/components/ui/styles";
import { AckShell } from "./shell";

export const metadata: Metadata = { title: "Acknowledge alert", robots: { index: false } };
export const dynamic = "force-dynamic";

const REFUSED: Record<string, string> = {
  used: "This link has already been used.",
  expired: "This link has expired. Open Cockpit to acknowledge the alert.",
  invalid: "This link is not valid.",
  missing: "This alert no longer exists.",
  already: "This alert is already acknowledged or resolved.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Opened from a notification, signed in or not. Showing it changes nothing; only the button (a POST) acknowledges. */
export default async function AckPage({ searchParams }: Props) {
  const t = (await searchParams).t;
  const token = typeof t === "string" ? t : "";
  const { outcome, alert } = token ? await inspectAckLink(token) : { outcome: "invalid" as const, alert: undefined };
  return (
    <AckShell>
      {alert && (
        <div className="mb-4" data-testid="ack-alert">
          <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{alert.severity}</p>
          <h2 className="mt-1 text-lg font-medium break-words">{alert.title}</h2>
          {alert.message && <p className="mt-1 text-sm break-words text-slate-700 dark:text-slate-300">{alert.message}</p>}
        </div>
      )}
      {outcome === "ready" ? (
        <form action="/api/alerts/ack-link" method="post">
          <input type="hidden" name="t" value={token} />
          <button type="submit" className={`${primaryButton} w-full`} data-testid="ack-confirm">
            Acknowledge
          </button>
        </form>
      ) : (
        <p role="status" data-testid="ack-refused" className="text-sm">
          {REFUSED[outcome]}
        </p>
      )}
    </AckShell>
  );
}
