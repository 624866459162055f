import "server-only";
import { getDb } from "../db/client";
import { agentJson, repoJson, taskJson } from "../db/serialize";
import { iso } from "../http/time";
import { agentRepos, availability, getAgentRow, recentTasks, taskStats } from "./agent-detail";
import { listSamples } from "./metrics-store";

const DAY_MS = 24 * 3600_000;

/** Everything the agent page renders, read once on the server; null when there is no such agent. */
export async function loadAgentPage(id: string, now = Date.now()) {
  const row = await getAgentRow(id);
  if (!row) return null;
  const db = await getDb();
  const [day, week, stats, tasks, repos, samples] = await Promise.all([
    availability(id, "24h", now),
    availability(id, "7d", now),
    taskStats(id, now - 7 * DAY_MS),
    recentTasks(id, 20),
    agentRepos(id),
    listSamples(db, id, now - DAY_MS),
  ]);
  const slots = (s: typeof day) => s.map((x) => ({ from: iso(x.from)!, state: x.state }));
  return {
    agent: agentJson(row),
    availability: { day: slots(day), week: slots(week) },
    stats,
    tasks: tasks.map((t) => taskJson(t, { withLogs: false })),
    repos: repos.map(repoJson),
    samples: samples.map((s) => ({
      at: s.at,
      cpu: s.cpuPercent,
      mem: s.memUsedPercent,
      disk: s.diskUsedPercent,
      battery: s.batteryPercent,
    })),
    window: { from: now - DAY_MS, to: now },
  };
}
