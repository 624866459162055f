import { watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import type { GitRepo } from "../../lib/protocol";
import { LIMITS } from "../../lib/protocol";
import type { Logger } from "../log";
import { readRepoState, type RepoReading } from "./git-state";
import { scanForRepos } from "./repo-scan";

export type RepoError = { path: string; error: string };
export type RepoMonitorOptions = {
  repos: string[];
  scan: string[];
  scanDepth: number;
  pollIntervalMs: number;
  watch: boolean;
  /** Called with repos to report; `full` when it is every watched repo (interval, reconnect). */
  onRepos: (repos: GitRepo[], full: boolean) => void;
  /** Called when the set of broken repos changes, so agent-status metadata can say which and why. */
  onErrors: (errors: RepoError[]) => void;
  log: Logger;
};

const DEBOUNCE_MS = 300;
const RESCAN_EVERY_POLLS = 5;

/** Keeps every watched repository's git state fresh: on start, on an interval, and soon after a file change. */
export class RepoMonitor {
  private readonly latest = new Map<string, RepoReading>();
  private readonly watchers = new Map<string, FSWatcher[]>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private paths: string[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private polls = 0;
  private lastErrors = "";
  private stopped = false;
  private polling = false;

  constructor(private readonly o: RepoMonitorOptions) {}

  async start(): Promise<void> {
    await this.refreshPaths();
    await this.readAll();
    this.timer = setInterval(() => void this.poll(), this.o.pollIntervalMs);
  }

  /** The last state of every watched repo (broken ones without a status), for a full report after reconnecting. */
  snapshot(): GitRepo[] {
    return this.paths
      .map((p) => this.latest.get(p))
      .filter((r): r is RepoReading => r !== undefined)
      .map(toRepo);
  }

  errors(): RepoError[] {
    return [...this.latest.values()].filter((r) => !r.ok).map((r) => ({ path: r.path, error: r.ok ? "" : r.error }));
  }

  /** Re-reads one repo now (after a git task touched it, for example). */
  async refresh(path: string): Promise<void> {
    const reading = await readRepoState(path);
    if (this.stopped) return;
    this.latest.set(path, reading);
    this.o.onRepos([toRepo(reading)], false);
    this.reportErrors();
  }

  isWatched(path: string): boolean {
    return this.paths.includes(path);
  }

  watchedPaths(): string[] {
    return [...this.paths];
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const t of this.pending.values()) clearTimeout(t);
    for (const list of this.watchers.values()) for (const w of list) w.close();
    this.watchers.clear();
  }

  private async poll(): Promise<void> {
    // A slow round (a busy machine, many repositories) must not overlap the next one and pile up git processes.
    if (this.polling) return;
    this.polling = true;
    try {
      this.polls += 1;
      if (this.o.scan.length > 0 && this.polls % RESCAN_EVERY_POLLS === 0) await this.refreshPaths();
      await this.readAll();
    } finally {
      this.polling = false;
    }
  }

  private async readAll(): Promise<void> {
    const readings = await Promise.all(this.paths.map((p) => readRepoState(p)));
    if (this.stopped) return;
    for (const r of readings) this.latest.set(r.path, r);
    this.o.onRepos(readings.map(toRepo), true);
    this.reportErrors();
    for (const r of readings) if (r.ok) this.ensureWatched(r.path);
  }

  private async refreshPaths(): Promise<void> {
    const scanned = (await Promise.all(this.o.scan.map((dir) => scanForRepos(dir, this.o.scanDepth)))).flat();
    const all = [...new Set([...this.o.repos, ...scanned])];
    if (all.length > LIMITS.reposPerFrame * 4) this.o.log.warn(`watching ${all.length} repositories; consider fewer --scan folders`);
    for (const gone of this.paths.filter((p) => !all.includes(p))) this.unwatch(gone);
    this.paths = all;
  }

  private reportErrors(): void {
    const errors = this.errors();
    const key = JSON.stringify(errors);
    if (key === this.lastErrors) return;
    this.lastErrors = key;
    for (const e of errors) this.o.log.warn(`repository ${e.path}: ${e.error}`);
    this.o.onErrors(errors);
  }

  /** Cheap watching only: the work tree's top folder and the .git folder (HEAD, index, refs), not recursively. */
  private ensureWatched(path: string): void {
    if (!this.o.watch || this.watchers.has(path) || this.stopped) return;
    const list: FSWatcher[] = [];
    for (const dir of [path, join(path, ".git")]) {
      try {
        const w = watch(dir, { persistent: false }, () => this.schedule(path));
        w.on("error", () => this.unwatch(path)); // the folder vanished: polling reports it
        list.push(w);
      } catch {
        /* watching is an optimisation; polling still covers this repo */
      }
    }
    this.watchers.set(path, list);
  }

  private unwatch(path: string): void {
    for (const w of this.watchers.get(path) ?? []) w.close();
    this.watchers.delete(path);
  }

  private schedule(path: string): void {
    const existing = this.pending.get(path);
    if (existing) clearTimeout(existing);
    this.pending.set(
      path,
      setTimeout(() => {
        this.pending.delete(path);
        const before = JSON.stringify(this.latest.get(path));
        void readRepoState(path).then((reading) => {
          if (this.stopped) return;
          this.latest.set(path, reading);
          if (JSON.stringify(reading) !== before) {
            this.o.onRepos([toRepo(reading)], false);
            this.reportErrors();
          }
        });
      }, DEBOUNCE_MS),
    );
  }
}

/** A broken repo is still reported (no status, zero counts), so the dashboard stops showing a stale state. */
function toRepo(r: RepoReading): GitRepo {
  return r.ok ? r.repo : { id: r.id, path: r.path.slice(0, LIMITS.path), name: r.name.slice(0, LIMITS.name), error: r.error.slice(0, 500) };
}

/** Splits repos into git-status frames under the hub's per-frame count and size limits. */
export function chunkRepos(repos: GitRepo[], maxBytes = Math.floor(LIMITS.frameBytes * 0.9)): GitRepo[][] {
  const frames: GitRepo[][] = [];
  let current: GitRepo[] = [];
  let bytes = 64;
  for (const repo of repos) {
    const size = Buffer.byteLength(JSON.stringify(repo)) + 1;
    if (current.length > 0 && (current.length >= LIMITS.reposPerFrame || bytes + size > maxBytes)) {
      frames.push(current);
      current = [];
      bytes = 64;
    }
    current.push(repo);
    bytes += size;
  }
  if (current.length > 0) frames.push(current);
  return frames;
}
