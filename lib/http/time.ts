/** Integer timestamps in the database, ISO-8601 strings on the wire. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
