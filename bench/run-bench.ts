/** Runs every bench section against the real hub and web, in an order that lets stacks be shared. */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { WEB_SOURCES, buildIsStale, buildWeb } from "../scripts/stack";
import { benchBulk, type BulkSizes } from "./bulk";
import { benchConnections, type ConnectionSizes } from "./connections";
import { benchDispatch, type DispatchSizes } from "./dispatch";
import { benchFanout, type FanoutSizes } from "./fanout";
import { benchIngest, type IngestSizes } from "./ingest";
import { benchMetrics, type MetricsSizes } from "./metrics";
import { BENCH_DIST_DIR, createBenchStack, profileDir } from "./lib/stack";
import { formatTable, nowMs, type ResultRow } from "./lib/stats";
import { benchPage, type PageSizes } from "./page";
import { benchRequests, type RequestSizes } from "./requests";
import { benchRest, type RestSizes } from "./rest";

export const SECTIONS = ["dispatch", "bulk", "ingest", "metrics", "rest", "connections", "fan-out", "requests", "page"] as const;
export type Section = (typeof SECTIONS)[number];

type Sizes = {
  dispatch: DispatchSizes;
  bulk: BulkSizes;
  ingest: IngestSizes;
  metrics: MetricsSizes;
  rest: RestSizes;
  connections: ConnectionSizes;
  fanout: FanoutSizes;
  requests: RequestSizes;
  page: PageSizes;
};

export const SIZES: Record<"quick" | "full", Sizes> = {
  quick: {
    dispatch: { agents: 10, rates: [20, 200], seconds: 0.5 },
    bulk: { requests: 2, perRequest: 1_000 },
    ingest: { agents: 20, reposPerAgent: 20, rounds: 3 },
    metrics: { agents: 20, rounds: 3 },
    rest: { rows: [3_000], requests: 20, repos: 100 },
    connections: { agents: 50, pingIntervalMs: 1_000 },
    fanout: { dashboards: 10, rounds: 20 },
    requests: { requests: 300, concurrency: 4 },
    page: { runs: 2 },
  },
  full: {
    dispatch: { agents: 100, rates: [20, 50, 100, 200, 500], seconds: 5 },
    bulk: { requests: 20, perRequest: 1_000 },
    ingest: { agents: 200, reposPerAgent: 20, rounds: 10 },
    metrics: { agents: 1_000, rounds: 3 },
    rest: { rows: [10_000, 100_000, 1_000_000], requests: 200, repos: 1_000 },
    connections: { agents: 1_000, pingIntervalMs: 3_000 },
    fanout: { dashboards: 100, rounds: 200 },
    requests: { requests: 2_000, concurrency: 8 },
    page: { runs: 20 },
  },
};

export type BenchOptions = {
  quick: boolean;
  only?: Section[];
  out?: string;
  profile?: boolean;
  /** Dispatch rates to run instead of the mode's (tasks/s), e.g. to profile one stage. */
  rates?: number[];
  log?: (line: string) => void;
};

export type BenchResults = {
  mode: "quick" | "full";
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  sections: Section[];
  rows: ResultRow[];
  detail: Record<string, unknown>;
};

/** Builds the web into the bench's own dist dir when sources are newer than the last build. */
export async function ensureBuild(log: (line: string) => void): Promise<void> {
  if (!buildIsStale(BENCH_DIST_DIR, WEB_SOURCES)) return;
  log(`building the web into ${BENCH_DIST_DIR} …`);
  await buildWeb(BENCH_DIST_DIR);
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const log = o.log ?? ((line: string) => console.log(line));
  const mode = o.quick ? "quick" : "full";
  const sizes = o.rates?.length ? { ...SIZES[mode], dispatch: { ...SIZES[mode].dispatch, rates: o.rates } } : SIZES[mode];
  const wanted = new Set<Section>(o.only ?? SECTIONS);
  const started = nowMs();
  const startedAt = new Date().toISOString();
  await ensureBuild(log);
  const rows: ResultRow[] = [];
  const detail: Record<string, unknown> = {};
  const keep = (name: Section, r: { rows: ResultRow[]; detail: unknown }) => {
    rows.push(...r.rows);
    detail[name] = r.detail;
    log(formatTable(r.rows));
  };
  // A section that fails (a server reset under load) is reported and the others still run and are written.
  const tryKeep = async (name: Section, run: () => Promise<{ rows: ResultRow[]; detail: unknown }>) => {
    try {
      keep(name, await run());
    } catch (error) {
      detail[name] = { error: error instanceof Error ? error.message : String(error) };
      log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const liveSections = ["dispatch", "bulk", "ingest", "metrics", "fan-out", "requests"] as const;
  if (liveSections.some((s) => wanted.has(s))) {
    const live = await createBenchStack({ cpuProfileDir: o.profile ? profileDir("live") : undefined });
    try {
      await live.startWeb();
      if (wanted.has("dispatch")) await tryKeep("dispatch", () => benchDispatch(live, sizes.dispatch));
      if (wanted.has("bulk")) await tryKeep("bulk", () => benchBulk(live, sizes.bulk));
      if (wanted.has("ingest")) await tryKeep("ingest", () => benchIngest(live, sizes.ingest));
      if (wanted.has("metrics")) await tryKeep("metrics", () => benchMetrics(live, sizes.metrics));
      if (wanted.has("fan-out")) await tryKeep("fan-out", () => benchFanout(live, sizes.fanout));
      // Last on this stack: its tasks stay pending (no agent is connected by then).
      if (wanted.has("requests")) await tryKeep("requests", () => benchRequests(live, sizes.requests));
    } finally {
      await live.stop();
    }
  }
  if (wanted.has("connections")) await tryKeep("connections", () => benchConnections(sizes.connections));
  if (wanted.has("rest") || wanted.has("page")) {
    log("rest + page (seeding) …");
    const restSizes = wanted.has("rest") ? sizes.rest : { ...sizes.rest, rows: sizes.rest.rows.slice(0, 1), requests: 0 };
    const pageLabel = `${restSizes.rows[0]!.toLocaleString("en-US")} tasks, ${sizes.rest.repos.toLocaleString("en-US")} repos, ${restSizes.rows[0]!.toLocaleString("en-US")} alerts`;
    let pageResult: { rows: ResultRow[]; detail: unknown } | null = null;
    const rest = await benchRest(restSizes, async (stack) => {
      if (!wanted.has("page")) return [];
      pageResult = await benchPage(stack, sizes.page, pageLabel);
      return [];
    });
    if (pageResult) keep("page", pageResult);
    if (wanted.has("rest")) keep("rest", rest);
  }

  const results: BenchResults = {
    mode,
    startedAt,
    durationMs: nowMs() - started,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    sections: SECTIONS.filter((s) => wanted.has(s)),
    rows: SECTIONS.flatMap((s) => rows.filter((r) => r.section === s)),
    detail,
  };
  const out = o.out ?? join(import.meta.dirname, o.quick ? "results-quick.json" : "results.json");
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  return results;
}
