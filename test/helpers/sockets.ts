/** What a process tree listens on (Linux: /proc and `ss`), for the tests that keep the stack off the network. */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export type ListeningSocket = { address: string; port: number; pid: number; process: string; loopback: boolean };

/** A /proc read, or the fallback when the process ended meanwhile. */
export function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** `pid` and every descendant, read from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): Set<number> {
  const tree = new Set<number>([pid]);
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const tid of readOr(() => readdirSync(`/proc/${current}/task`), [])) {
      const children = readOr(() => readFileSync(`/proc/${current}/task/${tid}/children`, "utf8"), "");
      for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
        if (!tree.has(child)) {
          tree.add(child);
          queue.push(child);
        }
      }
    }
  }
  return tree;
}

const isLoopback = (address: string) => /^127\./.test(address) || address === "[::1]" || address === "::1" || address === "[::ffff:127.0.0.1]";

/** Listening TCP sockets (IPv4 and IPv6) owned by any of `pids`. */
export function listeningSocketsOf(pids: ReadonlySet<number>): ListeningSocket[] {
  const out = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" });
  const sockets: ListeningSocket[] = [];
  for (const line of out.split("\n")) {
    const columns = line.trim().split(/\s+/);
    const local = columns[3];
    const users = line.match(/users:\((.*)\)\s*$/)?.[1];
    if (!local || !users) continue;
    const split = local.lastIndexOf(":");
    const address = local.slice(0, split);
    const port = Number(local.slice(split + 1));
    for (const owner of users.matchAll(/\("([^"]*)",pid=(\d+)/g)) {
      const pid = Number(owner[2]);
      if (pids.has(pid)) sockets.push({ address, port, pid, process: owner[1] ?? "?", loopback: isLoopback(address) });
    }
  }
  return sockets;
}
