"use client";
import { useEffect } from "react";
import { primaryButton, secondaryButton } from "../ui/styles";
import { Problem } from "./problem";

/** Server errors reach the browser as a generic message plus a digest that matches the server's log line. */
const digestOf = (error: unknown) => (error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null);

/** What an error boundary shows: what happened in plain words, a retry, and a way home. No stack, no detail. */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  useEffect(() => console.error(error), [error]);
  return (
    <Problem
      code="Error"
      title="Something went wrong"
      testId="error-page"
      actions={
        <>
          <button type="button" onClick={() => retry()} className={primaryButton} data-testid="error-retry">
            Try again
          </button>
          {/* A plain link: a full load is the cleanest start after a failure, and the root boundary then ships no router link. */}
          <a href="/" className={secondaryButton}>
            Back to the overview
          </a>
        </>
      }
    >
      <p>This page could not be loaded. It may be a passing problem: try again in a moment.</p>
      {digest && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          Reference{" "}
          <span className="font-mono" data-testid="error-digest">
            {digest}
          </span>{" "}
          (the server log has the details).
        </p>
      )}
    </Problem>
  );
}
