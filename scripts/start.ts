/** `npm start`: build if needed, then the web (:3000) and the hub (:1999) together; Ctrl-C stops both. */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, buildIsStale, buildWeb, startHub, startWeb, waitForUrl } from "./stack";

const DATA = join(ROOT, "data");

/** The bridge secret: from the environment, else generated once into data/secret. */
function secret(): string {
  if (process.env.COCKPIT_SECRET) return process.env.COCKPIT_SECRET;
  const file = join(DATA, "secret");
  if (!existsSync(file)) {
    mkdirSync(DATA, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function main(): Promise<void> {
  const webPort = Number(process.env.PORT ?? 3000);
  const hubPort = Number(process.env.HUB_PORT ?? 1999);
  const cockpitSecret = secret();
  const webUrl = process.env.WEB_URL ?? `http://127.0.0.1:${webPort}`;
  const hubUrl = process.env.HUB_URL ?? `http://127.0.0.1:${hubPort}`;
  if (buildIsStale(process.env.NEXT_DIST_DIR || ".next", ["app", "components", "lib"])) {
    console.log("Building the web app (first start or changed sources)…");
    await buildWeb();
  }
  const hub = startHub({
    port: hubPort,
    webUrl,
    secret: cockpitSecret,
    persist: true,
    echo: true,
    vars: {
      QUEUE_API_KEY: process.env.QUEUE_API_KEY,
      ASSISTANT_API_KEY: process.env.ASSISTANT_API_KEY,
      PING_INTERVAL_MS: process.env.PING_INTERVAL_MS,
      STALE_AFTER_MS: process.env.STALE_AFTER_MS,
    },
  });
  // Loopback by default; HOST=0.0.0.0 lets phones on the LAN open the dashboard.
  const web = startWeb({ port: webPort, env: { COCKPIT_SECRET: cockpitSecret, HUB_URL: hubUrl }, echo: true, host: process.env.HOST ?? "127.0.0.1" });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping web and hub…");
    await Promise.all([web.stop(), hub.stop()]);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  for (const p of [hub, web]) p.child.once("exit", (code) => void (stopping || (console.error(`${p.name} exited (${code}); stopping.`), stop(1))));
  await Promise.all([waitForUrl(`${webUrl}/api/health`, web), waitForUrl(`${hubUrl}/health`, hub)]);
  console.log(`\n  Cockpit is running.\n    Dashboard:   ${webUrl}\n    REST API:    ${webUrl}/api/cockpit/tasks\n    Agent socket: ${hubUrl.replace(/^http/, "ws")}/api/ws\n    Database:    ${process.env.DATABASE_URL ?? "file:data/cockpit.db"}\n  Press Ctrl-C to stop.\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
