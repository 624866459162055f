/** Facts about the web process under test, read from /proc (Linux): who listens on a port and how much memory it holds. */
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";

/** The inode of the socket listening on 127.0.0.1:port (or any address), from /proc/net/tcp{,6}. */
function listeningInode(port: number): string | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols[1] = local address:port, cols[3] = state (0A = LISTEN), cols[9] = inode
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A" && cols[9]) return cols[9];
    }
  }
  return null;
}

/** The pid of the process holding the listening socket on `port`. */
export function pidListeningOn(port: number): number {
  const inode = listeningInode(port);
  if (!inode) throw new Error(`nothing listens on port ${port}`);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) return Number(entry);
      } catch {
        /* fd closed meanwhile */
      }
    }
  }
  throw new Error(`no process holds the socket on port ${port}`);
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  if (!match?.[1]) throw new Error(`no ${field} for pid ${pid}`);
  return Number(match[1]);
}

/** Resets the process's peak resident set (VmHWM) to its current size, so a later peak shows what one request cost. */
export function resetPeakMemory(pid: number): number {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
  return statusKb(pid, "VmRSS") * 1024;
}

/** The highest resident set size (bytes) since the last reset. */
export function peakMemory(pid: number): number {
  return statusKb(pid, "VmHWM") * 1024;
}

export type StreamedReply = { status: number; body: string; sentBytes: number };

/**
 * POSTs `totalBytes` of `fill` as a chunked body (no Content-Length), honouring backpressure, and stops sending as
 * soon as the server answers. Resolves with the answer and how much was sent by then.
 */
export function postChunked(url: string, headers: Record<string, string>, totalBytes: number, fill = "a"): Promise<StreamedReply> {
  const chunk = Buffer.alloc(1024 * 1024, fill);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sentBytes: sent });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Sends only the headers of a POST that declares `declaredBytes` of body, and resolves with the server's answer. */
export function postDeclaringLength(url: string, headers: Record<string, string>, declaredBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { ...headers, "content-length": String(declaredBytes) } });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", reject);
    // A server that waits for the declared body would hang here; fail with a clear message instead.
    req.setTimeout(20_000, () => req.destroy(new Error("no answer before the body was sent")));
    req.flushHeaders();
  });
}
