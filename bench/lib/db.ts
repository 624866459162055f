/** Direct libSQL access for the bench: migrate a temp file, seed big tables fast, count rows. */
import { createClient, type Client, type InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { join } from "node:path";
import { ROOT } from "../../scripts/stack";

export function openDb(dbPath: string): Client {
  return createClient({ url: `file:${dbPath}` });
}

/** The web's own migrations, so seeding can happen before the web first starts. */
export async function migrateDb(client: Client): Promise<void> {
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA busy_timeout = 5000");
  await migrate(drizzle(client), { migrationsFolder: join(ROOT, "drizzle") });
}

export async function countRows(client: Client, sql: string, args: (string | number)[] = []): Promise<number> {
  const rs = await client.execute({ sql, args });
  return Number(rs.rows[0]?.[0] ?? 0);
}

/** Seeded rows are spaced 1 ms apart, ending an hour ago, so growing a table only adds newer rows. */
const SEED_BASE = Date.now() - 3600_000 - 2_000_000;
const ROWS_PER_STATEMENT = 400;
const STATEMENTS_PER_TRANSACTION = 25;

/** Inserts rows [from, to) with multi-row INSERTs, 10,000 rows per transaction. */
async function seedRange(
  client: Client,
  from: number,
  to: number,
  table: string,
  columns: string[],
  values: (i: number) => (string | number)[],
): Promise<void> {
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  let statements: InStatement[] = [];
  for (let start = from; start < to; start += ROWS_PER_STATEMENT) {
    const end = Math.min(to, start + ROWS_PER_STATEMENT);
    const args: (string | number)[] = [];
    for (let i = start; i < end; i++) args.push(...values(i));
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${Array(end - start)
        .fill(placeholders)
        .join(",")}`,
      args,
    });
    if (statements.length === STATEMENTS_PER_TRANSACTION) {
      await client.batch(statements, "write");
      statements = [];
    }
  }
  if (statements.length > 0) await client.batch(statements, "write");
}

/** Mostly finished work, as a long-running cockpit accumulates it; few pending so the sweep stays idle. */
export function seededTaskStatus(i: number): string {
  const bucket = (i * 7919) % 100;
  if (bucket < 85) return "completed";
  if (bucket < 93) return "failed";
  if (bucket < 96) return "cancelled";
  if (bucket < 98) return "timed_out";
  if (bucket < 99) return "pending";
  return "running";
}

export async function seedTasks(client: Client, from: number, to: number): Promise<void> {
  const cols = ["id", "title", "executor", "status", "priority", "priority_rank", "created_by", "created_at", "updated_at", "completed_at"];
  await seedRange(client, from, to, "cockpit_tasks", cols, (i) => {
    const at = SEED_BASE + i;
    return [
      `task_seed_${String(i).padStart(8, "0")}`,
      `Seeded task ${i}: run the nightly checks`,
      i % 3 === 0 ? "shell" : "subagent",
      seededTaskStatus(i),
      "medium",
      2,
      "bench",
      at,
      at,
      at,
    ];
  });
}

export async function seedAlerts(client: Client, from: number, to: number): Promise<void> {
  const cols = ["id", "severity", "title", "message", "source", "acknowledged", "created_at"];
  const severities = ["info", "warning", "critical"];
  await seedRange(client, from, to, "cockpit_alerts", cols, (i) => [
    `alert_seed_${String(i).padStart(8, "0")}`,
    severities[i % 3]!,
    `Seeded alert ${i}`,
    "disk usage above threshold",
    "bench",
    (i * 7919) % 10 < 7 ? 1 : 0,
    SEED_BASE + i,
  ]);
}

/** `repos` rows over agents of 20 repos each, plus the offline agents that own them. */
export async function seedRepos(client: Client, repos: number): Promise<void> {
  const agentCount = Math.ceil(repos / 20);
  await seedRange(client, 0, agentCount, "cockpit_agents", ["id", "status", "connected", "last_seen_at"], (a) => [`seed-agent-${a}`, "offline", 0, SEED_BASE]);
  const statuses = ["clean", "dirty", "ahead", "behind", "diverged"];
  const cols = ["id", "agent_id", "repo_id", "path", "name", "branch", "status", "last_checked", "created_at"];
  await seedRange(client, 0, repos, "cockpit_git_repos", cols, (i) => {
    const agentId = `seed-agent-${Math.floor(i / 20)}`;
    const path = `/home/dev/src/repo-${i % 20}`;
    return [`${agentId}:${path}`, agentId, `repo-${i}`, path, `repo-${i % 20}`, "main", statuses[i % 5]!, SEED_BASE + i, SEED_BASE];
  });
}
