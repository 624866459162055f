import { durationMs } from "../protocol/duration";
import { TASK_PRIORITY_LIST } from "./types";
import { requiresRepoFromForm } from "./requires-repo-form";

/** The create form's fields, each with its own inline error; "form" is for errors that belong to no field. */
export const TASK_FORM_FIELDS = [
  "title",
  "executor",
  "payload",
  "priority",
  "requires",
  "maxAttempts",
  "timeoutMs",
  "queueTimeoutMs",
  "dependsOn",
  "fanOut",
  "targetAgentId",
  "requiresRepo",
] as const;
export type TaskFormField = (typeof TASK_FORM_FIELDS)[number];
export type TaskFormErrors = Partial<Record<TaskFormField | "form", string>>;
/** Fields inside the "Advanced" disclosure: an error there opens it. */
export const ADVANCED_FIELDS: readonly TaskFormField[] = ["maxAttempts", "timeoutMs", "queueTimeoutMs", "dependsOn", "fanOut", "targetAgentId", "requiresRepo"];

const NAME = /^[A-Za-z0-9._:-]+$/;
const ID = /^[A-Za-z0-9._:@-]+$/;
export const list = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);
const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

function duration(form: FormData, name: string, maxMs: number, errors: TaskFormErrors, field: TaskFormField): number | undefined {
  const raw = text(form, name);
  if (!raw) return undefined;
  const ms = durationMs(raw);
  if (ms === null) errors[field] = `"${raw}" is not a duration: try 30s, 10m or 2h.`;
  else if (ms < 100 || ms > maxMs) errors[field] = `Between 0.1 s and ${maxMs / 86_400_000} days.`;
  return ms ?? undefined;
}

/** Client-side checks mirror the server's schema so mistakes show before the round trip; the server still decides. */
export function validateTaskForm(form: FormData): { body?: Record<string, unknown>; errors: TaskFormErrors } {
  const errors: TaskFormErrors = {};
  const title = text(form, "title");
  const executor = text(form, "executor");
  const payloadText = text(form, "payload");
  const priority = text(form, "priority") || "medium";
  const requires = list(form.get("requires"));
  if (!title) errors.title = "Give the task a title.";
  else if (title.length > 256) errors.title = "Keep the title under 256 characters.";
  if (!executor) errors.executor = "Say which executor runs it, e.g. shell.";
  else if (!NAME.test(executor)) errors.executor = "Use only letters, digits and . _ : -";
  if (!(TASK_PRIORITY_LIST as readonly string[]).includes(priority)) errors.priority = "Pick urgent, high, medium or low.";
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

  const attemptsText = text(form, "maxAttempts") || "1";
  const maxAttempts = Number(attemptsText);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) errors.maxAttempts = "A whole number from 1 to 20.";
  const timeoutMs = duration(form, "timeout", 7 * 86_400_000, errors, "timeoutMs");
  const queueTimeoutMs = duration(form, "queueTimeout", 30 * 86_400_000, errors, "queueTimeoutMs");
  const dependsOn = list(form.get("dependsOn"));
  const badDep = dependsOn.find((d) => !ID.test(d) || d.length > 128);
  if (badDep) errors.dependsOn = `"${badDep}" is not a task id.`;
  else if (dependsOn.length > 100) errors.dependsOn = "At most 100 tasks.";
  const targetAgentId = text(form, "targetAgentId");
  if (targetAgentId && !ID.test(targetAgentId)) errors.targetAgentId = "Not an agent id (letters, digits and . _ : @ -).";

  const fanOutMode = text(form, "fanOutMode");
  let fanOut: { capability: string } | { agents: string[] } | undefined;
  if (fanOutMode === "capability") {
    const capability = text(form, "fanOutCapability");
    if (!capability || !NAME.test(capability) || capability.length > 64) errors.fanOut = "Name one capability, e.g. docker.";
    else fanOut = { capability };
  } else if (fanOutMode === "agents") {
    const agents = list(form.get("fanOutAgents"));
    const bad = agents.find((a) => !ID.test(a));
    if (agents.length === 0) errors.fanOut = "List at least one agent id.";
    else if (bad) errors.fanOut = `"${bad}" is not an agent id.`;
    else fanOut = { agents };
  }
  const requiresRepo = requiresRepoFromForm(form, errors);
  if (fanOut && targetAgentId) errors.targetAgentId = "A fan-out picks its agents itself: clear the target agent or the fan-out.";

  if (Object.keys(errors).length) return { errors };
  const body: Record<string, unknown> = { title, executor, priority, requires, maxAttempts };
  if (payloadText) body.payload = payload;
  if (timeoutMs !== undefined) body.timeoutMs = timeoutMs;
  if (queueTimeoutMs !== undefined) body.queueTimeoutMs = queueTimeoutMs;
  if (dependsOn.length) body.dependsOn = dependsOn;
  if (targetAgentId) body.targetAgentId = targetAgentId;
  if (fanOut) body.fanOut = fanOut;
  if (requiresRepo) body.requiresRepo = requiresRepo;
  if (form.get("idempotent") === "on") body.idempotent = true;
  return { body, errors };
}

/** The server names the wrong field ("fanOut.capability", "dependsOn.0"); map it to the input that shows it. */
export function fieldOfServerError(field: string | undefined): TaskFormField | "form" {
  const head = field?.split(".")[0];
  return head && (TASK_FORM_FIELDS as readonly string[]).includes(head) ? (head as TaskFormField) : "form";
}
