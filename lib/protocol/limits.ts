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
  /** Nesting depth of any JSON text we parse (frames, REST bodies): refused before JSON.parse recurses into it. */
  jsonDepth: 64,
  /** REST request bodies: a task with its 256 KiB payload (or a bulk request naming 1000 ids) fits with room to spare. */
  restBodyBytes: 1_048_576,
  /** The sign-in form: a key and a return path. */
  formBodyBytes: 16 * 1024,
  /** Events the hub sends the web in one batch (party/outbox.ts). */
  bridgeBatchEvents: 200,
  /**
   * A hub → web event batch. Room storage refuses values over 128 KiB, so an outbox event is at most that:
   * 200 events × 128 KiB = 25 MiB, plus a presence snapshot (≈ 21 KiB per agent at the most metadata, a few
   * hundred bytes typically) in the remaining 7 MiB. The web reads no more than this before checking the signature.
   */
  bridgeBodyBytes: 32 * 1024 * 1024,
} as const;

/** Bytes of one signed bridge request body (web → hub commands; hub → web event batches are cut to this too). */
export const BRIDGE_BODY_BYTES = 16 * 1024 * 1024;
