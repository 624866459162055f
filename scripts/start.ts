/**
 * `npm start`: build if needed, then the web (:3000) and the hub (:1999) together, on loopback unless HOST says
 * otherwise. A crashed server is restarted with backoff; Ctrl-C, SIGTERM, SIGHUP, the death of whoever ran us, or
 * repeated crashes in a row stop both.
 * `npm run dev` (`--dev`): next dev and a hub that rebuilds on change, with the hub's inspector on 127.0.0.1 only.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WEB_SOURCES, buildIsStale, buildWeb, startHub, startWeb, waitForUrl } from "./stack";
import { readStartConfig } from "./start-config";
import { supervise } from "./supervise";
import { whenParentGone } from "../lib/process/parent-watch";

const config = readStartConfig();
/** Where the secret and the hub's room state live (tests point it at a temp folder). */
const DATA = config.COCKPIT_DATA_DIR ?? join(ROOT, "data");
const dev = process.argv.includes("--dev");

/** data/ is private to this user: the database, its WAL, the hub's room state and the secret live there. */
function prepareDataDir(): void {
  // Everything the servers create (database, WAL, room state) is owner-only too.
  process.umask(0o077);
  mkdirSync(DATA, { recursive: true, mode: 0o700 });
  chmodSync(DATA, 0o700);
}

/** The bridge secret: from the environment, else generated once into data/secret. */
function secret(): string {
  if (process.env.COCKPIT_SECRET) return process.env.COCKPIT_SECRET;
  const file = join(DATA, "secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

const log = (line: string) => console.log(`[start] ${line}`);

async function main(): Promise<void> {
  prepareDataDir();
  const { PORT: webPort, HUB_PORT: hubPort, HOST: host } = config;
  const cockpitSecret = secret();
  const webUrl = config.WEB_URL ?? `http://127.0.0.1:${webPort}`;
  const hubUrl = config.HUB_URL ?? `http://127.0.0.1:${hubPort}`;
  if (!dev && buildIsStale(process.env.NEXT_DIST_DIR || ".next", WEB_SOURCES)) {
    log("Building the web app (first start or changed sources)…");
    await buildWeb();
  }
  const hubVars = {
    QUEUE_API_KEY: process.env.QUEUE_API_KEY,
    ASSISTANT_API_KEY: process.env.ASSISTANT_API_KEY,
    PING_INTERVAL_MS: process.env.PING_INTERVAL_MS,
    STALE_AFTER_MS: process.env.STALE_AFTER_MS,
  };
  const hubHost = config.HUB_HOST ?? host;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping web and hub…");
    await Promise.all([web.stop(), hub.stop()]);
    process.exit(code);
  };
  const options = { maxCrashesInARow: 5, stableAfterMs: 60_000, backoffMs: 1_000, log, onGiveUp: () => void stop(1) };
  const hub = supervise(
    () => startHub({ port: hubPort, host: hubHost, webUrl, secret: cockpitSecret, persist: join(DATA, "hub"), echo: true, dev, vars: hubVars }),
    options,
  );
  const web = supervise(() => startWeb({ port: webPort, env: { COCKPIT_SECRET: cockpitSecret, HUB_URL: hubUrl }, echo: true, host, dev }), options);
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  // A closed terminal: its hang-up reaches us, not the servers in their own sessions.
  process.on("SIGHUP", () => void stop(0));
  // Whoever ran us (tsx, npm, a service manager) killed with -9 cannot pass Ctrl-C on: stop both servers ourselves.
  const launcher = process.ppid;
  whenParentGone(launcher, () => {
    log(`The process that ran npm start (pid ${launcher}) is gone.`);
    void stop(0);
  });
  await Promise.all([waitForUrl(`${webUrl}/api/health`, web.current(), 180_000), waitForUrl(`${hubUrl}/health`, hub.current())]);
  const open =
    host === "127.0.0.1" || host === "localhost" || host === "::1" ? "loopback only (HOST opens it)" : `listening on ${host}: put a TLS proxy in front`;
  console.log(
    `\n  Cockpit is running${dev ? " (dev: hot reload; hub inspector on 127.0.0.1:9229)" : ""}.\n    Dashboard:    ${webUrl}\n    REST API:     ${webUrl}/api/cockpit/tasks\n    Agent socket: ${hubUrl.replace(/^http/, "ws")}/api/ws\n    Database:     ${config.DATABASE_URL ?? "file:data/cockpit.db"}\n    Network:      ${open}\n  Press Ctrl-C to stop.\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
