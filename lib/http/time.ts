/** One Date reused: a list page formats hundreds of times, and Next wraps the Date constructor (its dynamic-IO check). */
const scratch = new Date(0);

/** Integer timestamps in the database, ISO-8601 strings on the wire. */
export function iso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  scratch.setTime(ms);
  return scratch.toISOString();
}
