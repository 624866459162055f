/** Repo rows of two agents never collide, whatever their ids and paths contain. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function report(agentId: string, path: string, branch: string): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
  agent.send({ type: "agent-status", agentId, status: "online" });
  agent.send({ type: "git-status", repos: [{ id: "app", path, name: "app", branch, status: "clean" }] });
  return agent;
}

describe("repo rows", () => {
  it("keep `build` + `C:/src/app` and `build:C` + `/src/app` apart", async () => {
    const a = await report("build", "C:/src/app", "from-build");
    const b = await report("build:C", "/src/app", "from-build-c");
    const repos = await eventually(
      async () => {
        const body = (await (await stack.api("/api/cockpit/repos")).json()) as { repos: { agentId: string; path: string; branch: string }[] };
        const mine = body.repos.filter((r) => r.agentId === "build" || r.agentId === "build:C");
        return mine.length === 2 ? mine : null;
      },
      15_000,
      "both agents' repos stored",
    );
    expect(repos.map((r) => `${r.agentId}|${r.path}|${r.branch}`).sort()).toEqual(["build:C|/src/app|from-build-c", "build|C:/src/app|from-build"]);
    // A later report updates its own row only.
    a.send({ type: "git-status", repos: [{ id: "app", path: "C:/src/app", name: "app", branch: "moved-on", status: "dirty" }] });
    await eventually(
      async () => {
        const body = (await (await stack.api("/api/cockpit/repos?agentId=build")).json()) as { repos: { branch: string }[] };
        return body.repos[0]?.branch === "moved-on";
      },
      15_000,
      "update stored",
    );
    const other = (await (await stack.api("/api/cockpit/repos?agentId=build:C")).json()) as { repos: { branch: string }[] };
    expect(other.repos.map((r) => r.branch)).toEqual(["from-build-c"]);
    a.close();
    b.close();
  });
});
