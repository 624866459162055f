"use client";
import { useState } from "react";
import type { z } from "zod";
import { createTemplateBody, patchTemplateBody } from "@/app/api/cockpit/templates/schema";
import { TASK_PRIORITY_LIST } from "@/lib/dashboard/types";
import { aria, FormField } from "../tasks/form-field";
import { useAdminCall } from "../notify/use-admin-call";
import { card, inputBase, primaryButton, secondaryButton } from "../ui/styles";
import type { TemplateView } from "./templates-admin";

const FIELDS = ["name", "description", "executor", "priority", "payload", "requires", "targetAgentId"] as const;
type Field = (typeof FIELDS)[number];
type Refusal = { field: Field | "form"; message: string };

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The field a server or schema issue names (`requires.0` is the requires field); anything else belongs to the form. */
function fieldOf(path: string | null | undefined): Field | "form" {
  const head = (path ?? "").split(".")[0] as Field;
  return FIELDS.includes(head) ? head : "form";
}

/** The first issue of the route's own schema, worded as the server words it (`field: message`). */
function firstIssue(error: z.ZodError): Refusal {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  return { field: fieldOf(path), message: path ? `${path}: ${issue?.message}` : (issue?.message ?? "invalid input") };
}

/**
 * Creates a template, or with `template` edits it (PATCH; the name stays). The body is checked with the REST route's
 * own schema before it is sent, and a refusal (the schema's or the server's) is shown beside the field it names.
 */
export function TemplateForm({ template, onDone }: { template?: TemplateView; onDone?: () => void }) {
  const { busy, call, error: serverError } = useAdminCall();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const prefix = template ? `template-${template.name}` : "template-new";
  const shown: Refusal | null = refusal ?? (serverError ? { field: fieldOf(serverError.field), message: serverError.message } : null);
  const errorFor = (field: Field | "form") => (shown?.field === field ? shown.message : undefined);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (name: Field) => String(data.get(name) ?? "").trim();
    let payload: unknown;
    if (text("payload")) {
      try {
        payload = JSON.parse(text("payload"));
      } catch {
        setRefusal({ field: "payload", message: "payload: not valid JSON" });
        return;
      }
    }
    const fields = {
      description: text("description"),
      executor: text("executor"),
      priority: text("priority"),
      // An emptied payload clears it on an edit; a new template simply has none.
      payload: template ? (payload ?? null) : payload,
      requires: list(text("requires")),
      targetAgentId: text("targetAgentId") || null,
    };
    const parsed = template ? patchTemplateBody.safeParse(fields) : createTemplateBody.safeParse({ name: text("name"), ...fields });
    if (!parsed.success) {
      setRefusal(firstIssue(parsed.error));
      return;
    }
    setRefusal(null);
    const path = template ? `/api/cockpit/templates/${encodeURIComponent(template.name)}` : "/api/cockpit/templates";
    const done = await call(path, template ? "PATCH" : "POST", parsed.data);
    if (!done) return;
    if (!template) form.reset();
    onDone?.();
  }

  const control = (field: Field) => ({ id: `${prefix}-${field}`, name: field, className: inputBase, ...aria(`${prefix}-${field}`, errorFor(field)) });
  return (
    <form
      className={`${card} space-y-3 p-4`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
      noValidate
      data-testid={template ? "template-edit-form" : "template-form"}
    >
      <h2 className="font-medium">{template ? `Edit /${template.name}` : "Add a template"}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        {!template && (
          <FormField id={`${prefix}-name`} label="Name (typed as /name)" error={errorFor("name")}>
            <input {...control("name")} required autoCapitalize="none" autoCorrect="off" placeholder="lint" />
          </FormField>
        )}
        <FormField id={`${prefix}-executor`} label="Executor" error={errorFor("executor")}>
          <input {...control("executor")} required defaultValue={template?.executor ?? "subagent"} />
        </FormField>
        <FormField id={`${prefix}-description`} label="Description" error={errorFor("description")}>
          <input {...control("description")} defaultValue={template?.description ?? ""} />
        </FormField>
        <FormField id={`${prefix}-priority`} label="Priority" error={errorFor("priority")}>
          <select {...control("priority")} defaultValue={template?.priority ?? "medium"}>
            {TASK_PRIORITY_LIST.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormField id={`${prefix}-payload`} label="Payload (JSON; {args} is the words after the command, {repo} the chosen repository)" error={errorFor("payload")}>
        <textarea
          {...control("payload")}
          className={`${inputBase} py-2 font-mono`}
          rows={4}
          spellCheck={false}
          defaultValue={template?.payload === undefined || template.payload === null ? "" : JSON.stringify(template.payload, null, 2)}
          placeholder='{ "prompt": "Run the linter and fix what it finds. {args}", "repo": "{repo}" }'
        />
      </FormField>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id={`${prefix}-requires`} label="Requires capabilities (comma separated, optional)" error={errorFor("requires")}>
          <input {...control("requires")} defaultValue={template?.requires.join(", ") ?? ""} />
        </FormField>
        <FormField id={`${prefix}-targetAgentId`} label="Only on agent (optional)" error={errorFor("targetAgentId")}>
          <input {...control("targetAgentId")} defaultValue={template?.targetAgentId ?? ""} />
        </FormField>
      </div>
      {errorFor("form") && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300" data-testid="template-form-error">
          {errorFor("form")}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton} disabled={busy} data-testid={template ? "template-save" : "template-create"}>
          {template ? "Save" : "Add template"}
        </button>
        {template && (
          <button type="button" className={secondaryButton} onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
