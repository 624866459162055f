import { createHash } from "node:crypto";
import { LIMITS } from "../protocol/limits";

/**
 * The id of a fan-out parent's child N: `parent.N`, or, when that would pass the id limit, the parent's id cut short
 * plus a hash of all of it (`<prefix>-<16 hex>.N`), so the id stays valid, two long parents sharing a prefix still
 * get distinct children, and the same parent always gets the same children.
 */
export function fanOutChildId(parentId: string, n: number): string {
  const plain = `${parentId}.${n}`;
  if (plain.length <= LIMITS.id) return plain;
  const suffix = `-${createHash("sha256").update(parentId).digest("hex").slice(0, 16)}.${n}`;
  return `${parentId.slice(0, LIMITS.id - suffix.length)}${suffix}`;
}
