import type { RequiresRepo } from "../protocol/git-safety";

type Errors = { requiresRepo?: string };

/** The create form's git gate: a repository (identity, clone URL or folder name) and the state it must be in. */
export function requiresRepoFromForm(form: FormData, errors: Errors): RequiresRepo | undefined {
  const repo = String(form.get("requiresRepo") ?? "").trim();
  const branch = String(form.get("requiresBranch") ?? "").trim();
  const on = (name: string) => form.get(name) === "on";
  if (!repo) {
    if (branch || on("requiresClean") || on("requiresUpToDate")) errors.requiresRepo = "Name the repository these conditions are about.";
    return undefined;
  }
  if (repo.length > 300) errors.requiresRepo = "At most 300 characters.";
  return {
    repo,
    ...(on("requiresClean") ? { clean: true } : {}),
    ...(branch ? { branch } : {}),
    ...(on("requiresUpToDate") ? { upToDate: true } : {}),
    ...(on("requiresFastForward") ? { fastForward: true } : {}),
  };
}
