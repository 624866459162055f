import type { ReactNode } from "react";

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-lg border border-dashed border-slate-300 p-6 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      {children && <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600 dark:text-slate-400">{children}</div>}
    </div>
  );
}

/** What to run to get the first agent on the board; the hub address is the one this browser uses. */
export function StartAgentHint({ hubUrl }: { hubUrl: string }) {
  return (
    <>
      <p>Start an agent on the machine that does the work, with an agent key (an admin creates one with POST /api/cockpit/keys):</p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-100 p-3 text-left font-mono text-xs text-slate-800 dark:bg-slate-900 dark:text-slate-200">
        <code>npx cockpit-agent --hub {hubUrl} --key KEY --repo PATH</code>
      </pre>
      <p className="mt-2">It appears here the moment it connects.</p>
    </>
  );
}
