import type { Metadata } from "next";
import Link from "next/link";
import { Problem } from "@/components/errors/problem";
import { primaryButton } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Not found" };

/** Something a dashboard page looked up does not exist; the dashboard around it stays. */
export default function DashboardNotFound() {
  return (
    <Problem
      code="404"
      title="Not found"
      testId="not-found"
      actions={
        <Link href="/" className={primaryButton}>
          Back to the overview
        </Link>
      }
    >
      <p>There is nothing at this address. It may have been removed, or the link is mistyped.</p>
    </Problem>
  );
}
