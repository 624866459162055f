import type { ReactNode } from "react";

/** The small frame of the acknowledge pages: no navigation, works on a phone that is not signed in. */
export function AckShell({ children }: { children: ReactNode }) {
  return (
    <main className="grid min-h-screen place-items-center px-4 py-10">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-4 text-xl font-semibold tracking-tight">Cockpit alert</h1>
        {children}
      </div>
    </main>
  );
}
