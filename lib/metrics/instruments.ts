import { Histogram } from "./exposition";

/** The web's in-process histograms, one per process (kept on globalThis so every route bundle shares them). */
type Instruments = { dispatchLatency: Histogram; ingestDelay: Histogram; ingestBatch: Histogram };

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

function create(): Instruments {
  return {
    dispatchLatency: new Histogram("cockpit_dispatch_latency_seconds", "Time from a task becoming available to an agent claiming it.", SECONDS),
    ingestDelay: new Histogram("cockpit_ingest_delay_seconds", "Time from the hub receiving an agent event to the web storing it.", SECONDS),
    ingestBatch: new Histogram("cockpit_ingest_batch_events", "Agent events per hub-to-web batch.", [1, 2, 5, 10, 20, 50, 100, 200]),
  };
}

const holder = globalThis as typeof globalThis & { __cockpitMetrics?: Instruments };

export function instruments(): Instruments {
  return (holder.__cockpitMetrics ??= create());
}

/** Called when a claim assigns a task: how long it waited since it could first run. */
export function observeDispatch(waitedMs: number): void {
  instruments().dispatchLatency.observe(Math.max(0, waitedMs) / 1000);
}

/** Called after a hub batch is stored: its size and each event's delay since the hub received it. */
export function observeIngest(eventTimes: readonly number[], storedAt: number): void {
  const { ingestBatch, ingestDelay } = instruments();
  ingestBatch.observe(eventTimes.length);
  for (const at of eventTimes) ingestDelay.observe(Math.max(0, storedAt - at) / 1000);
}
