import type { CommandRequest } from "./requests";

/** The bar's per-device memory in localStorage: typed lines for ↑/↓, and writes waiting for the network. */

export type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

export const HISTORY_KEY = "cockpit-command-history";
export const QUEUE_KEY = "cockpit-command-queue";
export const REPO_KEY = "cockpit-command-repo";
export const HISTORY_MAX = 50;

/** A write typed while offline: sent once on reconnect, under its own task id. */
export type QueuedCommand = { key: string; text: string; request: CommandRequest; queuedAt: number };

function readList<T>(store: KeyValueStore, key: string, valid: (v: unknown) => v is T): T[] {
  try {
    const value: unknown = JSON.parse(store.getItem(key) ?? "[]");
    return Array.isArray(value) ? value.filter(valid) : [];
  } catch {
    return []; // a damaged entry is dropped, never a crash of the bar
  }
}

const isString = (v: unknown): v is string => typeof v === "string";
const isQueued = (v: unknown): v is QueuedCommand =>
  typeof v === "object" && v !== null && isString((v as QueuedCommand).key) && isString((v as QueuedCommand).text) && isString((v as QueuedCommand).request?.path);

export function loadHistory(store: KeyValueStore): string[] {
  return readList(store, HISTORY_KEY, isString);
}

/** Newest last; the same line twice in a row is kept once; at most HISTORY_MAX lines. */
export function pushHistory(history: readonly string[], line: string): string[] {
  const text = line.trim();
  if (!text || history.at(-1) === text) return [...history];
  return [...history, text].slice(-HISTORY_MAX);
}

export function saveHistory(store: KeyValueStore, history: readonly string[]): void {
  store.setItem(HISTORY_KEY, JSON.stringify(history));
}

/**
 * ↑ (-1) and ↓ (+1) through the history. `at` is the line shown (history.length: the draft being typed); the draft
 * comes back when ↓ passes the newest line.
 */
export function historyStep(history: readonly string[], at: number, by: -1 | 1, draft: string): { at: number; text: string } {
  const next = Math.min(history.length, Math.max(0, at + by));
  return { at: next, text: next === history.length ? draft : history[next]! };
}

export function loadQueue(store: KeyValueStore): QueuedCommand[] {
  return readList(store, QUEUE_KEY, isQueued);
}

export function enqueue(store: KeyValueStore, entry: QueuedCommand): void {
  const queue = loadQueue(store).filter((q) => q.key !== entry.key);
  store.setItem(QUEUE_KEY, JSON.stringify([...queue, entry]));
}

export function dequeue(store: KeyValueStore, key: string): void {
  store.setItem(QUEUE_KEY, JSON.stringify(loadQueue(store).filter((q) => q.key !== key)));
}
