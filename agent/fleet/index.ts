import type { AgentFrame } from "../../lib/protocol";
import type { Logger } from "../log";
import { KeepAwake, type KeepAwakeState } from "./keep-awake";
import { collectMetrics, cpuTimes } from "./metrics";
import { SleepWatch, type WakeReport } from "./sleep-watch";

/** A wake report is sent again with every reconnect for this long: the first try often goes out on a socket the hub already closed. */
const RESEND_WAKE_MS = 60_000;

export type FleetOptions = {
  metricsIntervalMs: number;
  sleepGapMs: number;
  keepAwake: boolean;
  log: Logger;
  /** Sends when connected and registered; false otherwise. */
  send: (frame: AgentFrame) => boolean;
  canSend: () => boolean;
  watchedPaths: () => string[];
  /** Something the hub should hear again (keep-awake state in agent-status metadata). */
  onStateChange: () => void;
};

/** The agent's part in fleet truth: health samples, wake reports, keeping the machine awake, the goodbye. */
export class Fleet {
  private readonly keepAwake: KeepAwake;
  private readonly sleepWatch: SleepWatch;
  private readonly metricsTimer: ReturnType<typeof setInterval>;
  private lastWake: WakeReport | null = null;
  private cpu = cpuTimes();
  private sampling = false;

  constructor(private readonly o: FleetOptions) {
    this.keepAwake = new KeepAwake(o.keepAwake, o.log, o.onStateChange);
    this.sleepWatch = new SleepWatch(o.sleepGapMs, (report) => {
      o.log.info(`woke after ${Math.round(report.asleepMs / 1000)} s (${report.kind === "system" ? "the machine slept" : "the process was suspended"})`);
      this.lastWake = report;
      this.sendWake();
    });
    this.metricsTimer = setInterval(() => void this.sample(), o.metricsIntervalMs);
    this.metricsTimer.unref();
  }

  keepAwakeState(): KeepAwakeState {
    return this.keepAwake.state();
  }

  /** Tasks started or ended. */
  onLoadChange(active: number): void {
    this.keepAwake.setBusy(active > 0);
  }

  /** After agent-status on a (re)connect: the recent wake report again, and a first health sample. */
  onRegistered(): void {
    this.sendWake();
    void this.sample();
  }

  private sendWake(): void {
    const wake = this.lastWake;
    if (!wake || !this.o.canSend()) return;
    const awakeForMs = Date.now() - wake.wokeAt;
    if (awakeForMs > RESEND_WAKE_MS) {
      this.lastWake = null;
      return;
    }
    this.o.send({ type: "agent-wake", asleepMs: wake.asleepMs, awakeForMs: Math.max(0, awakeForMs), kind: wake.kind });
  }

  private async sample(): Promise<void> {
    if (this.sampling || !this.o.canSend()) return;
    this.sampling = true;
    try {
      const { frame, cpu } = await collectMetrics(this.o.watchedPaths(), this.cpu);
      this.cpu = cpu;
      this.o.send(frame);
    } catch (error) {
      this.o.log.debug(`health sample failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.sampling = false;
    }
  }

  /** Leaving on purpose: say so, so the hub shows "stopped" rather than "crashed". */
  goodbye(reason: string): void {
    this.o.send({ type: "agent-goodbye", reason: reason.slice(0, 200) });
  }

  stop(): void {
    clearInterval(this.metricsTimer);
    this.sleepWatch.stop();
    this.keepAwake.release();
  }
}
