import { sql, type Placeholder, type SQL } from "drizzle-orm";

/**
 * The claim's condition for git-gated tasks (alias `t`): a task with `requires_repo` goes only to an agent whose last
 * report of that repository (by remote identity, folder name or repo id) matches: clean, on the branch, not behind
 * (or behind but clean with no local commits when the task allows a fast-forward). The agent checks again before
 * running, on the repository as it is then.
 */
export function repoGateCondition(agentId: string | Placeholder): SQL {
  return sql`(t.requires_repo IS NULL OR EXISTS (
    SELECT 1 FROM cockpit_git_repos g
     WHERE g.agent_id = ${agentId}
       AND g.error IS NULL
       AND (g.remote_identity = json_extract(t.requires_repo, '$.repo') OR g.name = json_extract(t.requires_repo, '$.repo') OR g.repo_id = json_extract(t.requires_repo, '$.repo'))
       AND (json_extract(t.requires_repo, '$.clean') IS NOT 1 OR g.uncommitted_count = 0)
       AND (json_extract(t.requires_repo, '$.branch') IS NULL OR g.branch = json_extract(t.requires_repo, '$.branch'))
       AND (json_extract(t.requires_repo, '$.upToDate') IS NOT 1 OR g.behind_count = 0
            OR (json_extract(t.requires_repo, '$.fastForward') = 1 AND g.uncommitted_count = 0 AND g.ahead_count = 0))))`;
}
