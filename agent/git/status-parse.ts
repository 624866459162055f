import type { RepoStatus } from "../../lib/protocol";

/** What `git status --porcelain=v2 --branch -z` tells about one working tree. */
export type ParsedStatus = {
  /** Branch name, or null when HEAD is detached. */
  branch: string | null;
  /** Commit id of HEAD, or null before the first commit. */
  oid: string | null;
  upstream: string | null;
  ahead: number;
  behind: number;
  /** Every changed, staged, unmerged or untracked path (the true count is its length). */
  changedPaths: string[];
  /** How many of changedPaths are untracked ("? " entries). */
  untracked: number;
};

/** Fields before the path, per porcelain v2 entry kind ("1" ordinary, "2" rename/copy, "u" unmerged). */
const FIELDS_BEFORE_PATH: Record<string, number> = { "1": 8, "2": 9, u: 10 };

function afterFields(entry: string, count: number): string {
  let index = 0;
  for (let i = 0; i < count; i++) {
    index = entry.indexOf(" ", index) + 1;
    if (index === 0) return "";
  }
  return entry.slice(index);
}

/** Parses NUL-separated porcelain v2 output; unknown lines are ignored so newer git versions do not break us. */
export function parsePorcelainV2(output: string): ParsedStatus {
  const result: ParsedStatus = { branch: null, oid: null, upstream: null, ahead: 0, behind: 0, changedPaths: [], untracked: 0 };
  const entries = output.split("\0");
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? "";
    if (entry.startsWith("# branch.oid ")) {
      const oid = entry.slice("# branch.oid ".length);
      result.oid = oid === "(initial)" ? null : oid;
    } else if (entry.startsWith("# branch.head ")) {
      const head = entry.slice("# branch.head ".length);
      result.branch = head === "(detached)" ? null : head;
    } else if (entry.startsWith("# branch.upstream ")) {
      result.upstream = entry.slice("# branch.upstream ".length);
    } else if (entry.startsWith("# branch.ab ")) {
      const match = /^# branch\.ab \+(\d+) -(\d+)$/.exec(entry);
      if (match) [result.ahead, result.behind] = [Number(match[1]), Number(match[2])];
    } else if (entry.startsWith("? ")) {
      result.changedPaths.push(entry.slice(2));
      result.untracked += 1;
    } else {
      const kind = entry.slice(0, 1);
      const fields = FIELDS_BEFORE_PATH[kind];
      if (fields === undefined || entry[1] !== " ") continue;
      const path = afterFields(entry, fields);
      if (path) result.changedPaths.push(path);
      if (kind === "2") i += 1; // a rename's original path follows as its own NUL-separated field
    }
  }
  return result;
}

/**
 * One status when several hold, most urgent first:
 *   diverged (ahead and behind) > behind > ahead > dirty > clean.
 * The relation to the upstream wins because it needs a pull/push that nothing local shows; uncommitted changes are
 * still visible through uncommittedCount (> 0) whatever the status says.
 */
export function repoStatusOf(s: Pick<ParsedStatus, "ahead" | "behind" | "changedPaths">): RepoStatus {
  if (s.ahead > 0 && s.behind > 0) return "diverged";
  if (s.behind > 0) return "behind";
  if (s.ahead > 0) return "ahead";
  if (s.changedPaths.length > 0) return "dirty";
  return "clean";
}

/** Branch label: the name, or "(detached abc1234)" for a detached HEAD. */
export function branchLabel(s: Pick<ParsedStatus, "branch" | "oid">): string {
  if (s.branch) return s.branch;
  return s.oid ? `(detached ${s.oid.slice(0, 7)})` : "(detached)";
}
