/** Starts the bare ws baseline server (bare-server.ts) as a child process and connects clients to it. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import WebSocket from "ws";
import { ROOT } from "../../scripts/stack";
import { freePort } from "./stack";

export type BareServer = { url: string; pid: number; stop: () => Promise<void> };

export async function startBareServer(): Promise<BareServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "bare-server.ts"), String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bare ws server did not start")), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`bare ws server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
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
