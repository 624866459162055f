import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createExecutors, type TaskContext } from "../../agent/exec/executors";
import { resolveRepoRoot, resolveWorkdir } from "../../agent/exec/workdir";
import { repoIdFor } from "../../agent/git/git-state";

const root = mkdtempSync(join(tmpdir(), "agent-exec-"));
const repo = join(root, "repo");
const other = join(root, "other");
mkdirSync(join(repo, "sub"), { recursive: true });
mkdirSync(other);
symlinkSync(other, join(repo, "escape"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const executors = createExecutors({
  allow: ["pwd", "printenv **"],
  taskEnv: { FROM_CONFIG: "yes" },
  killGraceMs: 200,
  maxOutputChars: 10_000,
  stateDir: root,
  templates: { say: { argv: ["echo", "prompt={prompt}", "{n}"], cwd: "none" }, inrepo: { argv: ["pwd"], cwd: "repo" } },
  watchedRepos: () => [repo],
  refreshRepo: () => undefined,
});
const ctx = (payload: unknown): TaskContext => ({ taskId: "t1", payload, timeoutMs: 5000, signal: new AbortController().signal, onOutput: () => undefined });
const run = (name: string, payload: unknown) => executors.get(name)!(ctx(payload));

describe("working directories", () => {
  it("accepts the repo, a folder inside it, or its id; refuses anything outside, symlinks included", async () => {
    expect(await resolveWorkdir(undefined, [repo])).toBe(repo);
    expect(await resolveWorkdir("sub", [repo])).toBe(join(repo, "sub"));
    expect(await resolveWorkdir(repoIdFor(repo), [repo, other])).toBe(repo);
    await expect(resolveWorkdir("/etc", [repo])).rejects.toThrow(/outside the watched repositories/);
    await expect(resolveWorkdir("../other", [repo])).rejects.toThrow(/outside/);
    await expect(resolveWorkdir("escape", [repo])).rejects.toThrow(/outside/);
    await expect(resolveWorkdir(undefined, [repo, other])).rejects.toThrow(/payload.cwd is required/);
    await expect(resolveWorkdir(undefined, [])).rejects.toThrow(/watches no repositories/);
  });
});

describe("executors", () => {
  it("shell runs in the requested folder inside a watched repo", async () => {
    const outcome = await run("shell", { command: "pwd", cwd: "sub" });
    expect(outcome).toMatchObject({ status: "completed", logs: `${join(repo, "sub")}\n` });
  });

  it("shell refuses a cwd outside the repos and an invalid payload", async () => {
    expect((await run("shell", { command: "pwd", cwd: "/tmp" })).result.error).toMatch(/^refused: working directory \/tmp is outside/);
    expect((await run("shell", { command: 42 })).result.error).toMatch(/invalid shell payload: payload.command/);
  });

  it("tasks see the scrubbed environment plus the config's env and their task id", async () => {
    process.env.COCKPIT_KEY = "must-not-leak";
    const outcome = await run("shell", { argv: ["printenv"] });
    delete process.env.COCKPIT_KEY;
    expect(outcome.logs).toContain("FROM_CONFIG=yes");
    expect(outcome.logs).toContain("COCKPIT_TASK_ID=t1");
    expect(outcome.logs).not.toContain("must-not-leak");
  });

  it("template executors fill placeholders as single arguments", async () => {
    const outcome = await run("say", { prompt: "a b; $(id)", n: 3 });
    expect(outcome).toMatchObject({ status: "completed", logs: "prompt=a b; $(id) 3\n" });
    expect((await run("say", { n: 1 })).result.error).toBe("refused: payload.prompt is required by this executor (a string, number or boolean)");
    expect((await run("inrepo", {})).logs).toBe(`${repo}\n`);
  });

  it("git refuses an unknown action", async () => {
    expect((await run("git", { action: "push" })).result.error).toMatch(/invalid git payload/);
  });

  it("refuses a template that shadows a built-in", () => {
    expect(() =>
      createExecutors({
        allow: [],
        taskEnv: {},
        killGraceMs: 1,
        maxOutputChars: 1000,
        stateDir: root,
        templates: { shell: { argv: ["x"], cwd: "none" } },
        watchedRepos: () => [],
        refreshRepo: () => undefined,
      }),
    ).toThrow(/clashes/);
  });
});

describe("git runs only at the top of a watched repository", () => {
  it("accepts the repo's path or id (or nothing, with one repo) and refuses a folder inside, naming it", async () => {
    expect(await resolveRepoRoot(undefined, [repo])).toBe(repo);
    expect(await resolveRepoRoot(repo, [repo, other])).toBe(repo);
    expect(await resolveRepoRoot(repoIdFor(other), [repo, other])).toBe(other);
    await expect(resolveRepoRoot(join(repo, "sub"), [repo])).rejects.toThrow(`${join(repo, "sub")} is not the top folder of a watched repository`);
    await expect(resolveRepoRoot("sub", [repo])).rejects.toThrow(/^sub is not the top folder/);
    await expect(resolveRepoRoot(join(repo, "escape"), [repo])).rejects.toThrow(/is not the top folder/);
    await expect(resolveRepoRoot(undefined, [repo, other])).rejects.toThrow(/payload.repo is required/);
  });

  it("the git executor refuses a folder inside the repository before running anything", async () => {
    const outcome = await run("git", { action: "fetch", repo: join(repo, "sub") });
    expect(outcome.result.error).toBe(
      `refused: ${join(repo, "sub")} is not the top folder of a watched repository; git runs only there (watched: ${repoIdFor(repo)})`,
    );
  });
});
