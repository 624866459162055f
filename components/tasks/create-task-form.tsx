"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useToast } from "../toasts";
import { inputBase, labelBase, primaryButton, secondaryButton } from "../ui/styles";

type Errors = Partial<Record<"title" | "executor" | "payload" | "requires" | "form", string>>;
const NAME = /^[A-Za-z0-9._:-]+$/;

/** Client-side checks mirror the server's schema so mistakes show before the round trip; the server still decides. */
function validate(form: FormData): { body?: Record<string, unknown>; errors: Errors } {
  const errors: Errors = {};
  const title = String(form.get("title") ?? "").trim();
  const executor = String(form.get("executor") ?? "").trim();
  const payloadText = String(form.get("payload") ?? "").trim();
  const requires = String(form.get("requires") ?? "").split(/[\s,]+/).filter(Boolean);
  if (!title) errors.title = "Give the task a title.";
  else if (title.length > 256) errors.title = "Keep the title under 256 characters.";
  if (!executor) errors.executor = "Say which executor runs it, e.g. shell.";
  else if (!NAME.test(executor)) errors.executor = "Use only letters, digits and . _ : -";
  let payload: unknown;
  if (payloadText) {
    try {
      payload = JSON.parse(payloadText);
    } catch (error) {
      errors.payload = `Not valid JSON: ${error instanceof Error ? error.message : "parse error"}`;
    }
  }
  const badCap = requires.find((c) => !NAME.test(c) || c.length > 64);
  if (badCap) errors.requires = `"${badCap}" is not a capability name (letters, digits and . _ : -).`;
  if (Object.keys(errors).length) return { errors };
  const priority = String(form.get("priority") ?? "medium");
  return { body: { title, executor, priority, requires, ...(payloadText ? { payload } : {}) }, errors };
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} data-testid={id} className="mt-1 text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

export function CreateTaskForm() {
  const router = useRouter();
  const toasts = useToast();
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { body, errors: found } = validate(new FormData(event.currentTarget));
    setErrors(found);
    if (!body) return;
    setBusy(true);
    try {
      const res = await fetch("/api/cockpit/tasks", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = (await res.json().catch(() => ({}))) as { task?: { id: string }; error?: { message?: string; field?: string } };
      if (!res.ok || !json.task) {
        const field = json.error?.field?.split(".")[0];
        const message = json.error?.message ?? `The server refused (HTTP ${res.status}).`;
        setErrors(field && ["title", "executor", "payload", "requires"].includes(field) ? { [field]: message } : { form: message });
        return;
      }
      toasts.show({ tone: "success", title: "Task created", body: String(body.title) });
      router.push(`/tasks/${json.task.id}`);
    } catch {
      setErrors({ form: "Could not reach the server. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  const described = (name: keyof Errors) => (errors[name] ? `${name}-error` : undefined);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" data-testid="create-task-form">
      {errors.form && (
        <p role="alert" data-testid="form-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {errors.form}
        </p>
      )}
      <div>
        <label htmlFor="title" className={labelBase}>Title</label>
        <input id="title" name="title" required maxLength={256} className={inputBase} aria-invalid={!!errors.title} aria-describedby={described("title")} data-testid="task-title" />
        <FieldError id="title-error" message={errors.title} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="executor" className={labelBase}>Executor</label>
          <input id="executor" name="executor" required defaultValue="shell" className={inputBase} aria-invalid={!!errors.executor} aria-describedby={described("executor")} data-testid="task-executor" />
          <FieldError id="executor-error" message={errors.executor} />
        </div>
        <div>
          <label htmlFor="priority" className={labelBase}>Priority</label>
          <select id="priority" name="priority" defaultValue="medium" className={inputBase}>
            {["urgent", "high", "medium", "low"].map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <label htmlFor="payload" className={labelBase}>Payload (JSON, optional)</label>
        <textarea id="payload" name="payload" rows={6} spellCheck={false} placeholder='{ "command": "npm test" }' className={`${inputBase} py-2 font-mono`} aria-invalid={!!errors.payload} aria-describedby={described("payload")} data-testid="task-payload" />
        <FieldError id="payload-error" message={errors.payload} />
      </div>
      <div>
        <label htmlFor="requires" className={labelBase}>Requires capabilities (optional, comma separated)</label>
        <input id="requires" name="requires" placeholder="git, npm" className={inputBase} aria-invalid={!!errors.requires} aria-describedby={described("requires") ?? "requires-hint"} data-testid="task-requires" />
        <p id="requires-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">Only agents that announced every one of these can run it.</p>
        <FieldError id="requires-error" message={errors.requires} />
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className={primaryButton} data-testid="task-submit">
          {busy ? "Creating…" : "Create task"}
        </button>
        <button type="button" onClick={() => router.back()} className={secondaryButton}>Cancel</button>
      </div>
    </form>
  );
}
