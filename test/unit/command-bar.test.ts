import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWrite, parseCommand } from "@/lib/command-bar/parse";
import { requestFor, stateOfTask, type TemplateInfo } from "@/lib/command-bar/requests";
import { sendRequest, withTaskChange, type FeedbackItem } from "@/lib/command-bar/send";
import { dequeue, enqueue, historyStep, HISTORY_MAX, loadQueue, pushHistory, type KeyValueStore } from "@/lib/command-bar/storage";

const templates: TemplateInfo[] = [
  { name: "test", description: "run the tests", needsRepo: true, takesArgs: true },
  { name: "status-report", description: "", needsRepo: false, takesArgs: false },
];
const names = templates.map((t) => t.name);
const repo = { id: "shop-1a2b3c4d", name: "shop", agentId: "mac-1" };

describe("parseCommand", () => {
  it("reads every built-in with its arguments", () => {
    expect(parseCommand("  ", names)).toEqual({ kind: "empty" });
    expect(parseCommand("/status", names)).toEqual({ kind: "status" });
    expect(parseCommand("/STATUS", names)).toEqual({ kind: "status" });
    expect(parseCommand("/help", names)).toEqual({ kind: "help" });
    expect(parseCommand("/tasks", names)).toEqual({ kind: "tasks" });
    expect(parseCommand("/tasks failed", names)).toEqual({ kind: "tasks", status: "failed" });
    expect(parseCommand("/tasks deploy web", names)).toEqual({ kind: "tasks", search: "deploy web" });
    expect(parseCommand("/git", names)).toEqual({ kind: "git" });
    expect(parseCommand("/git shop", names)).toEqual({ kind: "git", repo: "shop" });
    expect(parseCommand("/ack alert_12", names)).toEqual({ kind: "ack", alertId: "alert_12" });
    expect(parseCommand("/cancel task_9", names)).toEqual({ kind: "cancel", taskId: "task_9" });
  });

  it("reads /run as an executor with a command or a JSON payload", () => {
    expect(parseCommand("/run shell npm test -- --watch=false", names)).toEqual({ kind: "run", executor: "shell", payload: { command: "npm test -- --watch=false" } });
    expect(parseCommand('/run git {"op":"status"}', names)).toEqual({ kind: "run", executor: "git", payload: { op: "status" } });
    expect(parseCommand("/run deploy", names)).toEqual({ kind: "run", executor: "deploy" });
    expect(parseCommand("/run git {not json", names)).toMatchObject({ kind: "invalid", message: expect.stringContaining("JSON") });
    expect(parseCommand("/run bad/exec x", names)).toMatchObject({ kind: "invalid", message: expect.stringContaining("executor") });
    expect(parseCommand("/run", names)).toMatchObject({ kind: "invalid", message: expect.stringContaining("usage") });
  });

  it("says what is wrong with a command it cannot send", () => {
    expect(parseCommand("/ack", names)).toMatchObject({ kind: "invalid", message: "usage: /ack <alert id>" });
    expect(parseCommand("/cancel two ids", names)).toMatchObject({ kind: "invalid", message: expect.stringContaining("not an id") });
    expect(parseCommand("/status now", names)).toMatchObject({ kind: "invalid" });
    expect(parseCommand("/deploy prod", names)).toMatchObject({ kind: "invalid", message: expect.stringContaining("unknown command /deploy") });
  });

  it("reads a template by name, and everything else as a prompt", () => {
    expect(parseCommand("/test focus on checkout", names)).toEqual({ kind: "template", name: "test", args: "focus on checkout" });
    expect(parseCommand("/status-report", names)).toEqual({ kind: "template", name: "status-report", args: "" });
    expect(parseCommand("fix the flaky login test", names)).toEqual({ kind: "prompt", text: "fix the flaky login test" });
    expect(parseCommand("//etc/hosts is wrong", names)).toEqual({ kind: "prompt", text: "/etc/hosts is wrong" });
  });

  it("never throws, and text without a leading slash is always a prompt of itself, trimmed (property)", () => {
    fc.assert(
      fc.property(fc.string(), (line) => {
        const parsed = parseCommand(line, names);
        if (line.trim() && !line.trim().startsWith("/")) expect(parsed).toEqual({ kind: "prompt", text: line.trim() });
      }),
    );
  });

  it("queues only what changes something", () => {
    expect(["/ack a", "/cancel t", "/run shell ls", "/test x", "hello"].map((l) => isWrite(parseCommand(l, names)))).toEqual([true, true, true, true, true]);
    expect(["/status", "/tasks", "/git", "/help"].map((l) => isWrite(parseCommand(l, names)))).toEqual([false, false, false, false]);
  });
});

describe("requestFor", () => {
  const ctx = { repo, templates, newId: "cmd-1" };

  it("sends a prompt to the coding agent of the chosen repository, under the client's task id", () => {
    expect(requestFor({ kind: "prompt", text: "fix it" }, ctx)).toEqual({
      ok: true,
      request: {
        path: "/api/cockpit/tasks",
        taskId: "cmd-1",
        body: { id: "cmd-1", title: "fix it", executor: "subagent", payload: { prompt: "fix it", repo: repo.id }, targetAgentId: "mac-1" },
      },
    });
    expect(requestFor({ kind: "prompt", text: "fix it" }, { ...ctx, repo: undefined })).toEqual({ ok: false, message: expect.stringContaining("repository") });
  });

  it("runs a template with its words and, when it needs one, the repository and its agent", () => {
    expect(requestFor({ kind: "template", name: "test", args: "fast" }, ctx)).toEqual({
      ok: true,
      request: { path: "/api/cockpit/templates/test/run", taskId: "cmd-1", body: { id: "cmd-1", args: "fast", repo: repo.id, agentId: "mac-1" } },
    });
    expect(requestFor({ kind: "template", name: "status-report", args: "" }, ctx)).toMatchObject({ ok: true, request: { body: { id: "cmd-1", args: "" } } });
    expect(requestFor({ kind: "template", name: "status-report", args: "x" }, ctx)).toMatchObject({ ok: false, message: expect.stringContaining("no arguments") });
    expect(requestFor({ kind: "template", name: "test", args: "" }, { ...ctx, repo: undefined })).toMatchObject({ ok: false });
  });

  it("creates a /run task in the chosen repository, and acks and cancels by id", () => {
    expect(requestFor({ kind: "run", executor: "shell", payload: { command: "ls" } }, ctx)).toMatchObject({
      ok: true,
      request: { body: { id: "cmd-1", title: "/run shell ls", executor: "shell", payload: { repo: repo.id, command: "ls" }, targetAgentId: "mac-1" } },
    });
    expect(requestFor({ kind: "run", executor: "deploy" }, { ...ctx, repo: undefined })).toMatchObject({ ok: true, request: { body: { executor: "deploy" } } });
    expect(requestFor({ kind: "ack", alertId: "a/b" }, ctx)).toEqual({ ok: true, request: { path: "/api/cockpit/alerts/ack/a%2Fb" } });
    expect(requestFor({ kind: "cancel", taskId: "t1" }, ctx)).toEqual({ ok: true, request: { path: "/api/cockpit/tasks/t1/cancel" } });
  });

  it("maps a task's status to what the sender sees", () => {
    expect(["pending", "assigned", "running", "completed", "failed", "timed_out", "cancelled"].map(stateOfTask)).toEqual([
      "sent",
      "sent",
      "running",
      "done",
      "failed",
      "failed",
      "failed",
    ]);
  });
});

describe("sendRequest", () => {
  const request = { path: "/api/cockpit/tasks", body: { id: "cmd-1" }, taskId: "cmd-1" };
  const answer = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));

  it("counts a repeat the server already took (409 on our id) as sent, and reads the task", async () => {
    const calls: string[] = [];
    const fake = ((path: string) => {
      calls.push(path);
      return path === "/api/cockpit/tasks"
        ? answer(409, { error: { code: "conflict", field: "id", message: "exists" } })
        : answer(200, { task: { id: "cmd-1", status: "running", error: null } });
    }) as typeof fetch;
    expect(await sendRequest(request, fake)).toEqual({ kind: "ok", task: { id: "cmd-1", status: "running", error: null } });
    expect(calls).toEqual(["/api/cockpit/tasks", "/api/cockpit/tasks/cmd-1"]);
  });

  it("keeps a command for later when the server is out of reach or unavailable, and refuses on a 4xx", async () => {
    expect(await sendRequest(request, (() => Promise.reject(new TypeError("offline"))) as typeof fetch)).toMatchObject({ kind: "retry" });
    expect(await sendRequest(request, (() => answer(503, { error: { message: "storage" } })) as typeof fetch)).toEqual({ kind: "retry", message: "storage" });
    expect(await sendRequest(request, (() => answer(400, { error: { field: "executor", message: "executor: bad" } })) as typeof fetch)).toEqual({
      kind: "refused",
      message: "executor: bad",
    });
  });
});

describe("withTaskChange", () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const sending: FeedbackItem = { key: "cmd-1", text: "tidy", state: "sending", taskId: "cmd-1" };

  it("keeps a running change that overtook the POST's pending answer", () => {
    const running = withTaskChange([sending], { id: "cmd-1", status: "running", error: null, updatedAt: at(2_000) });
    expect(running[0]).toMatchObject({ state: "running", version: 2_000 });
    const late = withTaskChange(running, { id: "cmd-1", status: "pending", error: null, updatedAt: at(1_000) });
    expect(late[0]?.state).toBe("running");
    const answerWithoutTime = withTaskChange(running, { id: "cmd-1", status: "pending", error: null });
    expect(answerWithoutTime[0]?.state).toBe("running");
  });

  it("moves on to a newer change, with the reason when it failed, and leaves other items alone", () => {
    const other: FeedbackItem = { key: "cmd-2", text: "other", state: "sent", taskId: "cmd-2" };
    const failed = withTaskChange([sending, other], { id: "cmd-1", status: "failed", error: "2 tests failed", updatedAt: at(3_000) });
    expect(failed[0]).toMatchObject({ state: "failed", reason: "2 tests failed" });
    expect(failed[1]).toBe(other);
  });
});

describe("history and queue on the device", () => {
  function memory(): KeyValueStore {
    const map = new Map<string, string>();
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
  }

  it("keeps lines newest last, without repeats in a row, and at most HISTORY_MAX", () => {
    let h: string[] = [];
    for (const line of ["/status", "/status", " ", "fix it", "/status"]) h = pushHistory(h, line);
    expect(h).toEqual(["/status", "fix it", "/status"]);
    for (let i = 0; i < 80; i++) h = pushHistory(h, `line ${i}`);
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h.at(-1)).toBe("line 79");
  });

  it("walks ↑ to older lines and ↓ back to the draft", () => {
    const h = ["a", "b"];
    let at = 2;
    const up1 = historyStep(h, at, -1, "draft");
    expect(up1).toEqual({ at: 1, text: "b" });
    const up2 = historyStep(h, up1.at, -1, "draft");
    expect(historyStep(h, up2.at, -1, "draft")).toEqual({ at: 0, text: "a" });
    at = historyStep(h, up2.at, 1, "draft").at;
    expect(historyStep(h, at, 1, "draft")).toEqual({ at: 2, text: "draft" });
  });

  it("queues each command once under its key and drops it when sent; a damaged store reads as empty", () => {
    const store = memory();
    const entry = { key: "cmd-1", text: "hi", request: { path: "/api/cockpit/tasks", taskId: "cmd-1" }, queuedAt: 1 };
    enqueue(store, entry);
    enqueue(store, entry);
    enqueue(store, { ...entry, key: "cmd-2" });
    expect(loadQueue(store).map((q) => q.key)).toEqual(["cmd-1", "cmd-2"]);
    dequeue(store, "cmd-1");
    expect(loadQueue(store).map((q) => q.key)).toEqual(["cmd-2"]);
    store.setItem("cockpit-command-queue", "{not json");
    expect(loadQueue(store)).toEqual([]);
  });
});
