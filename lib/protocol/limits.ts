/** Bounds on every frame and field, so one hostile client cannot exhaust the hub or the database. */
export const LIMITS = {
  /** Below the runtime's own 1 MiB cap (which closes with 1009), so over-size frames up to it get an error frame. */
  frameBytes: 1_000_000,
  id: 128,
  name: 256,
  path: 1024,
  shortText: 2000,
  logs: 512 * 1024,
  capabilities: 64,
  reposPerFrame: 500,
  modifiedFiles: 1000,
  metadataBytes: 16 * 1024,
  resultBytes: 256 * 1024,
  payloadBytes: 256 * 1024,
} as const;

/** Bytes of one signed bridge request body (web → hub commands; hub → web event batches are cut to this too). */
export const BRIDGE_BODY_BYTES = 16 * 1024 * 1024;
