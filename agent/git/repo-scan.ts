import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** Folders never descended into while scanning: big, generated, never a repo of the user's own. */
const SKIP = new Set(["node_modules", ".git", "vendor", "dist", "build", ".next", "target", ".venv", "Library"]);

/** Finds git working trees under `root` (a folder holding `.git`), at most `depth` levels down; does not descend into a repo. */
export async function scanForRepos(root: string, depth: number): Promise<string[]> {
  const found: string[] = [];
  async function visit(dir: string, level: number): Promise<void> {
    if (await exists(join(dir, ".git"))) {
      found.push(dir);
      return;
    }
    if (level >= depth) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped, not fatal
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith(".") && !SKIP.has(e.name)) await visit(join(dir, e.name), level + 1);
    }
  }
  await visit(root, 0);
  return found.sort();
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
