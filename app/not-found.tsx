import type { Metadata } from "next";
import { Problem } from "@/components/errors/problem";
import { primaryButton } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Not found" };

/** An address no route knows (outside the dashboard's pages): branded, with the way in (a plain link keeps this boundary free of client code). */
export default function NotFound() {
  return (
    <main className="px-3 py-4 sm:px-6">
      <Problem
        code="404"
        title="Page not found"
        testId="not-found"
        actions={
          <a href="/" className={primaryButton}>
            Go to Cockpit
          </a>
        }
      >
        <p>There is nothing at this address. It may have been removed, or the link is mistyped.</p>
      </Problem>
    </main>
  );
}
