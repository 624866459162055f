import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINISHED, createTask, getAgent, waitForTask } from "../helpers/api";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { git } from "./support/git-fixture";

/** Two agents on two clones of one bare remote: the git-safety reports, provenance, gates and radars end to end. */
const ALPHA = "gs-alpha";
const BETA = "gs-beta";
let stack: Stack;
let root: string;
let remote: string;
let alphaRepo: string;
let betaRepo: string;
let agentKey: string;
let alphaArgs: string[];
const agents: AgentChild[] = [];

type Repo = {
  agentId: string;
  remoteIdentity: string | null;
  headCommit: string | null;
  unpushedCount: number;
  oldestUnpushedAt: string | null;
  untrackedCount: number;
  uncommittedCount: number;
  lastFetchAt: string | null;
  worktrees: { path: string; branch?: string; sizeBytes?: number; unpushedCount?: number }[];
};
type Alert = {
  id: string;
  title: string;
  message: string | null;
  agentId: string | null;
  status: string;
  resolveReason: string | null;
  metadata: Record<string, unknown> | null;
};
type Provenance = {
  before: { head?: string; dirty: boolean };
  after: { head?: string };
  commits: { sha: string; subject: string }[];
  diffstat?: { files: number; insertions: number };
};

async function repoOf(agentId: string): Promise<Repo | undefined> {
  const res = await stack.api(`/api/cockpit/repos?agentId=${agentId}`);
  return ((await res.json()) as { repos: Repo[] }).repos[0];
}

async function alerts(): Promise<Alert[]> {
  const res = await stack.api("/api/cockpit/alerts?limit=100");
  return ((await res.json()) as { alerts: Alert[] }).alerts;
}

const alertOf = (kind: string, match: (a: Alert) => boolean = () => true) =>
  eventually(async () => (await alerts()).find((a) => a.metadata?.kind === kind && match(a)), 30_000, `${kind} alert`);

const finished = (id: string) => waitForTask(stack, id, (v) => FINISHED.includes(v.task.status), 30_000);

beforeAll(async () => {
  // Seconds instead of hours, so unpushed work ages into an alert within the test.
  stack = await startStack({ webEnv: { GIT_RADAR_INTERVAL_MS: "300", UNPUSHED_ALERT_AFTER_MS: "1500", DIRTY_ALERT_AFTER_MS: "3600000" } });
  root = mkdtempSync(join(tmpdir(), "git-safety-"));
  remote = join(root, "remote.git");
  git(root, "init", "-q", "--bare", "-b", "main", remote);
  const seed = join(root, "seed");
  git(root, "clone", "-q", remote, seed);
  writeFileSync(join(seed, "README.md"), "hello\n");
  // The task's own commit: a fixed identity, since a task gets a scrubbed environment.
  writeFileSync(
    join(seed, "commit.sh"),
    'echo "$1" > "made-$1.txt"\ngit add "made-$1.txt"\ngit -c user.name=Task -c user.email=t@example.com commit -q -m "made $1"\n',
  );
  git(seed, "add", ".");
  git(seed, "commit", "-q", "-m", "seed");
  git(seed, "push", "-q", "origin", "main");
  alphaRepo = join(root, "alpha", "app");
  betaRepo = join(root, "beta", "app");
  git(root, "clone", "-q", remote, alphaRepo);
  git(root, "clone", "-q", remote, betaRepo);

  const key = await stack.createKey("agent");
  agentKey = key;
  const common = ["--hub", stack.wsUrl, "--allow", "sh commit.sh *", "--allow", "echo **"];
  // alpha re-reads often and fetches on a schedule; beta reports only at start and after a task (its report goes stale).
  alphaArgs = [...common, "--agent-id", ALPHA, "--repo", alphaRepo, "--state-dir", join(root, "state-a"), "--poll-interval", "1s", "--fetch-every", "5s"];
  agents.push(
    spawnAgent(alphaArgs, key),
    spawnAgent([...common, "--agent-id", BETA, "--repo", betaRepo, "--state-dir", join(root, "state-b"), "--poll-interval", "1h", "--no-watch"], key),
  );
  for (const [i, id] of [ALPHA, BETA].entries()) {
    await eventually(async () => (await getAgent(stack, id))?.connected, 60_000, `${id} connected`).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${agents[i]?.output() ?? ""}`);
    });
  }
  for (const id of [ALPHA, BETA]) await eventually(() => repoOf(id), 60_000, `${id} reported its repo`);
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop("SIGKILL")));
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("git safety across two machines", () => {
  it("reports one identity for both clones, and unpushed commits, fetches and worktrees; unpushed work ages into an alert", async () => {
    const identity = `file:${remote.replace(/\.git$/, "")}`;
    expect((await repoOf(ALPHA))?.remoteIdentity).toBe(identity);
    expect((await repoOf(BETA))?.remoteIdentity).toBe(identity);

    writeFileSync(join(alphaRepo, "local.txt"), "only here\n");
    git(alphaRepo, "add", "local.txt");
    git(alphaRepo, "commit", "-q", "-m", "local work");
    git(alphaRepo, "worktree", "add", "-q", join(root, "alpha", "app-side"), "-b", "side");
    const head = git(alphaRepo, "rev-parse", "HEAD").trim();
    const repo = await eventually(
      async () => {
        const r = await repoOf(ALPHA);
        // A scan that ran while `git worktree add` was still checking out may report the worktree without its branch.
        return r && r.headCommit === head && r.unpushedCount === 1 && r.worktrees[0]?.branch === "side" && r.lastFetchAt ? r : null;
      },
      30_000,
      "alpha reports its unpushed commit and worktree",
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}: ${JSON.stringify(await repoOf(ALPHA))}`);
    });
    expect(repo.oldestUnpushedAt).not.toBeNull();
    expect(repo.worktrees).toHaveLength(1);
    expect(repo.worktrees[0]).toMatchObject({ branch: "side", unpushedCount: 1 });
    expect(repo.worktrees[0]?.sizeBytes).toBeGreaterThan(0);

    // One repository across machines by identity; search by path; alpha's commit in the work-at-risk list.
    const byIdentity = (await (await stack.api(`/api/cockpit/repos?identity=${encodeURIComponent(identity)}`)).json()) as { repos: Repo[] };
    expect(byIdentity.repos.map((r) => r.agentId).sort()).toEqual([ALPHA, BETA]);
    const searched = (await (await stack.api("/api/cockpit/repos?search=alpha%2Fapp")).json()) as { repos: Repo[] };
    expect(searched.repos.map((r) => r.agentId)).toEqual([ALPHA]);
    const atRisk = (await (await stack.api("/api/cockpit/repos/at-risk")).json()) as { repos: (Repo & { atRiskSince: string })[] };
    expect(atRisk.repos.find((r) => r.agentId === ALPHA)).toMatchObject({ unpushedCount: 1, atRiskSince: repo.oldestUnpushedAt });

    const alert = await alertOf("unpushed-work", (a) => a.agentId === ALPHA);
    expect(alert.title).toMatch(/1 unpushed commit in app/);
  });

  it("records provenance: HEAD before and after, the commit a task made and its diffstat; the task is found by commit", async () => {
    const before = git(alphaRepo, "rev-parse", "HEAD").trim();
    const id = await createTask(stack, { targetAgentId: ALPHA, payload: { command: "sh commit.sh prov", cwd: alphaRepo } });
    const view = await finished(id);
    expect(view.task.status).toBe("completed");
    const made = git(alphaRepo, "rev-parse", "HEAD").trim();
    expect(made).not.toBe(before);
    const provenance = (view.task as unknown as { provenance: Provenance }).provenance;
    expect(provenance.before.head).toBe(before);
    expect(provenance.after.head).toBe(made);
    expect(provenance.commits).toEqual([{ sha: made, subject: "made prov" }]);
    expect(provenance.diffstat).toMatchObject({ files: 1, insertions: 1 });

    const found = (await (await stack.api(`/api/cockpit/tasks?commit=${made.slice(0, 10)}`)).json()) as { tasks: { id: string }[] };
    expect(found.tasks.map((t) => t.id)).toEqual([id]);
    const none = (await (await stack.api(`/api/cockpit/tasks?commit=${before.slice(0, 10)}`)).json()) as { tasks: unknown[] };
    expect(none.tasks).toEqual([]);
    expect((await stack.api("/api/cockpit/tasks?commit=xyz")).status).toBe(400);
  });

  it("routes a gated task only to the clean agent, and the agent refuses it when it became dirty after routing", async () => {
    writeFileSync(join(alphaRepo, "scratch.txt"), "dirty\n");
    await eventually(async () => ((await repoOf(ALPHA))?.untrackedCount ?? 0) > 0, 30_000, "alpha reports itself dirty");
    // A clone URL is stored as the identity the agents report.
    const requiresRepo = { repo: remote, clean: true };
    const first = await finished(await createTask(stack, { requiresRepo, payload: { command: "echo gated" } }));
    expect(first.task).toMatchObject({ status: "completed", assignedAgentId: BETA });

    // beta's tree changes after its last report: the hub still routes to it, beta checks again and refuses.
    writeFileSync(join(betaRepo, "README.md"), "beta edits\n");
    const second = await finished(await createTask(stack, { requiresRepo, payload: { command: "echo gated again" } }));
    expect(second.task).toMatchObject({ status: "failed", assignedAgentId: BETA });
    expect(second.task.error).toMatch(/not clean: 1 uncommitted change \(README\.md\)/);

    // Nobody matches: the task says why it waits instead of sitting silent until its queue timeout.
    const waiting = await createTask(stack, { requiresRepo: { ...requiresRepo, branch: "release" }, payload: { command: "echo never" } });
    // The reason is read from the agents' last reports; beta's report of its edit may still be on its way.
    const expected = /^waiting: no agent reports repo file:\S+ clean on release \(gs-alpha: .*on main; gs-beta: 1 uncommitted change, on main\)$/;
    let seen: string | null = null;
    const detail = await eventually(async () => {
      const d = (await (await stack.api(`/api/cockpit/tasks/${waiting}`)).json()) as { task: { status: string }; waiting: string | null };
      seen = d.waiting;
      return d.waiting !== null && expected.test(d.waiting) ? d : null;
    }, 15_000, "the wait reason naming beta's uncommitted change").catch((error: unknown) => {
      throw new Error(`${String(error)}; last reason: ${seen}`);
    });
    expect(detail.task.status).toBe("pending");
    expect((await stack.api(`/api/cockpit/tasks/${waiting}/cancel`, { method: "POST" })).status).toBe(200);
  });

  it("raises a conflict when both machines changed the same file of one repository", async () => {
    writeFileSync(join(alphaRepo, "README.md"), "alpha edits\n");
    // A task on beta makes it report again (its provenance snapshot re-reads the repository).
    await finished(await createTask(stack, { targetAgentId: BETA, payload: { command: "echo refresh", cwd: betaRepo } }));
    const alert = await alertOf("conflict");
    expect(alert.metadata?.files).toEqual(["README.md"]);
    expect(alert.message).toContain(`${ALPHA} (main)`);
    expect(alert.message).toContain(`${BETA} (main)`);
    // The radar checks the two heads by itself on alpha, which has beta's (pushed) head: alpha's commits merge cleanly.
    const checked = await alertOf("conflict", (a) => /Their commits merge cleanly/.test(a.message ?? ""));
    expect(checked.message).toContain(`Their commits merge cleanly (git merge-tree on ${ALPHA})`);
    const radar = (await (await stack.api("/api/cockpit/repos/conflicts")).json()) as { conflicts: { files: string[]; a: { agentId: string } }[] };
    expect(radar.conflicts).toMatchObject([{ files: ["README.md"], a: { agentId: ALPHA }, mergeCheck: { verdict: "clean", agentId: ALPHA } }]);
  });

  it("says whether two machines' commits merge cleanly or conflict (git merge-tree on the machine that has both)", async () => {
    const other = join(root, "other");
    git(root, "clone", "-q", remote, other);
    const commitOn = (branch: string, file: string, text: string) => {
      git(other, "checkout", "-q", "-B", branch, "origin/main");
      writeFileSync(join(other, file), text);
      git(other, "add", file);
      git(other, "-c", "user.name=O", "-c", "user.email=o@example.com", "commit", "-q", "-m", branch);
      git(other, "push", "-q", "origin", branch);
      return git(other, "rev-parse", "HEAD").trim();
    };
    const ours = commitOn("one", "shared.txt", "one\n");
    const theirs = commitOn("two", "shared.txt", "two\n");
    const elsewhere = commitOn("three", "elsewhere.txt", "three\n");
    // Both sides' commits become reachable on alpha with a fetch.
    git(alphaRepo, "fetch", "-q", "origin");
    const check = async (a: string, b: string) => {
      const view = await finished(await createTask(stack, { targetAgentId: ALPHA, executor: "git", payload: { action: "merge-check", ours: a, theirs: b } }));
      return view.task.result as { verdict: string; conflicts: string[] };
    };
    expect(await check(ours, theirs)).toMatchObject({ verdict: "conflicting", conflicts: ["shared.txt"] });
    expect(await check(ours, elsewhere)).toMatchObject({ verdict: "clean", conflicts: [] });
    expect(await check(ours, "0000000000000000000000000000000000000001")).toMatchObject({ verdict: "unknown" });
  });

  it("runs the merge check of a conflicting pair by itself and says their commits conflict, once per pair of heads", async () => {
    const as = (who: string) => ["-c", `user.name=${who}`, "-c", `user.email=${who}@example.com`];
    // beta commits its README edit, pushes it to a branch of its own and edits on; alpha fetches it, then commits its own.
    git(betaRepo, ...as("beta"), "commit", "-qam", "beta readme");
    git(betaRepo, "push", "-q", "origin", "HEAD:refs/heads/beta-readme");
    writeFileSync(join(betaRepo, "README.md"), "beta edits more\n");
    git(alphaRepo, "fetch", "-q", "origin");
    git(alphaRepo, ...as("alpha"), "commit", "-qm", "alpha readme", "README.md");
    await finished(await createTask(stack, { targetAgentId: BETA, payload: { command: "echo refresh", cwd: betaRepo } }));
    const alert = await alertOf("conflict", (a) => /conflict when merged/.test(a.message ?? ""));
    expect(alert.message).toContain(`Their commits conflict when merged (git merge-tree on ${ALPHA}): README.md.`);
    const radar = (await (await stack.api("/api/cockpit/repos/conflicts")).json()) as { conflicts: { mergeCheck: unknown }[] };
    expect(radar.conflicts).toMatchObject([{ mergeCheck: { verdict: "conflicting", conflicts: ["README.md"], agentId: ALPHA } }]);
  });

  it("says which unpushed work went offline with an agent", async () => {
    await agents[0]?.stop("SIGTERM");
    const alert = await alertOf("offline-unpushed", (a) => a.agentId === ALPHA);
    expect(alert.title).toBe(`${ALPHA} went offline with 3 unpushed commits on main (app)`);
  });

  it("resolves what cleared: pushed work, the conflict gone, the agent back; no pair of heads was checked twice", async () => {
    git(betaRepo, "-c", "user.name=beta", "-c", "user.email=beta@example.com", "commit", "-qam", "beta more");
    const refreshBeta = async () => finished(await createTask(stack, { targetAgentId: BETA, payload: { command: "echo refresh", cwd: betaRepo } }));
    await refreshBeta();
    const raised = await alertOf("unpushed-work", (a) => a.agentId === BETA && a.status === "open");
    expect(raised.title).toMatch(/^gs-beta: 1 unpushed commit in app for/);

    git(betaRepo, "push", "-q", "origin", "HEAD:refs/heads/beta-readme");
    await refreshBeta();
    const pushed = await alertOf("unpushed-work", (a) => a.id === raised.id && a.status === "resolved");
    expect(pushed.resolveReason).toMatch(/no commit there is unpushed past the limit/);
    // beta holds nothing local any more: the pair no longer touches the same files.
    const gone = await alertOf("conflict", (a) => a.status === "resolved");
    expect(gone.resolveReason).toBe("the two machines no longer have local changes to the same files");

    agents.push(spawnAgent(alphaArgs, agentKey));
    const back = await alertOf("offline-unpushed", (a) => a.agentId === ALPHA && a.status === "resolved");
    expect(back.resolveReason).toBe("the agent is back online");

    type CheckTask = { createdBy: string; targetAgentId: string; payload: { ours: string; theirs: string } };
    const checks = (await (await stack.api("/api/cockpit/tasks?executor=git&limit=200")).json()) as { tasks: CheckTask[] };
    // Each machine is asked about a pair of heads at most once.
    const pairs = checks.tasks
      .filter((t) => t.createdBy === "git-radar")
      .map((t) => `${t.targetAgentId}:${[t.payload.ours, t.payload.theirs].sort().join("..")}`);
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
