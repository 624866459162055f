"use client";
import { useCallback, useEffect, useState } from "react";
import type { RepoChoice, TemplateInfo } from "@/lib/command-bar/requests";
import { REPO_KEY } from "@/lib/command-bar/storage";

const CONTEXT_KEY = "cockpit-command-context";

type Context = { templates: TemplateInfo[]; repos: RepoChoice[] };

function cached(): Context {
  try {
    const value = JSON.parse(localStorage.getItem(CONTEXT_KEY) ?? "null") as Context | null;
    if (value && Array.isArray(value.templates) && Array.isArray(value.repos)) return value;
  } catch {
    // a damaged copy is refetched
  }
  return { templates: [], repos: [] };
}

const repoKey = (r: RepoChoice) => `${r.agentId}/${r.id}`;

/**
 * The templates (the bar's `/<name>` commands) and the repositories agents report, read when the bar opens and kept
 * on the device, so a command typed offline still knows `/test` and the chosen repository.
 */
export function useBarContext() {
  const [context, setContext] = useState<Context>({ templates: [], repos: [] });
  const [repoChoice, setRepoChoice] = useState<string>("");

  /** Reads both again; resolves to what it read, or null when it could not (the copy kept stands). */
  const refresh = useCallback(async (): Promise<Context | null> => {
    try {
      const [t, r] = await Promise.all([fetch("/api/cockpit/templates"), fetch("/api/cockpit/repos?limit=200")]);
      if (!t.ok || !r.ok) return null;
      const templates = ((await t.json()) as { templates: TemplateInfo[] }).templates;
      const repos = ((await r.json()) as { repos: RepoChoice[] }).repos.map(({ id, name, agentId }) => ({ id, name, agentId }));
      const next = { templates, repos: repos.sort((a, b) => a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId)) };
      localStorage.setItem(CONTEXT_KEY, JSON.stringify(next));
      setContext(next);
      return next;
    } catch {
      // offline: the copy kept on the device stands
      return null;
    }
  }, []);

  useEffect(() => {
    setContext(cached());
    setRepoChoice(localStorage.getItem(REPO_KEY) ?? "");
    void refresh();
  }, [refresh]);

  const choose = useCallback((key: string) => {
    setRepoChoice(key);
    localStorage.setItem(REPO_KEY, key);
  }, []);

  const repo = context.repos.find((r) => repoKey(r) === repoChoice);
  return { ...context, repo, repoChoice: repo ? repoChoice : "", choose, refresh, repoKey };
}
