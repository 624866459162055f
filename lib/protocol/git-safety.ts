import { z } from "zod";
import { LIMITS } from "./limits";

/** Git-safety extensions (issue 16): optional fields, so an agent written against the spec still validates. */

const count = z.number().int().min(0).max(10_000_000);
/** Epoch milliseconds. */
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const sha = z.string().regex(/^[0-9a-f]{4,64}$/, "must be a hex commit id");
/** A repository's remote identity: host/owner/name, the same for https, ssh and scp-style URLs of one repository. */
export const remoteIdentitySchema = z.string().min(1).max(300);

/** One extra git worktree of a repository (`git worktree add`), as the agent sees it on disk. */
export const worktreeSchema = z.object({
  path: z.string().min(1).max(LIMITS.path),
  branch: z.string().max(LIMITS.name).optional(),
  head: sha.optional(),
  sizeBytes: z.number().int().min(0).optional(),
  /** When the worktree was created (its admin folder's time); age is derived from it. */
  createdAt: epochMs.optional(),
  /** Commits reachable from its HEAD that no remote-tracking branch holds. */
  unpushedCount: count.optional(),
  dirty: z.boolean().optional(),
  error: z.string().max(500).optional(),
});
export type Worktree = z.infer<typeof worktreeSchema>;

/** Added to each repository of a git-status frame. */
export const gitSafetyFields = {
  remoteIdentity: remoteIdentitySchema.optional(),
  headCommit: sha.optional(),
  /** Commits on local branches that no remote-tracking branch holds, and the commit time of the oldest. */
  unpushedCount: count.optional(),
  oldestUnpushedAt: epochMs.optional(),
  /** Files those unpushed commits change (for the conflict radar). */
  unpushedFiles: z.array(z.string().max(LIMITS.path)).max(LIMITS.modifiedFiles).optional(),
  stashCount: count.optional(),
  untrackedCount: count.optional(),
  /** Last `git fetch` (FETCH_HEAD's time); absent when never fetched. */
  lastFetchAt: epochMs.optional(),
  worktrees: z.array(worktreeSchema).max(50).optional(),
};

/** A task's required repository state (`requiresRepo` on create, and on the task frame for agents that re-check). */
export const requiresRepoSchema = z
  .object({
    /** A remote identity (github.com/owner/repo; a clone URL is normalised to one) or a repository folder name. */
    repo: z.string().trim().min(1).max(300),
    clean: z.boolean().optional(),
    branch: z.string().trim().min(1).max(LIMITS.name).optional(),
    /** Has every commit of its upstream: the agent fetches first. */
    upToDate: z.boolean().optional(),
    /** With upToDate: the agent may fast-forward a clean checkout that is behind (never merges, never on a dirty tree). */
    fastForward: z.boolean().optional(),
  })
  .strict();
export type RequiresRepo = z.infer<typeof requiresRepoSchema>;

const repoPoint = z.object({ head: sha.optional(), branch: z.string().max(LIMITS.name).optional(), dirty: z.boolean() });

/** What a task did to the repository it ran in; sent as the task-result's optional `provenance`. */
export const provenanceSchema = z.object({
  repoPath: z.string().max(LIMITS.path),
  remoteIdentity: remoteIdentitySchema.optional(),
  before: repoPoint,
  after: repoPoint,
  commits: z.array(z.object({ sha, subject: z.string().max(500) })).max(200),
  /** True when more commits were made than `commits` lists. */
  commitsTruncated: z.boolean().optional(),
  diffstat: z.object({ files: count, insertions: count, deletions: count }).optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;
