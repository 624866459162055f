import { COMMAND_HELP } from "@/lib/command-bar/commands";
import type { ParsedCommand } from "@/lib/command-bar/parse";
import type { TemplateInfo } from "@/lib/command-bar/requests";

/** What a read command shows above the bar: lines, some of them links. */
export type OutputLine = { text: string; href?: string };
export type Output = { title: string; lines: OutputLine[] };

export type ReadCommand = Extract<ParsedCommand, { kind: "status" | "tasks" | "git" | "help" }>;

type TaskRow = { id: string; title: string; status: string };
type RepoRow = { id: string; name: string; agentId: string; branch: string | null; status: string | null; uncommittedCount: number };
type AgentRow = { agentId: string; status: string; presence?: string };

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path);
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body;
}

/** Answers /status, /tasks, /git and /help from the REST API (reads are never queued: they need the server now). */
export async function runRead(c: ReadCommand, templates: readonly TemplateInfo[]): Promise<Output> {
  switch (c.kind) {
    case "help":
      return {
        title: "Commands",
        lines: [...COMMAND_HELP.map((h) => ({ text: `${h.usage} — ${h.does}` })), ...templates.map((t) => ({ text: `/${t.name}${t.takesArgs ? " [words]" : ""} — ${t.description || "template"}` }))],
      };
    case "status": {
      const [agents, alerts, running, pending] = await Promise.all([
        getJson<{ agents: AgentRow[] }>("/api/cockpit/agents"),
        getJson<{ total: number }>("/api/cockpit/alerts?acknowledged=false&limit=1"),
        getJson<{ total: number }>("/api/cockpit/tasks?status=running&limit=1"),
        getJson<{ total: number }>("/api/cockpit/tasks?status=pending&limit=1"),
      ]);
      return {
        title: "Status",
        lines: [
          { text: `${agents.agents.length} agent${agents.agents.length === 1 ? "" : "s"} connected`, href: "/agents" },
          ...agents.agents.slice(0, 8).map((a) => ({ text: `  ${a.agentId} · ${a.presence ?? a.status}`, href: `/agents/${encodeURIComponent(a.agentId)}` })),
          { text: `${alerts.total} unacknowledged alert${alerts.total === 1 ? "" : "s"}`, href: "/alerts" },
          { text: `${running.total} running, ${pending.total} pending task${pending.total === 1 ? "" : "s"}`, href: "/tasks" },
        ],
      };
    }
    case "tasks": {
      const query = new URLSearchParams({ limit: "8" });
      if (c.status) query.set("status", c.status);
      if (c.search) query.set("search", c.search);
      const { tasks, total } = await getJson<{ tasks: TaskRow[]; total: number }>(`/api/cockpit/tasks?${query}`);
      const what = c.status ?? (c.search ? `matching “${c.search}”` : "latest");
      return {
        title: `Tasks (${what}: ${total})`,
        lines: tasks.length ? tasks.map((t) => ({ text: `${t.status} · ${t.title}`, href: `/tasks/${encodeURIComponent(t.id)}` })) : [{ text: "no tasks" }],
      };
    }
    case "git": {
      const query = new URLSearchParams({ limit: "8" });
      if (c.repo) query.set("search", c.repo);
      const { repos } = await getJson<{ repos: RepoRow[] }>(`/api/cockpit/repos?${query}`);
      return {
        title: c.repo ? `Repositories matching “${c.repo}”` : "Repositories",
        lines: repos.length
          ? repos.map((r) => ({
              text: `${r.name} · ${r.branch ?? "?"} · ${r.status ?? "unknown"}${r.uncommittedCount ? ` (${r.uncommittedCount} changed)` : ""} · ${r.agentId}`,
              href: `/repos?search=${encodeURIComponent(r.name)}`,
            }))
          : [{ text: "no repository matches" }],
      };
    }
  }
}
