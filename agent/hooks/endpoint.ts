import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** Where the running agent's hook endpoint is written: the state folder, readable by its user only. */
export function endpointFile(stateDir: string): string {
  return join(stateDir, "hook-endpoint.json");
}

const endpointSchema = z.object({ port: z.number().int().min(1).max(65535), token: z.string().min(32).max(128), pid: z.number().int() });
export type HookEndpoint = z.infer<typeof endpointSchema>;

export function writeEndpoint(stateDir: string, endpoint: HookEndpoint): void {
  const path = endpointFile(stateDir);
  writeFileSync(path, JSON.stringify(endpoint), { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The endpoint of the agent running with this state folder, or null when none is (or the file is unreadable). */
export function readEndpoint(stateDir: string): HookEndpoint | null {
  try {
    const parsed = endpointSchema.safeParse(JSON.parse(readFileSync(endpointFile(stateDir), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function removeEndpoint(stateDir: string, pid: number): void {
  if (readEndpoint(stateDir)?.pid === pid) rmSync(endpointFile(stateDir), { force: true });
}
