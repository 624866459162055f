/**
 * 7. The cost of one request: CPU ms the web's processes spend per request (from /proc, all threads), for a refused
 * request, a one-task page and a task created with no agent connected, beside a bare node:http server in its own
 * process doing the same answer (bare-http.ts). What no change of ours can go below is the framework's share.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBaselineProcess } from "./lib/bare-baseline";
import { freePort, groupCpuMs, type BenchStack } from "./lib/stack";
import { row, type ResultRow } from "./lib/stats";

export type RequestSizes = { requests: number; concurrency: number };

type Probe = { label: string; web: (i: number) => Promise<Response>; bare: (i: number) => Promise<Response>; status: number };

/** CPU ms per request of a process group while `concurrency` clients send `n` requests; every answer must be `status`. */
async function cpuPerRequest(group: number, n: number, concurrency: number, status: number, send: (i: number) => Promise<Response>): Promise<number> {
  for (let i = 0; i < 20; i++) await (await send(-1 - i)).arrayBuffer(); // warm: route modules load on first use
  const before = groupCpuMs(group);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const res = await send(next++);
        await res.arrayBuffer();
        if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}`);
      }
    }),
  );
  return (groupCpuMs(group) - before) / n;
}

async function startBareHttp(dbPath: string): Promise<{ url: string; group: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc = await startBaselineProcess("bare-http.ts", [String(port), dbPath], "bare http server");
  return { url: `http://127.0.0.1:${port}`, group: proc.pid, stop: proc.stop };
}

export async function benchRequests(stack: BenchStack, sizes: RequestSizes): Promise<{ rows: ResultRow[]; detail: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), "cockpit-bench-http-"));
  const bare = await startBareHttp(join(dir, "bare.db"));
  const run = `${Date.now().toString(36)}`;
  const created = (i: number) => JSON.stringify({ id: `bench-req-${run}-${i}`, title: `request bench ${i}`, executor: "shell" });
  const probes: Probe[] = [
    {
      label: "refused (no key): 401",
      web: () => fetch(`${stack.webUrl}/api/cockpit/tasks?limit=1`),
      bare: () => fetch(`${bare.url}/unauthorized`),
      status: 401,
    },
    { label: "GET a one-task page", web: () => stack.api("/api/cockpit/tasks?limit=1"), bare: () => fetch(`${bare.url}/page`), status: 200 },
    {
      label: "POST a task, no agent connected",
      web: (i) => stack.api("/api/cockpit/tasks", { method: "POST", body: created(i) }),
      bare: (i) => fetch(`${bare.url}/create`, { method: "POST", body: created(i), headers: { "content-type": "application/json" } }),
      status: 201,
    },
  ];
  const rows: ResultRow[] = [];
  const detail: Record<string, { webMs: number; bareMs: number }> = {};
  try {
    const webGroup = stack.webProc()!.child.pid!;
    for (const p of probes) {
      const webMs = await cpuPerRequest(webGroup, sizes.requests, sizes.concurrency, p.status, p.web);
      const bareMs = await cpuPerRequest(bare.group, sizes.requests, sizes.concurrency, p.status, p.bare);
      detail[p.label] = { webMs, bareMs };
      rows.push(
        row({
          section: "requests",
          metric: `${p.label}: CPU per request`,
          value: webMs,
          unit: "ms",
          baseline: bareMs,
          baselineLabel: "bare node:http, same answer",
          direction: "lower-is-better",
          note: `${sizes.requests} requests, ${sizes.concurrency} at a time; all processes and threads of each server (/proc)`,
        }),
      );
    }
  } finally {
    await bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, detail };
}
