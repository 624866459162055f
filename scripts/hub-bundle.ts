/**
 * The hub's room (party/cockpit.ts) bundled with partykit's worker facade, as workerd runs it. Built once by whoever
 * starts hubs (scripts/stack.ts) and handed to each hub process, or by the hub itself under --watch.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BuildOptions } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const PARTYKIT_DIST = join(ROOT, "node_modules", "partykit", "dist");
const ENTRY = join(ROOT, "party", "cockpit.ts");

/** Stands for the hub's own host:port in a bundle built before the port is known; see `roomCodeFor`. */
const HOST_PLACEHOLDER = "__COCKPIT_HUB_HOST__";

/** partykit's own worker facade (it turns the party class into a Durable Object), with our room as the worker. */
function facadeSource(entry: string): string {
  const facade = readFileSync(join(PARTYKIT_DIST, "generated.js"), "utf8");
  return facade.replace("__WORKER__", entry).replace("__R2_BINDINGS__", "[]").replace("__KV_BINDINGS__", "[]").replace("__PARTIES__", "");
}

/** `entry`: another party class (the benchmarks' empty room) instead of party/cockpit.ts. */
export function roomBuildOptions(entry = ENTRY): BuildOptions & { write: false } {
  return {
    stdin: { contents: facadeSource(entry), resolveDir: ROOT, loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    target: "esnext",
    conditions: ["partykit", "workerd", "worker"],
    // The facade imports the static-assets manifest; the hub serves no assets, so it is an empty module (hub-server.ts).
    external: ["__STATIC_ASSETS_MANIFEST__"],
    define: { PARTYKIT_HOST: JSON.stringify(HOST_PLACEHOLDER), PARTYKIT_API_BASE: JSON.stringify("http://127.0.0.1:0") },
    logLevel: "warning",
  };
}

/** The bundle for a hub on this port (the facade names its own host once). */
export function roomCodeFor(bundle: string, port: number): string {
  return bundle.replaceAll(JSON.stringify(HOST_PLACEHOLDER), JSON.stringify(`127.0.0.1:${port}`));
}
