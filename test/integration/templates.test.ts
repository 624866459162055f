import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, uid, type TaskJson as ListedTask } from "../helpers/api";
import { eventually, type RawAgent } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

type TaskJson = ListedTask & { payload: unknown };

let stack: Stack;
let agent: RawAgent;
let viewerKey: string;
let operatorKey: string;
const agentId = uid("tpl-agent");
const repoName = uid("shop");
const repoId = `${repoName}-0a1b2c3d`;

type ErrorBody = { error: { code: string; field?: string; message: string } };
const send = (path: string, body: unknown, init: { method?: string; key?: string } = {}) =>
  stack.api(path, { method: init.method ?? "POST", body: JSON.stringify(body), key: init.key });

async function expectError(res: Response, status: number, field?: string): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  expect(res.status, JSON.stringify(body)).toBe(status);
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body;
}

beforeAll(async () => {
  stack = await startStack();
  [viewerKey, operatorKey] = await Promise.all([stack.createKey("viewer"), stack.createKey("operator")]);
  agent = await connectAgent(stack, agentId, { capabilities: ["subagent"] });
  agent.send({ type: "git-status", repos: [{ id: repoId, path: `/src/${repoName}`, name: repoName, branch: "main", status: "clean" }] });
  await eventually(async () => ((await (await stack.api(`/api/cockpit/repos?agentId=${agentId}`)).json()) as { total: number }).total === 1, 10_000, "repo stored");
});
afterAll(async () => {
  agent?.close();
  await stack?.stop();
});

describe("task templates over REST", () => {
  it("refuses a bad template with the field named, and a second one of the same name", async () => {
    await expectError(await send("/api/cockpit/templates", { name: "Bad Name", executor: "shell" }), 400, "name");
    const reserved = await expectError(await send("/api/cockpit/templates", { name: "status", executor: "shell" }), 400, "name");
    expect(reserved.error.message).toContain("built-in command");
    await expectError(await send("/api/cockpit/templates", { name: uid("t"), executor: "no spaces allowed" }), 400, "executor");
    await expectError(await send("/api/cockpit/templates", { name: uid("t"), executor: "shell", priority: "asap" }), 400, "priority");
    await expectError(await send("/api/cockpit/templates", { name: uid("t"), executor: "shell", requiresRepo: { repo: "x" } }), 400, "requiresRepo");
    await expectError(await send("/api/cockpit/templates", { name: uid("t"), executor: "shell", colour: "red" }), 400);
    const name = uid("dup");
    expect((await send("/api/cockpit/templates", { name, executor: "shell" })).status).toBe(201);
    await expectError(await send("/api/cockpit/templates", { name, executor: "git" }), 409, "name");
  });

  it("lets only admins define, change and delete templates; viewers read them and may not run them", async () => {
    const name = uid("perm");
    await expectError(await send("/api/cockpit/templates", { name, executor: "shell" }, { key: operatorKey }), 403);
    await expectError(await send("/api/cockpit/templates", { name, executor: "shell" }, { key: viewerKey }), 403);
    // No agent has the capability: the task stays pending and leaves the suite's agent free.
    expect((await send("/api/cockpit/templates", { name, executor: "shell", payload: { command: "echo {args}" }, requires: ["tpl-nobody"] })).status).toBe(201);
    const listed = (await (await stack.api("/api/cockpit/templates", { key: viewerKey })).json()) as { templates: { name: string; takesArgs: boolean }[] };
    expect(listed.templates.find((t) => t.name === name)?.takesArgs).toBe(true);
    await expectError(await send(`/api/cockpit/templates/${name}`, { description: "x" }, { method: "PATCH", key: operatorKey }), 403);
    await expectError(await send(`/api/cockpit/templates/${name}/run`, { args: "hi" }, { key: viewerKey }), 403);
    const ran = await send(`/api/cockpit/templates/${name}/run`, { args: "hi" }, { key: operatorKey });
    expect(ran.status).toBe(201);
    expect(((await ran.json()) as { task: TaskJson }).task.payload).toEqual({ command: "echo hi" });

    const patched = await send(`/api/cockpit/templates/${name}`, { description: "says hi", priority: "high" }, { method: "PATCH" });
    expect(((await patched.json()) as { template: { description: string; priority: string } }).template).toMatchObject({ description: "says hi", priority: "high" });
    await expectError(await send(`/api/cockpit/templates/${name}`, { executor: "bad executor" }, { method: "PATCH" }), 400, "executor");
    expect((await stack.api(`/api/cockpit/templates/${name}`, { method: "DELETE" })).status).toBe(200);
    await expectError(await stack.api(`/api/cockpit/templates/${name}`), 404);
    await expectError(await send(`/api/cockpit/templates/${name}/run`, { args: "hi" }), 404);
  });

  it("a run fills {args} and {repo}, goes to the agent reporting the repository, and a repeated id creates nothing", async () => {
    const name = uid("test").toLowerCase();
    const created = await send("/api/cockpit/templates", {
      name,
      description: "Run the test suite with a coding agent",
      executor: "subagent",
      payload: { prompt: "Run the tests and fix what fails. {args}", repo: "{repo}" },
      requires: ["subagent"],
      priority: "high",
      requiresRepo: { clean: true },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { template: { needsRepo: boolean } }).template.needsRepo).toBe(true);

    await expectError(await send(`/api/cockpit/templates/${name}/run`, { args: "focus on checkout" }), 400, "repo");
    await expectError(await send(`/api/cockpit/templates/${name}/run`, { repo: "no-such-repo" }), 400, "repo");
    await expectError(await send(`/api/cockpit/templates/${name}/run`, { repo: repoName, id: "bad id!" }), 400, "id");

    const id = `cmd-${randomUUID()}`;
    const res = await send(`/api/cockpit/templates/${name}/run`, { id, args: "focus on checkout", repo: repoName }, { key: operatorKey });
    expect(res.status).toBe(201);
    const task = ((await res.json()) as { task: TaskJson & { requiresRepo: unknown } }).task;
    expect(task).toMatchObject({
      id,
      title: `/${name} focus on checkout · ${repoName}`,
      executor: "subagent",
      priority: "high",
      targetAgentId: agentId,
      payload: { prompt: "Run the tests and fix what fails. focus on checkout", repo: repoId },
    });
    const frame = await agent.next((f) => f.type === "task" && f.taskId === id);
    expect(frame.payload).toEqual({ prompt: "Run the tests and fix what fails. focus on checkout", repo: repoId });

    await expectError(await send(`/api/cockpit/templates/${name}/run`, { id, args: "focus on checkout", repo: repoName }), 409, "id");
    const tasks = (await (await stack.api(`/api/cockpit/tasks?search=${encodeURIComponent(`/${name}`)}`)).json()) as { total: number };
    expect(tasks.total).toBe(1);
  });

  it("validates a template like the tasks it makes, and a run like POST /tasks", async () => {
    const plain = uid("plain");
    expect((await send("/api/cockpit/templates", { name: plain, executor: "shell", payload: { command: "npm test" } })).status).toBe(201);
    await expectError(await send(`/api/cockpit/templates/${plain}/run`, { args: "extra words" }), 400, "args");
    // A template aimed at an agent that does not report the chosen repository.
    const pinned = uid("pinned");
    expect((await send("/api/cockpit/templates", { name: pinned, executor: "shell", payload: { cwd: "{repo}" }, targetAgentId: "elsewhere" })).status).toBe(201);
    await expectError(await send(`/api/cockpit/templates/${pinned}/run`, { repo: repoName }), 400, "repo");
    // Words that make the filled payload larger than a task may carry.
    const big = uid("big");
    const payload = { parts: Array.from({ length: 140 }, () => "{args}") };
    expect((await send("/api/cockpit/templates", { name: big, executor: "shell", payload })).status).toBe(201);
    await expectError(await send(`/api/cockpit/templates/${big}/run`, { args: "x".repeat(2000) }), 400, "payload");
  });
});
