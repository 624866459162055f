import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { insertAlert } from "../db/queries/alerts";
import type { AlertRow } from "../db/serialize";

/**
 * The git-safety radars' only door to alerts (the alert lifecycle is another change: the lead wires dedupKey to it).
 * Today the alert id is derived from the dedupKey, so the same situation is never raised twice; the keys include
 * what makes a situation new (the oldest unpushed commit, the dirty-since time, the files and heads).
 */
type GitAlert = { kind: "unpushed-work" | "dirty-tree" | "conflict" | "offline-unpushed"; dedupKey: string; agentId?: string; title: string; message: string };

function alertId(dedupKey: string): string {
  return `git-${createHash("sha256").update(dedupKey).digest("hex").slice(0, 24)}`;
}

async function raise(tx: Db, a: GitAlert, extra: Record<string, unknown>): Promise<AlertRow | null> {
  const row = await insertAlert(
    {
      id: alertId(a.dedupKey),
      severity: "warning",
      title: a.title.slice(0, 256),
      message: a.message.slice(0, 2000),
      source: "git-radar",
      ...(a.agentId ? { agentId: a.agentId } : {}),
      metadata: { dedupKey: a.dedupKey, kind: a.kind, ...extra },
    },
    tx,
  );
  return row === "duplicate" ? null : row;
}

export type RepoAtRisk = { agentId: string; path: string; name: string; branch: string | null; repoId: string; remoteIdentity: string | null };

export function raiseUnpushedWork(tx: Db, r: RepoAtRisk & { unpushedCount: number; oldestUnpushedAt: number }, ageText: string) {
  return raise(
    tx,
    {
      kind: "unpushed-work",
      dedupKey: `unpushed:${r.agentId}:${r.path}:${r.oldestUnpushedAt}`,
      agentId: r.agentId,
      title: `${r.agentId}: ${r.unpushedCount} unpushed commit${r.unpushedCount === 1 ? "" : "s"} in ${r.name} for ${ageText}`,
      message: `${r.path} on ${r.branch ?? "no branch"} holds ${r.unpushedCount} commit(s) no remote has, the oldest from ${new Date(r.oldestUnpushedAt).toISOString()}. Push them before the machine goes away.`,
    },
    { repoId: r.repoId, path: r.path, remoteIdentity: r.remoteIdentity, unpushedCount: r.unpushedCount },
  );
}

export function raiseDirtyTree(tx: Db, r: RepoAtRisk & { uncommittedCount: number; dirtySince: number }, ageText: string) {
  return raise(
    tx,
    {
      kind: "dirty-tree",
      dedupKey: `dirty:${r.agentId}:${r.path}:${r.dirtySince}`,
      agentId: r.agentId,
      title: `${r.agentId}: ${r.name} has had uncommitted changes for ${ageText}`,
      message: `${r.path} on ${r.branch ?? "no branch"}: ${r.uncommittedCount} uncommitted change(s) since ${new Date(r.dirtySince).toISOString()}.`,
    },
    { repoId: r.repoId, path: r.path, remoteIdentity: r.remoteIdentity },
  );
}

export type ConflictSide = { agentId: string; branch: string | null; path: string; head: string | null };

export function raiseConflict(tx: Db, identity: string, a: ConflictSide, b: ConflictSide, files: string[]) {
  const shown = files.slice(0, 10).join(", ") + (files.length > 10 ? `, … (${files.length} files)` : "");
  return raise(
    tx,
    {
      kind: "conflict",
      dedupKey: `conflict:${identity}:${a.agentId}:${b.agentId}:${createHash("sha256").update(files.join("\0")).digest("hex").slice(0, 16)}`,
      title: `Possible conflict in ${identity}: ${a.agentId} and ${b.agentId} both changed ${files.length} file${files.length === 1 ? "" : "s"}`,
      message: `${a.agentId} (${a.branch ?? "no branch"}) and ${b.agentId} (${b.branch ?? "no branch"}) have unpushed or uncommitted changes to the same files: ${shown}.`,
    },
    { remoteIdentity: identity, files: files.slice(0, 100), sides: [a, b] },
  );
}

export function raiseOfflineWithUnpushed(tx: Db, agentId: string, summary: string, at: number) {
  return raise(
    tx,
    {
      kind: "offline-unpushed",
      dedupKey: `offline-unpushed:${agentId}:${at}`,
      agentId,
      title: `${agentId} went offline with ${summary}`,
      message: `The agent disconnected while holding work no remote has: ${summary}. It is lost if the machine is.`,
    },
    {},
  );
}

/** Where a condition clears (pushed, committed, the conflict gone). A no-op until the alert lifecycle lands. */
export function resolveGitAlert(_dedupKey: string): void {}
