import { remoteIdentity } from "../protocol/remote-identity";
import { requiresRepoSchema } from "../protocol/git-safety";

/**
 * `requiresRepo` as the REST body takes it: a clone URL or host/owner/repo is stored as the normalised identity
 * the agents report, so `git@github.com:Me/App.git` and `https://github.com/me/app` route alike; a bare folder
 * name is kept as typed.
 */
export const requiresRepoBody = requiresRepoSchema.transform((r) => ({ ...r, repo: remoteIdentity(r.repo) ?? r.repo }));
