/** The empty room (empty-room.ts) under the hub's own launcher: N sockets opened at once, timed, and workerd's memory. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import WebSocket from "ws";
import { roomBuildOptions } from "../../scripts/hub-bundle";
import { startHub, waitForUrl } from "../../scripts/stack";
import { freePort, groupRss } from "./stack";
import { nowMs, sleep } from "./stats";

export type EmptyRoomFigures = { openMs: number; idleWorkerdRss: number; workerdRss: number };

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

export async function measureEmptyRoom(sockets: number, dir: string): Promise<EmptyRoomFigures> {
  const bundle = join(dir, "empty-room.mjs");
  writeFileSync(bundle, buildSync(roomBuildOptions(join(import.meta.dirname, "empty-room.ts"))).outputFiles[0]!.contents);
  const port = await freePort();
  // The launcher checks the hub's settings; the empty room reads none of them.
  const hub = startHub({ port, webUrl: "http://127.0.0.1:9", secret: "e".repeat(64), persist: false, roomBundle: bundle });
  const all: WebSocket[] = [];
  try {
    await waitForUrl(`http://127.0.0.1:${port}/parties/main/empty`, hub);
    const url = (i: number | string) => `ws://127.0.0.1:${port}/parties/main/empty?_pk=${i}`;
    // The room exists before the burst, as the hub's does.
    all.push(await open(url("first")));
    await sleep(500);
    const idle = groupRss(hub.child.pid!);
    const t0 = nowMs();
    all.push(...(await Promise.all(Array.from({ length: sockets }, (_, i) => open(url(i))))));
    const openMs = nowMs() - t0;
    await Promise.all(all.map((ws) => new Promise((resolve) => (ws.once("message", resolve), ws.send("ping")))));
    await sleep(500);
    return { openMs, idleWorkerdRss: idle.byName.workerd ?? 0, workerdRss: groupRss(hub.child.pid!).byName.workerd ?? 0 };
  } finally {
    for (const ws of all) ws.terminate();
    await hub.stop();
  }
}
