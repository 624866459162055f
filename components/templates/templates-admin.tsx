"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { EXAMPLE_TEMPLATES } from "@/lib/templates/examples";
import { useAdminCall } from "../notify/use-admin-call";
import { ConfirmButton } from "../ui/confirm-button";
import { EmptyState } from "../ui/empty-state";
import { card, primaryButton, secondaryButton } from "../ui/styles";

// Admins only, in its own chunk: the route's zod schema it checks with stays out of everyone else's page.
const TemplateForm = dynamic(() => import("./template-form").then((m) => m.TemplateForm), { ssr: false });

export type TemplateView = {
  name: string;
  description: string;
  executor: string;
  payload: unknown;
  priority: string;
  requires: string[];
  targetAgentId: string | null;
  needsRepo: boolean;
  takesArgs: boolean;
  createdBy: string | null;
};

/** The command bar's quick actions: listed for everyone; created, edited and deleted by admins (the REST routes' role). */
export function TemplatesAdmin({ templates, isAdmin }: { templates: TemplateView[]; isAdmin: boolean }) {
  const { busy, call } = useAdminCall();
  const [added, setAdded] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
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
          {isAdmin
            ? "Add one below; each becomes a command in the command bar."
            : "Admins define them here or with POST /api/cockpit/templates (see the API page); each one becomes a command in the command bar."}
        </EmptyState>
      ) : (
        <ul className="space-y-2" data-testid="templates-list">
          {templates.map((t) =>
            editing === t.name ? (
              <li key={t.name} data-testid={`template-${t.name}`}>
                <TemplateForm template={t} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={t.name} className={`${card} flex flex-wrap items-start gap-3 p-3`} data-testid={`template-${t.name}`}>
                <div className="min-w-0 flex-1">
                  <p className="font-mono font-semibold">
                    /{t.name}
                    {t.takesArgs ? " [words]" : ""}
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">{t.description || "—"}</p>
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid={`template-${t.name}-summary`}>
                    {t.executor} · {t.priority}
                    {t.requires.length ? ` · needs ${t.requires.join(", ")}` : ""}
                    {t.targetAgentId ? ` · only on ${t.targetAgentId}` : ""}
                    {t.needsRepo ? " · on the chosen repository" : ""}
                    {t.createdBy ? ` · by ${t.createdBy}` : ""}
                  </p>
                  <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{JSON.stringify(t.payload, null, 2)}</pre>
                </div>
                {isAdmin && (
                  <div className="flex gap-2">
                    <button type="button" className={secondaryButton} onClick={() => setEditing(t.name)} aria-label={`Edit /${t.name}`} data-testid={`template-edit-${t.name}`}>
                      Edit
                    </button>
                    <ConfirmButton
                      className={secondaryButton}
                      disabled={busy}
                      testId={`template-delete-${t.name}`}
                      title={`Delete /${t.name}?`}
                      body={`The command bar stops offering /${t.name}. Tasks it already created stay.`}
                      confirmLabel="Delete"
                      onConfirm={() => void call(`/api/cockpit/templates/${encodeURIComponent(t.name)}`, "DELETE")}
                    >
                      <span aria-hidden="true">Delete</span>
                      <span className="sr-only">Delete /{t.name}</span>
                    </ConfirmButton>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {isAdmin && <TemplateForm />}
    </div>
  );
}
