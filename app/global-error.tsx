"use client";
import "./globals.css";
import { ErrorView } from "@/components/errors/error-view";

/** Last resort: the root layout itself failed, so this page brings its own document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 px-3 py-4 font-sans text-slate-900 antialiased sm:px-6 dark:bg-slate-950 dark:text-slate-100">
        <title>Error · Cockpit</title>
        <ErrorView error={error} retry={retry} />
      </body>
    </html>
  );
}
