import type { Metadata } from "next";
import { AckShell } from "../shell";

export const metadata: Metadata = { title: "Alert acknowledged", robots: { index: false } };

const TEXT: Record<string, string> = {
  acknowledged: "Acknowledged. Notifications about it stop repeating.",
  already: "This alert was already acknowledged or resolved.",
  used: "This link has already been used.",
  expired: "This link has expired. Open Cockpit to acknowledge the alert.",
  invalid: "This link is not valid.",
  missing: "This alert no longer exists.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AckDonePage({ searchParams }: Props) {
  const params = await searchParams;
  const r = typeof params.r === "string" && params.r in TEXT ? params.r : "invalid";
  const alert = typeof params.alert === "string" ? params.alert : null;
  return (
    <AckShell>
      <p role="status" data-testid="ack-result" data-outcome={r} className="text-sm">
        {TEXT[r]}
      </p>
      {alert && (
        <a href={`/alerts/${encodeURIComponent(alert)}`} className="mt-4 inline-block text-sm text-sky-800 underline dark:text-sky-300">
          Open in Cockpit (sign-in needed)
        </a>
      )}
    </AckShell>
  );
}
