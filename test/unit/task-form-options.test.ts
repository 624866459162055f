import { describe, expect, it } from "vitest";
import { reachInput, reachOf, reachText, type FormAgent } from "@/lib/dashboard/task-form-options";

const agents: FormAgent[] = [
  { id: "mac", capabilities: ["shell", "git", "gpu"], paused: false },
  { id: "ci", capabilities: ["shell", "git", "npm"], paused: false },
  { id: "idle", capabilities: ["npm", "gpu"], paused: true },
];

describe("the create form's reach preview", () => {
  it("counts agents by the scheduler's rule: every required capability, and the target if named", () => {
    expect(reachOf(agents, { executor: "shell", requires: [], targetAgentId: "" })).toEqual({ agents: 2, withExecutor: 2, paused: 1 });
    expect(reachOf(agents, { executor: "shell", requires: ["gpu"], targetAgentId: "" })).toEqual({ agents: 1, withExecutor: 1, paused: 1 });
    expect(reachOf(agents, { executor: "npm", requires: ["git"], targetAgentId: "" })).toEqual({ agents: 2, withExecutor: 1, paused: 0 });
    expect(reachOf(agents, { executor: "shell", requires: ["git"], targetAgentId: "ci" })).toEqual({ agents: 1, withExecutor: 1, paused: 0 });
    expect(reachOf(agents, { executor: "shell", requires: ["cuda"], targetAgentId: "" })).toEqual({ agents: 0, withExecutor: 0, paused: 0 });
  });

  it("reads the form's fields and says it in words", () => {
    const form = new FormData();
    form.set("executor", " npm ");
    form.set("requires", "git, gpu");
    expect(reachInput(form)).toEqual({ executor: "npm", requires: ["git", "gpu"], targetAgentId: "" });
    expect(reachText({ agents: 2, withExecutor: 1, paused: 0 }, "npm")).toBe("2 connected agents could take it; 1 announce the executor “npm”.");
    expect(reachText({ agents: 1, withExecutor: 1, paused: 1 }, "shell")).toBe(
      "1 connected agent could take it; it announces the executor “shell” (1 more paused).",
    );
    expect(reachText({ agents: 0, withExecutor: 0, paused: 0 }, "shell")).toBe("No connected agent could take it now; it waits in the queue until one can.");
  });
});
