import { inputBase, labelBase } from "../ui/styles";
import { aria, FieldError } from "./form-field";

/** The git gate of the create form: which repository, and whether it must be clean, on a branch, up to date. */
export function RequiresRepoFields({ error, repos = [] }: { error?: string; repos?: string[] }) {
  const checks = [
    ["requiresClean", "clean (no uncommitted changes)"],
    ["requiresUpToDate", "up to date with its upstream (fetched first)"],
    ["requiresFastForward", "may fast-forward a clean checkout"],
  ] as const;
  return (
    <fieldset data-testid="task-requires-repo-fields">
      <legend className={labelBase}>Requires repository (optional)</legend>
      <div className="grid gap-2 sm:grid-cols-[1fr_12rem]">
        <input
          id="requiresRepo"
          name="requiresRepo"
          aria-label="Repository: github.com/owner/repo, a clone URL or a folder name"
          placeholder="github.com/owner/repo"
          list="reported-repos"
          className={`${inputBase} font-mono`}
          {...aria("requiresRepo", error)}
          data-testid="task-requires-repo"
        />
        <input
          name="requiresBranch"
          aria-label="Branch it must be on"
          placeholder="branch (any)"
          className={`${inputBase} font-mono`}
          data-testid="task-requires-branch"
        />
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {checks.map(([name, label]) => (
          <label key={name} className="flex items-center gap-2">
            <input type="checkbox" name={name} data-testid={`task-${name}`} />
            {label}
          </label>
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Only an agent whose checkout matches gets the task; it checks again right before running and refuses otherwise.
      </p>
      <FieldError id="requiresRepo-error" message={error} />
      {/* The repositories agents report, so picking one needs no typing. */}
      <datalist id="reported-repos" data-testid="reported-repos">
        {repos.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
    </fieldset>
  );
}
