import type { Logger } from "../log";
import { runGitArgv } from "./git-state";
import { gitArgvAt } from "./safe-git";

/** Fetches (never pulls) one repository; ssh-agent is passed through so ssh remotes work, git never prompts. */
export async function fetchRepo(root: string, timeoutMs = 120_000): Promise<void> {
  const extra: Record<string, string> = process.env.SSH_AUTH_SOCK ? { SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK } : {};
  await runGitArgv(root, gitArgvAt(root, ["fetch", "--quiet", "--prune"]), timeoutMs, extra);
}

export type FetchScheduleOptions = { everyMs: number; paths: () => string[]; refresh: (path: string) => Promise<void>; log: Logger };

/** `--fetch-every`: fetches every watched repository on an interval, one at a time, and re-reads each afterwards. */
export class FetchSchedule {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;

  constructor(private readonly o: FetchScheduleOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.round(), this.o.everyMs);
    this.timer.unref();
    void this.round();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async round(): Promise<void> {
    if (this.running) return; // a slow network must not stack rounds
    this.running = true;
    try {
      for (const path of this.o.paths()) {
        if (!this.timer) return;
        try {
          await fetchRepo(path);
        } catch (error) {
          this.o.log.warn(`fetch of ${path} failed: ${(error as Error).message.slice(0, 300)}`);
        }
        await this.o.refresh(path);
      }
    } finally {
      this.running = false;
    }
  }
}
