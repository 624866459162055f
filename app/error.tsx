"use client";
import { ErrorView } from "@/components/errors/error-view";

/** Fallback for errors outside a page, such as the dashboard's own layout failing (the root layout still stands). */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="px-3 py-4 sm:px-6">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
