/** Fake env keys present while the test build runs: if either shows up in a client chunk, keys leak into bundles. */
export const CANARY_KEYS = ["qk_CANARY_queue_key_must_never_ship_7f3a9c", "ak_CANARY_assistant_key_must_never_ship_41be2d"] as const;
export const CANARY_STAMP = "e2e-canary-build-id";
