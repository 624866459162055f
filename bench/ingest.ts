/** 2. Ingest: git-status from many agents, fully persisted (checked by counting rows), vs direct batched upserts. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InStatement } from "@libsql/client";
import { connectPool } from "./lib/agent-pool";
import { countRows, migrateDb, openDb } from "./lib/db";
import type { BenchStack } from "./lib/stack";
import { nowMs, row, until, type ResultRow } from "./lib/stats";

export type IngestSizes = { agents: number; reposPerAgent: number; rounds: number };

const STATUSES = ["clean", "dirty", "ahead", "behind", "diverged"] as const;

function repo(agentIndex: number, repoIndex: number, round: number) {
  return {
    id: `repo-${agentIndex}-${repoIndex}`,
    path: `/home/dev/src/project-${repoIndex}`,
    name: `project-${repoIndex}`,
    branch: "main",
    status: STATUSES[(repoIndex + round) % STATUSES.length]!,
    uncommittedCount: round,
    aheadCount: 0,
    behindCount: 0,
    modifiedFiles: round % 2 === 0 ? ["src/index.ts"] : [],
  };
}

async function measureCockpit(
  stack: BenchStack,
  agentKey: string,
  s: IngestSizes,
): Promise<{ perSecond: number; persisted: number; expected: number; elapsedMs: number }> {
  const pool = await connectPool({ wsUrl: stack.wsUrl, key: agentKey, count: s.agents, idPrefix: "ingest-agent" });
  const db = openDb(stack.dbPath);
  const expected = s.agents * s.reposPerAgent;
  const finalRound = s.rounds - 1;
  const countFinal = () => countRows(db, "SELECT count(*) FROM cockpit_git_repos WHERE agent_id LIKE 'ingest-agent-%' AND uncommitted_count = ?", [finalRound]);
  try {
    await until(
      async () => (await countRows(db, "SELECT count(*) FROM cockpit_agents WHERE connected = 1 AND id LIKE 'ingest-agent-%'")) >= s.agents,
      30_000,
      100,
    );
    const start = nowMs();
    for (let round = 0; round < s.rounds; round++) {
      for (const agent of pool.agents) {
        agent.send({ type: "git-status", repos: Array.from({ length: s.reposPerAgent }, (_, r) => repo(agent.index, r, round)) });
      }
      // Yield so the socket writes go out round by round, as agents reporting on a timer would.
      await new Promise((r) => setImmediate(r));
    }
    await until(async () => (await countFinal()) >= expected, 180_000, 25);
    const elapsedMs = nowMs() - start;
    const persisted = await countFinal();
    return { perSecond: (s.agents * s.reposPerAgent * s.rounds) / (elapsedMs / 1000), persisted, expected, elapsedMs };
  } finally {
    db.close();
    await pool.close();
  }
}

const UPSERT = `INSERT INTO cockpit_git_repos (id, agent_id, repo_id, path, name, branch, status, uncommitted_count, ahead_count, behind_count, modified_files, last_checked, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET agent_id = excluded.agent_id, repo_id = excluded.repo_id, path = excluded.path, name = excluded.name,
    branch = excluded.branch, status = excluded.status, uncommitted_count = excluded.uncommitted_count, ahead_count = excluded.ahead_count,
    behind_count = excluded.behind_count, modified_files = excluded.modified_files, last_checked = excluded.last_checked`;

/** The same rows upserted straight through @libsql/client, 200 frames per transaction (the outbox's batch). */
async function measureBaseline(s: IngestSizes): Promise<{ perSecond: number; persisted: number }> {
  const dir = mkdtempSync(join(tmpdir(), "cockpit-bench-ingest-"));
  const db = openDb(join(dir, "base.db"));
  try {
    await migrateDb(db);
    const start = nowMs();
    let batch: InStatement[] = [];
    let frames = 0;
    for (let round = 0; round < s.rounds; round++) {
      for (let a = 0; a < s.agents; a++) {
        const agentId = `ingest-agent-${a}`;
        const now = Date.now();
        for (let r = 0; r < s.reposPerAgent; r++) {
          const g = repo(a, r, round);
          batch.push({
            sql: UPSERT,
            args: [
              `${agentId}:${g.path}`,
              agentId,
              g.id,
              g.path,
              g.name,
              g.branch,
              g.status,
              g.uncommittedCount,
              0,
              0,
              JSON.stringify(g.modifiedFiles),
              now,
              now,
            ],
          });
        }
        if (++frames % 200 === 0) {
          await db.batch(batch, "write");
          batch = [];
        }
      }
    }
    if (batch.length > 0) await db.batch(batch, "write");
    const elapsedMs = nowMs() - start;
    const persisted = await countRows(db, "SELECT count(*) FROM cockpit_git_repos WHERE uncommitted_count = ?", [s.rounds - 1]);
    return { perSecond: (s.agents * s.reposPerAgent * s.rounds) / (elapsedMs / 1000), persisted };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIngest(stack: BenchStack, sizes: IngestSizes): Promise<{ rows: ResultRow[]; detail: unknown }> {
  const agentKey = await stack.createKey("agent");
  const baseline = await measureBaseline(sizes);
  const cockpit = await measureCockpit(stack, agentKey, sizes);
  const lost = cockpit.expected - cockpit.persisted;
  const rows = [
    row({
      section: "ingest",
      metric: `${sizes.agents} agents × ${sizes.reposPerAgent} repos × ${sizes.rounds} rounds`,
      value: cockpit.perSecond,
      unit: "repo updates/s",
      baseline: baseline.perSecond,
      baselineLabel: "direct batched upserts",
      direction: "higher-is-better",
      goal: "≥ 5,000/s and ≥ 50 % of baseline",
      meetsGoal: lost === 0 && cockpit.perSecond >= 5000 && cockpit.perSecond >= 0.5 * baseline.perSecond,
      note: `${cockpit.persisted}/${cockpit.expected} final rows persisted (${lost} lost) in ${Math.round(cockpit.elapsedMs)} ms`,
    }),
  ];
  return { rows, detail: { cockpit, baseline } };
}
