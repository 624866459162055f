"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useToast } from "../toasts";
import { inputBase, primaryButton, secondaryButton } from "../ui/styles";
import { AdvancedTaskFields } from "./advanced-task-fields";
import { aria, FormField } from "./form-field";
import { ADVANCED_FIELDS, fieldOfServerError, validateTaskForm, type TaskFormErrors } from "@/lib/dashboard/task-form";
import { TASK_PRIORITY_LIST } from "@/lib/dashboard/types";

const hasAdvancedError = (errors: TaskFormErrors) => ADVANCED_FIELDS.some((f) => errors[f]);

export function CreateTaskForm({ agentIds = [] }: { agentIds?: string[] }) {
  const router = useRouter();
  const toasts = useToast();
  const [errors, setErrors] = useState<TaskFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(false);

  function show(found: TaskFormErrors) {
    setErrors(found);
    if (hasAdvancedError(found)) setAdvancedOpen(true);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { body, errors: found } = validateTaskForm(new FormData(event.currentTarget));
    show(found);
    if (!body) return;
    setBusy(true);
    try {
      const res = await fetch("/api/cockpit/tasks", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = (await res.json().catch(() => ({}))) as { task?: { id: string }; error?: { message?: string; field?: string } };
      if (!res.ok || !json.task) {
        show({ [fieldOfServerError(json.error?.field)]: json.error?.message ?? `The server refused (HTTP ${res.status}).` });
        return;
      }
      toasts.show({ tone: "success", title: "Task created", body: String(body.title) });
      router.push(`/tasks/${json.task.id}`);
    } catch {
      show({ form: "Could not reach the server. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" data-testid="create-task-form">
      {errors.form && (
        <p role="alert" data-testid="form-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {errors.form}
        </p>
      )}
      <FormField id="title" label="Title" error={errors.title}>
        <input id="title" name="title" required maxLength={256} className={inputBase} {...aria("title", errors.title)} data-testid="task-title" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="executor" label="Executor" error={errors.executor}>
          <input
            id="executor"
            name="executor"
            required
            defaultValue="shell"
            className={inputBase}
            {...aria("executor", errors.executor)}
            data-testid="task-executor"
          />
        </FormField>
        <FormField id="priority" label="Priority" error={errors.priority}>
          <select
            id="priority"
            name="priority"
            defaultValue="medium"
            className={inputBase}
            {...aria("priority", errors.priority)}
            data-testid="task-priority-input"
          >
            {TASK_PRIORITY_LIST.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormField id="payload" label="Payload (JSON, optional)" error={errors.payload}>
        <textarea
          id="payload"
          name="payload"
          rows={5}
          spellCheck={false}
          placeholder='{ "command": "npm test" }'
          className={`${inputBase} py-2 font-mono`}
          {...aria("payload", errors.payload)}
          data-testid="task-payload"
        />
      </FormField>
      <FormField
        id="requires"
        label="Requires capabilities (optional, comma separated)"
        hint="Only agents that announced every one of these can run it."
        error={errors.requires}
      >
        <input
          id="requires"
          name="requires"
          placeholder="git, npm"
          className={inputBase}
          {...aria("requires", errors.requires, true)}
          data-testid="task-requires"
        />
      </FormField>
      <AdvancedTaskFields errors={errors} open={advancedOpen} onToggle={setAdvancedOpen} agentIds={agentIds} />
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className={primaryButton} data-testid="task-submit">
          {busy ? "Creating…" : "Create task"}
        </button>
        <button type="button" onClick={() => router.back()} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
