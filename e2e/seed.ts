import { connectAgent } from "../test/helpers/api";
import type { RawAgent } from "../test/helpers/raw-agent";
import type { Stack } from "../test/helpers/stack";

/** A believable control room for screenshots: three agents, repos in every state, tasks and alerts. */
export async function seedDemo(stack: Stack, agentKey: string): Promise<{ agents: RawAgent[]; completedTaskId: string }> {
  const post = async (path: string, body: unknown) => {
    const res = await stack.api(path, { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, { id: string }>;
  };

  const gone = await connectAgent(stack, "old-laptop", { key: agentKey, capabilities: ["git"] });
  gone.close();
  const mac = await connectAgent(stack, "mac-studio", { key: agentKey, capabilities: ["git", "npm", "node", "macos"] });
  const box = await connectAgent(stack, "build-box", { key: agentKey, capabilities: ["git", "docker", "linux"] });
  mac.send({
    type: "git-status",
    repos: [
      {
        id: "cockpit",
        path: "/Users/ana/src/cockpit",
        name: "cockpit",
        branch: "feature/dashboard",
        status: "dirty",
        uncommittedCount: 3,
        aheadCount: 0,
        behindCount: 0,
        modifiedFiles: ["app/page.tsx", "components/live/live-provider.tsx", "lib/env.ts"],
      },
      { id: "website", path: "/Users/ana/src/website", name: "website", branch: "main", status: "clean" },
      { id: "infra", path: "/Users/ana/src/infra", name: "infra", branch: "main", status: "ahead", aheadCount: 2 },
    ],
  });
  box.send({
    type: "git-status",
    repos: [
      { id: "api", path: "/srv/build/api", name: "api", branch: "release/2.4", status: "behind", behindCount: 5 },
      {
        id: "mobile",
        path: "/srv/build/mobile",
        name: "mobile",
        branch: "main",
        status: "diverged",
        aheadCount: 1,
        behindCount: 3,
        uncommittedCount: 1,
        modifiedFiles: ["ios/Podfile.lock"],
      },
    ],
  });

  // Fails once (a flaky test), is retried after the backoff, then passes: the task page shows both attempts.
  const done = await post("/api/cockpit/tasks", {
    title: "Run unit tests for cockpit",
    executor: "shell",
    payload: { command: "npm test", cwd: "/Users/ana/src/cockpit" },
    requires: ["npm", "macos"],
    maxAttempts: 2,
    timeoutMs: 600_000,
  });
  const doneId = done.task!.id;
  await mac.next((f) => f.type === "task" && f.taskId === doneId);
  mac.send({
    type: "task-result",
    taskId: doneId,
    status: "failed",
    result: { exitCode: 1 },
    logs: " ✗ test/integration/auth.test.ts > refuses a revoked key (timeout)\n",
  });
  await mac.next((f) => f.type === "task" && f.taskId === doneId, 20_000);
  const logs = [
    "> cockpit@0.1.0 test",
    "> vitest run",
    "",
    " ✓ test/unit/protocol.test.ts (38 tests) 41ms",
    " ✓ test/unit/scheduler.test.ts (21 tests) 18ms",
    " ✓ test/integration/auth.test.ts (12 tests) 2.1s",
    "",
    " Test Files  3 passed (3)",
    "      Tests  71 passed (71)",
    "",
  ].join("\n");
  mac.send({ type: "task-result", taskId: doneId, status: "completed", result: { exitCode: 0, durationMs: 2231 }, logs });

  const failed = await post("/api/cockpit/tasks", {
    title: "Lint the website",
    executor: "shell",
    payload: { command: "npm run lint" },
    requires: ["npm", "macos"],
  });
  await mac.next((f) => f.type === "task" && f.taskId === failed.task!.id);
  mac.send({
    type: "task-result",
    taskId: failed.task!.id,
    status: "failed",
    result: { exitCode: 1 },
    logs: "src/index.ts:12:5  error  'x' is assigned a value but never used\n✖ 1 problem (1 error, 0 warnings)\n",
  });

  const running = await post("/api/cockpit/tasks", {
    title: "Build release images",
    executor: "docker",
    payload: { image: "api:2.4.1" },
    requires: ["docker"],
    priority: "high",
  });
  await box.next((f) => f.type === "task" && f.taskId === running.task!.id);
  box.send({ type: "agent-status", agentId: "build-box", status: "busy" });
  for (const title of ["Train the ranking model", "Render the demo video"]) {
    await post("/api/cockpit/tasks", { title, executor: "python", payload: { script: "train.py" }, requires: ["gpu"] });
  }

  await post("/api/cockpit/alerts", {
    severity: "critical",
    title: "Disk almost full on build-box",
    message: "/var is 97% full; builds will fail soon.",
    source: "node-exporter",
    agentId: "build-box",
  });
  await post("/api/cockpit/alerts", {
    severity: "warning",
    title: "mobile has diverged from origin",
    message: "1 ahead, 3 behind on main.",
    source: "cockpit",
  });
  const info = await post("/api/cockpit/alerts", { severity: "info", title: "Nightly backup finished", message: "412 MB in 3 min.", source: "restic" });
  await stack.api(`/api/cockpit/alerts/ack/${info.alert!.id}`, { method: "POST" });
  return { agents: [mac, box], completedTaskId: doneId };
}
