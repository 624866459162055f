import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TASK_EXTENSIONS, connectAgent, createAlert, createTask, uid, waitForStatus } from "../helpers/api";
import { eventually, type RawAgent } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

/** The activity feed's REST route against one real hub and web: what each source contributes, filters, paging both ways. */

type Entry = { id: string; at: string; kind: string; type: string; title: string; message: string | null; agentId: string | null; repo: string | null; actor: string | null; subjectId: string | null };
type Page = { entries: Entry[]; nextCursor: string | null; newerCursor: string | null };

let stack: Stack;
let agent: RawAgent;
const agentId = uid("feed-agent");
const repoId = uid("feed-repo");
let taskId: string;
let alertId: string;

async function feed(query: string, key?: string): Promise<Page> {
  const res = await stack.api(`/api/cockpit/activity?${query}`, key ? { key } : {});
  if (res.status !== 200) throw new Error(`activity ${query}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Page;
}

async function feedHas(query: string, match: (e: Entry) => boolean, label: string): Promise<Entry[]> {
  let entries: Entry[] = [];
  await eventually(async () => (entries = (await feed(query)).entries).some(match), 15_000, label);
  return entries;
}

beforeAll(async () => {
  stack = await startStack();
  agent = await connectAgent(stack, agentId, { capabilities: ["feed"], extensions: TASK_EXTENSIONS });
  const report = (branch: string, status: string) =>
    agent.send({ type: "git-status", repos: [{ id: repoId, path: `/src/${repoId}`, name: repoId, branch, status, uncommittedCount: status === "dirty" ? 1 : 0, modifiedFiles: [] }] });
  report("main", "clean");
  await feedHas(`kind=git&repo=${repoId}`, (e) => e.type === "seen", "repo seen");
  report("fix", "dirty");

  taskId = await createTask(stack, { title: "feed task", targetAgentId: agentId, requires: ["feed"] });
  await agent.next((f) => f.type === "task" && f.taskId === taskId);
  agent.send({ type: "task-accepted", taskId });
  agent.send({ type: "task-result", taskId, status: "completed", result: { ok: true } });
  await waitForStatus(stack, taskId, "completed");

  alertId = await createAlert(stack, { severity: "warning", title: "feed alert", agentId });
  expect((await stack.api(`/api/cockpit/alerts/ack/${alertId}`, { method: "POST", body: JSON.stringify({ comment: "on it" }) })).status).toBe(200);
  // An operator command on a task that never runs: cancelled while pending.
  const cancelled = await createTask(stack, { title: "feed cancelled", requires: [uid("nobody-has-this")] });
  expect((await stack.api(`/api/cockpit/tasks/${cancelled}/cancel`, { method: "POST" })).status).toBe(200);
});
afterAll(async () => {
  agent?.close();
  await stack?.stop();
});

describe("GET /api/cockpit/activity", () => {
  it("has the task's life, newest first, filtered to the agent", async () => {
    const entries = await feedHas(`kind=task&agent=${agentId}`, (e) => e.type === "completed" && e.subjectId === taskId, "task completed");
    const ofTask = entries.filter((e) => e.subjectId === taskId);
    expect(ofTask.map((e) => e.type)).toEqual(expect.arrayContaining(["completed", "created"]));
    expect(ofTask[0]!.type).toBe("completed");
    expect(ofTask.at(-1)!.type).toBe("created");
    expect(entries.every((e) => e.kind === "task" && e.agentId === agentId)).toBe(true);
    expect(Date.parse(entries[0]!.at)).toBeGreaterThanOrEqual(Date.parse(entries.at(-1)!.at));
  });

  it("has git changes per repository, the agent joining, the alert raised and acknowledged, and the operator's command", async () => {
    const git = await feedHas(`kind=git&repo=${repoId}`, (e) => e.type === "branch", "branch change");
    expect(git.find((e) => e.type === "branch")!.title).toContain("main → fix");
    expect(git.find((e) => e.type === "status")!.title).toContain("clean → dirty");
    expect((await feed(`kind=agent&agent=${agentId}`)).entries.map((e) => e.type)).toContain("online");
    const alerts = (await feed(`kind=alert&agent=${agentId}`)).entries;
    expect(alerts.map((e) => e.type)).toEqual(["acknowledged", "triggered"]);
    expect(alerts[0]).toMatchObject({ subjectId: alertId, message: "on it" });
    const commands = (await feed("kind=command")).entries;
    expect(commands.map((e) => e.type)).toContain("task.cancel");
  });

  it("a repo filter keeps only entries about that repository", async () => {
    const entries = (await feed(`repo=${repoId}`)).entries;
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.every((e) => e.repo === repoId)).toBe(true);
  });

  it("pages older with cursor and back newer with after, each entry once, in the same order", async () => {
    const whole = (await feed(`agent=${agentId}&limit=200`)).entries;
    expect(whole.length).toBeGreaterThanOrEqual(6);
    const older: Entry[] = [];
    let page = await feed(`agent=${agentId}&limit=2`);
    expect(page.newerCursor).toBeNull();
    older.push(...page.entries);
    while (page.nextCursor) {
      page = await feed(`agent=${agentId}&limit=2&cursor=${page.nextCursor}`);
      expect(page.newerCursor).not.toBeNull();
      older.push(...page.entries);
    }
    expect(older.map((e) => e.id)).toEqual(whole.map((e) => e.id));

    // Back up from the oldest page: `after` reads the entries just newer, each page newest first.
    const newer: Entry[] = [];
    let after = await feed(`agent=${agentId}&limit=2&cursor=${(await feed(`agent=${agentId}&limit=${whole.length - 1}`)).nextCursor}`);
    expect(after.entries.map((e) => e.id)).toEqual([whole.at(-1)!.id]);
    let cursor = after.newerCursor;
    while (cursor) {
      after = await feed(`agent=${agentId}&limit=2&after=${cursor}`);
      newer.unshift(...after.entries);
      cursor = after.newerCursor;
    }
    expect(newer.map((e) => e.id)).toEqual(whole.slice(0, -1).map((e) => e.id));
  });

  it("a viewer may read it", async () => {
    const viewer = await stack.createKey("viewer");
    expect((await feed(`kind=task&agent=${agentId}`, viewer)).entries.length).toBeGreaterThan(0);
  });

  it("refuses a bad filter or cursor by naming the field", async () => {
    for (const [query, field] of [
      ["kind=weather", "kind"],
      ["cursor=bm90LWEtY3Vyc29y", "cursor"],
      [`after=${Buffer.from("12:z:1").toString("base64url")}`, "after"],
      [`cursor=${Buffer.from("12:t:1").toString("base64url")}&after=${Buffer.from("12:t:1").toString("base64url")}`, "after"],
      ["limit=0", "limit"],
    ] as const) {
      const res = await stack.api(`/api/cockpit/activity?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field, query).toBe(field);
    }
  });
});
