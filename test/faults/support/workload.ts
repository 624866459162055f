/** The tasks a fault run creates (seeded mix of idempotent, retried and flaky ones) and the barrier that waits for them all to end. */
import { workCommand, type WorkMode } from "./real-agents";
import { TERMINAL } from "./invariants";

export type TaskSpec = { id: string; idempotent: boolean; maxAttempts: number; mode: WorkMode };

type Api = (path: string, init?: RequestInit) => Promise<Response>;

/** Half idempotent; a fifth flaky (the first run fails, so a retry must follow); the rest with one or two attempts. */
export function planWave(random: () => number, prefix: string, count: number): TaskSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const flaky = random() < 0.2;
    return {
      id: `${prefix}-${String(i).padStart(2, "0")}`,
      idempotent: random() < 0.5,
      mode: flaky ? "flaky" : "ok",
      maxAttempts: flaky ? 2 + Math.floor(random() * 2) : 1 + Math.floor(random() * 2),
    };
  });
}

export async function createTasks(api: Api, specs: readonly TaskSpec[], extra: Record<string, unknown> = {}): Promise<void> {
  for (const s of specs) {
    const body = {
      id: s.id,
      title: `fault run ${s.id}`,
      executor: "shell",
      payload: { command: workCommand(s.mode) },
      idempotent: s.idempotent,
      maxAttempts: s.maxAttempts,
      ...extra,
    };
    const res = await api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`create task ${s.id}: HTTP ${res.status} ${await res.text()}`);
  }
}

/** Counts of tasks by status (the list's `total` for each status filter). */
export async function countByStatus(api: Api, statuses: readonly string[] = ["pending", "assigned", "running", ...TERMINAL]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const status of statuses) {
    const res = await api(`/api/cockpit/tasks?status=${status}&limit=1`, { signal: AbortSignal.timeout(15_000) });
    if (res.status !== 200) throw new Error(`tasks?status=${status}: HTTP ${res.status}`);
    counts[status] = ((await res.json()) as { total: number }).total;
  }
  return counts;
}

/**
 * A barrier: resolves once no task is pending, assigned or running (with how long that took), or after `timeoutMs`
 * with what was still open; the invariants then name each stuck task.
 */
export async function waitAllEnded(api: Api, timeoutMs: number): Promise<{ endedAfterMs: number | null; open: Record<string, number> | string }> {
  const started = Date.now();
  let last: Record<string, number> | string = "no answer yet";
  while (Date.now() - started < timeoutMs) {
    try {
      const open = await countByStatus(api, ["pending", "assigned", "running"]);
      if (Object.values(open).every((n) => n === 0)) return { endedAfterMs: Date.now() - started, open };
      last = open;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { endedAfterMs: null, open: last };
}
