import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillPlaceholders, needsRepo, taskFromTemplate, usesPlaceholder, type TemplateDefinition } from "@/lib/templates/expand";
import { templateNameSchema } from "@/lib/templates/name";
import { EXAMPLE_TEMPLATES } from "@/lib/templates/examples";
import { createTemplateBody } from "@/app/api/cockpit/templates/schema";
import { checkRunnable } from "@/app/api/cockpit/templates/runnable";

const review: TemplateDefinition = {
  name: "review",
  executor: "subagent",
  payload: { prompt: "Review the last commit. {args}", repo: "{repo}", cli: "claude" },
  priority: "high",
  requires: ["claude"],
  requiresRepo: null,
  targetAgentId: null,
};
const shop = { id: "shop-1a2b3c4d", name: "shop", agentId: "mac-1", remoteIdentity: "github.com/me/shop" };

describe("template expansion", () => {
  it("fills {args} and {repo} everywhere, sends the task to the repository's agent and titles it after the command", () => {
    const out = taskFromTemplate(review, { id: "cmd-1", args: "  focus on auth ", repo: shop });
    expect(out).toEqual({
      ok: true,
      task: {
        id: "cmd-1",
        title: "/review focus on auth · shop",
        executor: "subagent",
        payload: { prompt: "Review the last commit. focus on auth", repo: "shop-1a2b3c4d", cli: "claude" },
        priority: "high",
        requires: ["claude"],
        targetAgentId: "mac-1",
      },
    });
  });

  it("points the template's repository gate at the chosen repository by its remote identity, else its name", () => {
    const gated = { ...review, requiresRepo: { clean: true } };
    const withIdentity = taskFromTemplate(gated, { args: "", repo: shop });
    expect(withIdentity.ok && withIdentity.task.requiresRepo).toEqual({ clean: true, repo: "github.com/me/shop" });
    const noRemote = taskFromTemplate(gated, { args: "", repo: { ...shop, remoteIdentity: null } });
    expect(noRemote.ok && noRemote.task.requiresRepo).toEqual({ clean: true, repo: "shop" });
  });

  it("refuses a run without the repository the template needs, words it does not take, and a repository of another agent", () => {
    expect(taskFromTemplate(review, { args: "x" })).toMatchObject({ ok: false, field: "repo" });
    expect(taskFromTemplate({ ...review, payload: { command: "npm test" } }, { args: "now" })).toMatchObject({ ok: false, field: "args" });
    expect(taskFromTemplate({ ...review, targetAgentId: "build-box" }, { args: "", repo: shop })).toMatchObject({ ok: false, field: "repo" });
    // A gate alone makes the repository necessary, even when the payload never names it.
    expect(needsRepo({ payload: { command: "npm test" }, requiresRepo: { clean: true } })).toBe(true);
    expect(needsRepo({ payload: { command: "npm test" }, requiresRepo: null })).toBe(false);
  });

  it("keeps a template without payload without one, and cuts an over-long title", () => {
    const bare = taskFromTemplate({ ...review, payload: null }, { args: "" });
    expect(bare.ok && "payload" in bare.task).toBe(false);
    const long = taskFromTemplate(review, { args: "w".repeat(400), repo: shop });
    expect(long.ok && (long.task.title as string).length).toBe(256);
  });

  it("leaves every other brace and every non-string value as it was (property)", () => {
    const json = fc.jsonValue().filter((v) => !usesPlaceholder(v, "{args}") && !usesPlaceholder(v, "{repo}"));
    fc.assert(
      fc.property(json, fc.string(), (value, args) => {
        expect(fillPlaceholders(value, { "{args}": args, "{repo}": "r" })).toEqual(value);
      }),
    );
  });

  it("replaces each placeholder with exactly the words given, however often it appears (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string().filter((s) => !s.includes("{")), { minLength: 1, maxLength: 5 }), fc.string(), (parts, args) => {
        const template = parts.join("{args}");
        expect(fillPlaceholders(template, { "{args}": args })).toBe(parts.join(args));
      }),
    );
  });
});

describe("template names", () => {
  it("are slash-safe and never a built-in command", () => {
    for (const ok of ["test", "review", "plan", "commit", "deploy-prod", "a_1"]) expect(templateNameSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["", "Test", "1st", "with space", "a/b", "status", "run", "x".repeat(33)]) expect(templateNameSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe("the example templates", () => {
  it("are valid templates whose runs make valid tasks on a chosen repository", () => {
    expect(EXAMPLE_TEMPLATES.map((e) => e.name)).toEqual(["test", "review", "plan", "commit"]);
    for (const example of EXAMPLE_TEMPLATES) {
      const parsed = createTemplateBody.parse(example);
      expect(() => checkRunnable(parsed)).not.toThrow();
      expect(needsRepo(parsed)).toBe(true);
    }
  });
});
