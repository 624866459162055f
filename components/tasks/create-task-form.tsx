"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useToast } from "../toasts";
import { inputBase, primaryButton, secondaryButton } from "../ui/styles";
import { AdvancedTaskFields } from "./advanced-task-fields";
import { aria, FormField } from "./form-field";
import { ADVANCED_FIELDS, fieldOfServerError, validateTaskForm, type TaskFormErrors } from "@/lib/dashboard/task-form";
import { TASK_PRIORITY_LIST } from "@/lib/dashboard/types";
import { reachInput, reachOf, reachText, type TaskFormOptions } from "@/lib/dashboard/task-form-options";

const hasAdvancedError = (errors: TaskFormErrors) => ADVANCED_FIELDS.some((f) => errors[f]);

const NO_OPTIONS: TaskFormOptions = { agents: [], capabilities: [], repos: [] };

export function CreateTaskForm({ agentIds = [], options = NO_OPTIONS }: { agentIds?: string[]; options?: TaskFormOptions }) {
  const router = useRouter();
  const toasts = useToast();
  const [errors, setErrors] = useState<TaskFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  // Who could take the task, recomputed from the form on every edit.
  const [reach, setReach] = useState(() => reachInput(new FormData()));
  const reachNow = reachOf(options.agents, { ...reach, executor: reach.executor || "shell" });

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
    <form
      onSubmit={onSubmit}
      onInput={(e) => setReach(reachInput(new FormData(e.currentTarget)))}
      noValidate
      className="max-w-2xl space-y-4"
      data-testid="create-task-form"
    >
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
            list="announced-capabilities"
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
          list="announced-capabilities"
          className={inputBase}
          {...aria("requires", errors.requires, true)}
          data-testid="task-requires"
        />
      </FormField>
      {options.capabilities.length > 0 && (
        <p className="-mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="announced-capabilities-list">
          Connected agents announce: {options.capabilities.join(", ")}
        </p>
      )}
      <datalist id="announced-capabilities">
        {options.capabilities.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <p
        role="status"
        className={`rounded-md p-3 text-sm ${reachNow.agents === 0 ? "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"}`}
        data-testid="task-reach"
        data-agents={reachNow.agents}
      >
        {reachText(reachNow, reach.executor || "shell")}
      </p>
      <AdvancedTaskFields errors={errors} open={advancedOpen} onToggle={setAdvancedOpen} agentIds={agentIds} repos={options.repos} />
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
