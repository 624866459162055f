/** The contract test's cases for the task template routes; they share its stack and the repository its agent reports. */
import { expect } from "vitest";
import { uid } from "./api";
import type { ContractContext } from "./openapi-contract-cases";

const json = (body: unknown, method = "POST"): RequestInit => ({ method, body: JSON.stringify(body) });

export async function exerciseTemplates({ stack, check }: ContractContext, repo: { id: string; agentId: string }, viewerKey: string): Promise<void> {
  const name = uid("contract").toLowerCase();
  const base = `/api/cockpit/templates/${name}`;
  const body = { name, executor: "subagent", payload: { prompt: "Review {args}", repo: "{repo}" }, requires: ["contract-none"] };
  const created = (await check("post", "/api/cockpit/templates", await stack.api("/api/cockpit/templates", json(body)))) as { template: { needsRepo: boolean } };
  expect(created.template.needsRepo).toBe(true);
  await check("post", "/api/cockpit/templates", await stack.api("/api/cockpit/templates", json(body)));
  await check("post", "/api/cockpit/templates", await stack.api("/api/cockpit/templates", json({ name: "Not Slash Safe", executor: "shell" })));
  await check("get", "/api/cockpit/templates", await stack.api("/api/cockpit/templates", { key: viewerKey }));
  await check("get", "/api/cockpit/templates/{name}", await stack.api(base));
  await check("get", "/api/cockpit/templates/{name}", await stack.api("/api/cockpit/templates/no-such-template"));
  await check("patch", "/api/cockpit/templates/{name}", await stack.api(base, json({ description: "contract", requiresRepo: { clean: true } }, "PATCH")));
  await check("patch", "/api/cockpit/templates/{name}", await stack.api(base, json({ priority: "never" }, "PATCH")));
  const id = uid("contract-run");
  const ran = (await check("post", "/api/cockpit/templates/{name}/run", await stack.api(`${base}/run`, json({ id, args: "the diff", repo: repo.id, agentId: repo.agentId })))) as {
    task: { id: string; targetAgentId: string };
  };
  expect(ran.task).toMatchObject({ id, targetAgentId: repo.agentId });
  await check("post", "/api/cockpit/templates/{name}/run", await stack.api(`${base}/run`, json({ id, args: "the diff", repo: repo.id })));
  await check("post", "/api/cockpit/templates/{name}/run", await stack.api(`${base}/run`, json({ args: "no repository" })));
  await check("post", "/api/cockpit/templates/{name}/run", await stack.api("/api/cockpit/templates/no-such-template/run", json({})));
  await check("delete", "/api/cockpit/templates/{name}", await stack.api(base, { method: "DELETE" }));
  await check("delete", "/api/cockpit/templates/{name}", await stack.api(base, { method: "DELETE" }));
}
