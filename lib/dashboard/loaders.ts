import "server-only";
import { loadAgentHealth } from "../fleet/list-health";
import { listAgents } from "../db/queries/agents";
import { countOpenAlertsBySeverity, listAlerts } from "../db/queries/alerts";
import { countReposByStatus, listRepos } from "../db/queries/repos";
import { getDb } from "../db/client";
import { activeTasksByAgent, countTasksByStatus, getTask, listAttempts, listChildren, listTaskEvents, listTasks } from "../tasks/store";
import { agentJson, alertJson, repoJson, taskEventJson, taskJson } from "../db/serialize";
import { ApiError } from "../http/errors";
import { decodeCursor, encodeCursor, pageOf, type Cursor } from "../http/paging";
import { iso } from "../http/time";
import { countTasks, listTaskPage, taskWalk } from "../tasks/list";
import { encodeTaskCursor } from "../tasks/list-cursor";
import { pageCursors } from "../tasks/list-query";
import type { AlertFilters, RepoFilters, TaskFilters, TaskListParams } from "./filters";
import { TASK_STATUS_LIST, type ActiveTask, type TaskDetailJson } from "./types";
import { gateWaitReasonOf } from "../git-safety/gate-wait-store";
import type { TaskFormOptions } from "./task-form-options";

/** Server-render data for each page, read straight from the database (the same rows REST returns). */
export const PAGE_SIZE = 50;

function cursorOrUndefined(cursor: string | undefined): Cursor | undefined {
  try {
    return cursor ? decodeCursor(cursor) : undefined;
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}

export async function loadOverview() {
  const [tasks, repos, alerts, agents] = await Promise.all([
    countTasksByStatus(await getDb()),
    countReposByStatus(),
    countOpenAlertsBySeverity(),
    listAgents(),
  ]);
  // Busy is what the agents hold, not the status they last announced (a spec agent at full concurrency may say "online").
  const active = await activeTasksByAgent(await getDb());
  const agentCounts = { online: 0, busy: 0, paused: 0, offline: 0 };
  for (const a of agents) {
    if (!a.connected) agentCounts.offline++;
    else if (a.pausedAt !== null) agentCounts.paused++;
    else if (a.status === "busy" || (active.get(a.id)?.length ?? 0) > 0) agentCounts.busy++;
    else agentCounts.online++;
  }
  return { tasks, repos, alerts, agents: agentCounts, agentTotal: agents.length };
}

/** A page of the tasks table in its sort; a cursor that does not fit (edited URL, other sort) shows the first page. */
export async function loadTasks(f: TaskListParams) {
  const sort = f.sort ?? "created";
  let cursors: ReturnType<typeof pageCursors> = {};
  try {
    cursors = pageCursors(sort, { after: f.after, before: f.before, cursor: f.cursor });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  const { status, executor, search } = f;
  const page = await listTaskPage(await getDb(), { status, executor, search, sort, order: f.order ?? "desc", limit: f.limit ?? PAGE_SIZE, ...cursors });
  return {
    tasks: page.rows.map((t) => taskJson(t, { withLogs: false })),
    total: page.total,
    totalExact: page.totalExact,
    start: page.start,
    nextCursor: page.next && encodeTaskCursor(page.next),
    prevCursor: page.prev && encodeTaskCursor(page.prev),
  };
}

/** The board: the newest tasks of each state (same filters as the table), so every column starts filled. */
export const BOARD_COLUMN_SIZE = 30;
export async function loadBoard(f: TaskFilters) {
  const db = await getDb();
  const columns = await Promise.all(TASK_STATUS_LIST.map((status) => taskWalk(db, { ...f, status }, "created", true, undefined, BOARD_COLUMN_SIZE)));
  const counts = await Promise.all(TASK_STATUS_LIST.map((status) => countTasks(db, { ...f, status })));
  const totals = {
    counts: Object.fromEntries(TASK_STATUS_LIST.map((s, i) => [s, counts[i]!.total])) as Record<(typeof TASK_STATUS_LIST)[number], number>,
    exact: counts.every((c) => c.exact),
  };
  return { tasks: columns.flatMap((c) => c.map((t) => taskJson(t, { withLogs: false }))), totals };
}

/** GET /api/cockpit/tasks/:id and the task page. */
export async function loadTask(id: string): Promise<TaskDetailJson | null> {
  const db = await getDb();
  const task = await getTask(db, { id });
  if (!task) return null;
  const [events, attempts, children, waiting] = await Promise.all([
    listTaskEvents(db, { taskId: id }),
    listAttempts(db, { taskId: id }),
    task.kind === "fan-out" ? listChildren(db, { parentId: id }) : [],
    gateWaitReasonOf(db, task),
  ]);
  return {
    task: taskJson(task),
    waiting,
    events: events.map(taskEventJson),
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      agentId: a.agentId,
      assignedAt: iso(a.assignedAt),
      startedAt: iso(a.startedAt),
      endedAt: iso(a.endedAt),
      outcome: a.outcome,
      reason: a.reason,
    })),
    children: children.map((c) => taskJson(c, { withLogs: false })),
  };
}

/** Agent ids for the create form's suggestions (connected first). */
export async function loadAgentIds(): Promise<string[]> {
  const agents = await listAgents();
  return agents.sort((a, b) => Number(b.connected) - Number(a.connected) || a.id.localeCompare(b.id)).map((a) => a.id);
}

export async function loadAlerts(f: AlertFilters) {
  const acknowledged = f.acknowledged === undefined ? undefined : f.acknowledged === "true";
  const { rows, total } = await listAlerts({ severity: f.severity, acknowledged, status: f.status, limit: PAGE_SIZE, cursor: cursorOrUndefined(f.cursor) });
  const { page, nextCursor } = pageOf(rows, PAGE_SIZE);
  return { alerts: page.map(alertJson), total, nextCursor };
}

/** A page of repos (keyset-paged: page N costs what page 1 costs), with each watching agent's presence. */
export async function loadRepos(f: RepoFilters) {
  const { rows, total } = await listRepos({ ...f, limit: 200, cursor: cursorOrUndefined(f.cursor) });
  const page = rows.slice(0, 200);
  const last = page[page.length - 1];
  const nextCursor = rows.length > 200 && last ? encodeCursor({ createdAt: last.lastChecked, id: last.key }) : null;
  const presence = Object.fromEntries((await listAgents()).map((a) => [a.id, { connected: a.connected, disconnectedAt: iso(a.disconnectedAt) }]));
  return { repos: page.map(repoJson), total, nextCursor, presence };
}

/** Agents with the tasks they hold now (assigned or running), by title. */
export async function loadAgents() {
  const db = await getDb();
  const [agents, assigned, running] = await Promise.all([
    listAgents(),
    listTasks(db, { status: "assigned", limit: 200 }),
    listTasks(db, { status: "running", limit: 200 }),
  ]);
  const activeTasks: Record<string, ActiveTask[]> = {};
  for (const t of [...assigned.rows, ...running.rows]) {
    if (t.assignedAgentId) (activeTasks[t.assignedAgentId] ??= []).push({ id: t.id, title: t.title });
  }
  return { agents: agents.map(agentJson), activeTasks, health: await loadAgentHealth(agents.map((a) => a.id)) };
}

/** The create form's suggestions: connected agents with their capabilities, and the repositories agents report. */
export async function loadTaskFormOptions(): Promise<TaskFormOptions> {
  const agents = await listAgents({ connected: true });
  const repos = await listRepos({ limit: 500 });
  const identities = new Set(repos.rows.map((r) => r.remoteIdentity).filter((id): id is string => Boolean(id)));
  return {
    agents: agents.map((a) => ({ id: a.id, capabilities: a.capabilities, paused: a.pausedAt !== null })),
    capabilities: [...new Set(agents.flatMap((a) => a.capabilities))].sort(),
    repos: [...identities].sort(),
  };
}
