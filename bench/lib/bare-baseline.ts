/** Starts the baseline servers (bare-server.ts, bare-http.ts) as child processes, and connects clients to the bare ws one. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import WebSocket from "ws";
import { ROOT } from "../../scripts/stack";
import { freePort } from "./stack";

export type BareServer = { url: string; pid: number; stop: () => Promise<void> };

/**
 * Runs a baseline server script (beside this file) as a child process in its own process group (its pid is the group,
 * for /proc CPU figures) and resolves once it prints "ready".
 */
export async function startBaselineProcess(script: string, args: string[], label: string): Promise<{ pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, script), ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start`)), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`${label} exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}

export async function startBareServer(): Promise<BareServer> {
  const port = await freePort();
  const proc = await startBaselineProcess("bare-server.ts", [String(port)], "bare ws server");
  return { url: `ws://127.0.0.1:${port}`, ...proc };
}

/** Opens one client to the bare server; resolves once open. */
export function connectBare(url: string, query: string, onFrame?: (text: string) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${url}/?${query}`, { perMessageDeflate: false });
  ws.on("error", () => undefined);
  if (onFrame) ws.on("message", (data) => onFrame(data.toString()));
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}
