/**
 * Runs the hub (party/cockpit.ts) under Miniflare/workerd, the engine `partykit dev` uses, without its DevTools
 * inspector proxy (`*:9229`) or dev helper ports, and bound to loopback unless HUB_HOST says otherwise.
 * Settings arrive in this process's environment (never on a command line) and reach the room as its vars.
 * `--watch` rebuilds on change (npm run dev); `--inspect` opens workerd's inspector on 127.0.0.1 only.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as esbuild from "esbuild";
import { Log, LogLevel, Miniflare, type MiniflareOptions } from "miniflare";
import { HUB_VAR_NAMES, readConfig } from "../party/config";
import { roomBuildOptions, roomCodeFor } from "./hub-bundle";
import { stopWithParent } from "../lib/process/parent-watch";

const ROOT = resolve(import.meta.dirname, "..");
const COMPATIBILITY_DATE = (JSON.parse(readFileSync(join(ROOT, "partykit.json"), "utf8")) as { compatibilityDate: string }).compatibilityDate;

type HubServerOptions = { port: number; host: string; persistDir: string | null; watch: boolean; inspectorPort: number | null };

function optionsFromEnv(argv: readonly string[]): HubServerOptions {
  const port = Number(process.env.HUB_PORT ?? 1999);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`HUB_PORT must be a port number, got ${JSON.stringify(process.env.HUB_PORT)}`);
  const persist = process.env.HUB_PERSIST_DIR;
  const inspect = argv.includes("--inspect");
  return {
    port,
    host: process.env.HUB_HOST || "127.0.0.1",
    persistDir: persist ? resolve(ROOT, persist) : null,
    watch: argv.includes("--watch"),
    inspectorPort: inspect ? Number(process.env.HUB_INSPECTOR_PORT ?? 9229) : null,
  };
}

/** The room's vars: the settings named in HUB_VAR_NAMES, from this process's environment. */
function roomVars(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of HUB_VAR_NAMES) {
    const value = process.env[name];
    if (value) vars[`pkvar-${name}`] = value;
  }
  return vars;
}

/** Set while Miniflare swaps runtimes (--watch), when the old workerd ending is expected. */
let reloading = false;
let stopping = false;

/** workerd's output goes to ours; if workerd dies on its own, this process exits too, so a supervisor restarts the hub. */
function handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream): void {
  stdout.pipe(process.stdout, { end: false });
  stderr.pipe(process.stderr, { end: false });
  stdout.once("close", () => {
    if (reloading || stopping) return;
    console.error("workerd exited unexpectedly; the hub stops so it can be restarted.");
    process.exit(1);
  });
}

function miniflareOptions(o: HubServerOptions, code: string): MiniflareOptions {
  const scriptPath = join(ROOT, "party", "__hub_bundle__.js");
  return {
    host: o.host,
    port: o.port,
    ...(o.inspectorPort === null ? {} : { inspectorPort: o.inspectorPort }),
    log: new Log(LogLevel.WARN),
    handleRuntimeStdio,
    // Offline machines cannot fetch Cloudflare's request metadata; the room does not use it.
    cf: false,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ["nodejs_compat"],
    modulesRoot: ROOT,
    modules: [
      { type: "ESModule", path: scriptPath, contents: code },
      {
        type: "ESModule",
        path: join(ROOT, "party", "__STATIC_ASSETS_MANIFEST__"),
        contents: 'export default { devServer: "", assets: {}, singlePageApp: false };',
      },
    ],
    bindings: { ...roomVars(), PARTYKIT_CRONS: {} },
    durableObjects: { PARTYKIT_DURABLE: "PartyKitDurable" },
    ...(o.persistDir ? { durableObjectsPersist: join(o.persistDir, "party"), cachePersist: join(o.persistDir, "cache") } : {}),
  };
}

async function main(): Promise<void> {
  const o = optionsFromEnv(process.argv.slice(2));
  // The room validates the same settings; checking here too fails at start, naming the variable, not on the first request.
  readConfig(process.env);
  let mf: Miniflare | null = null;
  const apply = async (code: string) => {
    if (!mf) {
      mf = new Miniflare(miniflareOptions(o, code));
      const url = await mf.ready;
      console.log(`hub ready on ${url.origin}${o.inspectorPort === null ? "" : ` (inspector on localhost:${o.inspectorPort})`}`);
    } else {
      reloading = true;
      try {
        await mf.setOptions(miniflareOptions(o, code));
      } finally {
        reloading = false;
      }
      console.log("hub reloaded");
    }
  };
  const stop = async () => {
    stopping = true;
    await mf?.dispose().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  stopWithParent("hub", () => void stop());
  if (!o.watch) {
    // Built once by whoever starts hubs (scripts/stack.ts), else here.
    const prebuilt = process.env.HUB_ROOM_BUNDLE;
    const bundle = prebuilt ? readFileSync(prebuilt, "utf8") : (await esbuild.build(roomBuildOptions())).outputFiles[0]!.text;
    await apply(roomCodeFor(bundle, o.port));
    return;
  }
  const ctx = await esbuild.context({
    ...roomBuildOptions(),
    plugins: [
      {
        name: "reload-hub",
        setup(build) {
          build.onEnd((result) => {
            const file = result.outputFiles?.[0];
            if (result.errors.length === 0 && file) apply(roomCodeFor(file.text, o.port)).catch((error: unknown) => console.error("hub reload failed:", error));
          });
        },
      },
    ],
  });
  await ctx.watch();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
