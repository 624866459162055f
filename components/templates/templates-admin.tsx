"use client";
import { useState } from "react";
import { EXAMPLE_TEMPLATES } from "@/lib/templates/examples";
import { useAdminCall } from "../notify/use-admin-call";
import { EmptyState } from "../ui/empty-state";
import { card, primaryButton, secondaryButton } from "../ui/styles";

export type TemplateView = { name: string; description: string; executor: string; payload: unknown; needsRepo: boolean; takesArgs: boolean; createdBy: string | null };

/** The command bar's quick actions: listed for everyone, added (the examples) and deleted by admins. */
export function TemplatesAdmin({ templates, isAdmin }: { templates: TemplateView[]; isAdmin: boolean }) {
  const { busy, call } = useAdminCall();
  const [added, setAdded] = useState<string | null>(null);
  const missing = EXAMPLE_TEMPLATES.filter((e) => !templates.some((t) => t.name === e.name));

  async function addExamples() {
    const names: string[] = [];
    for (const example of missing) if (await call("/api/cockpit/templates", "POST", example)) names.push(`/${example.name}`);
    setAdded(names.length ? `Added ${names.join(", ")}` : null);
  }

  return (
    <div className="space-y-4">
      {isAdmin && missing.length > 0 && (
        <div className={`${card} flex flex-wrap items-center gap-3 p-3 text-sm`}>
          <p className="min-w-0 flex-1">
            Examples: {EXAMPLE_TEMPLATES.map((e) => `/${e.name}`).join(", ")} — a coding agent with a prompt on the repository you choose.
          </p>
          <button type="button" disabled={busy} onClick={() => void addExamples()} className={primaryButton} data-testid="templates-add-examples">
            Add the examples
          </button>
        </div>
      )}
      {added && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {added}
        </p>
      )}
      {templates.length === 0 ? (
        <EmptyState title="No templates yet" testId="templates-empty">
          Admins define them with POST /api/cockpit/templates (see the API page); each one becomes a command in the command bar.
        </EmptyState>
      ) : (
        <ul className="space-y-2" data-testid="templates-list">
          {templates.map((t) => (
            <li key={t.name} className={`${card} flex flex-wrap items-start gap-3 p-3`} data-testid={`template-${t.name}`}>
              <div className="min-w-0 flex-1">
                <p className="font-mono font-semibold">
                  /{t.name}
                  {t.takesArgs ? " [words]" : ""}
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-400">{t.description || "—"}</p>
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  {t.executor}
                  {t.needsRepo ? " · on the chosen repository" : ""}
                  {t.createdBy ? ` · by ${t.createdBy}` : ""}
                </p>
                <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{JSON.stringify(t.payload, null, 2)}</pre>
              </div>
              {isAdmin && (
                <button type="button" disabled={busy} onClick={() => void call(`/api/cockpit/templates/${t.name}`, "DELETE")} className={secondaryButton} aria-label={`Delete /${t.name}`}>
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
