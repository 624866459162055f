/**
 * Where a queue forms while a dispatch stage runs: every 200 ms the hub's outbox depth (its /health), the tasks
 * waiting in the database by status (read directly from the file), and how late the load generator's own event loop
 * runs (if the bench process were the bottleneck, this would grow instead of the others).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Client } from "@libsql/client";

export type QueueSample = { atMs: number; outbox: number; inFlight: number; pending: number; assigned: number; running: number };
export type QueueReport = {
  samples: QueueSample[];
  max: Omit<QueueSample, "atMs">;
  /** The outbox's counters (batches, round trips to the web) at the end of the stage. */
  outboxStats?: unknown;
  /** The bench process's event-loop delay over the stage, ms. */
  loadGeneratorLagMs: { p50: number; p99: number; max: number };
};

export function sampleQueues(hubUrl: string, db: Client, everyMs = 200): { stop: () => Promise<QueueReport> } {
  const samples: QueueSample[] = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const t0 = Date.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const [health, rs] = await Promise.all([
          fetch(`${hubUrl}/health`).then((r) => r.json() as Promise<{ outboxDepth?: number; outbox?: { inFlight?: number } }>),
          db.execute("SELECT status, count(*) AS n FROM cockpit_tasks WHERE status IN ('pending', 'assigned', 'running') GROUP BY status"),
        ]);
        const by = new Map(rs.rows.map((r) => [String(r.status), Number(r.n)]));
        samples.push({
          atMs: Date.now() - t0,
          outbox: health.outboxDepth ?? 0,
          inFlight: health.outbox?.inFlight ?? 0,
          pending: by.get("pending") ?? 0,
          assigned: by.get("assigned") ?? 0,
          running: by.get("running") ?? 0,
        });
      } catch {
        /* a busy hub or a locked read: skip this sample */
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      lag.disable();
      const max = (k: keyof Omit<QueueSample, "atMs">) => samples.reduce((m, s) => Math.max(m, s[k]), 0);
      const outboxStats = await fetch(`${hubUrl}/health`)
        .then((r) => r.json() as Promise<{ outbox?: unknown }>)
        .then((h) => h.outbox)
        .catch(() => undefined);
      return {
        samples,
        outboxStats,
        max: { outbox: max("outbox"), inFlight: max("inFlight"), pending: max("pending"), assigned: max("assigned"), running: max("running") },
        loadGeneratorLagMs: { p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
      };
    },
  };
}
