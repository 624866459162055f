/** A seeded fault schedule: the same seed gives the same faults, targets and moments, so a failing run can be replayed. */

export type FaultKind = "kill-hub" | "kill-web" | "kill-agent" | "stop-agent";
export const FAULT_KINDS: readonly FaultKind[] = ["kill-hub", "kill-web", "kill-agent", "stop-agent"];

/** `afterMs`: how long after the wave's tasks were created the fault strikes; `agent`: which real agent (by index). */
export type Fault = { kind: FaultKind; agent: number; afterMs: number };

/** mulberry32: a small, well-mixed 32-bit generator; good enough to pick moments and mixes reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFromEnv(name = "FAULT_SEED"): number {
  const given = process.env[name];
  if (given !== undefined && given !== "") {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`${name}: "${given}" must be a whole number from 0 to 4294967295`);
    return seed;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Every kind of fault at least once (in a seeded order), then `extra` more of any kind, each aimed at a seeded
 * agent and striking a seeded moment (minMs..maxMs) after its wave of tasks was created.
 */
export function planFaults(random: () => number, o: { agents: number; extra: number; minMs: number; maxMs: number }): Fault[] {
  const kinds = [...FAULT_KINDS, ...Array.from({ length: o.extra }, () => pick(random, FAULT_KINDS))];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  return kinds.map((kind) => ({ kind, agent: Math.floor(random() * o.agents), afterMs: Math.round(o.minMs + random() * (o.maxMs - o.minMs)) }));
}

export function describeFault(f: Fault, agentIds: readonly string[]): string {
  const target = f.kind === "kill-agent" || f.kind === "stop-agent" ? ` ${agentIds[f.agent]}` : "";
  return `${f.kind}${target} ${f.afterMs} ms into its wave`;
}
