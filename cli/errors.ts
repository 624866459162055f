/** Exit codes a CI script can branch on. */
export const EXIT = {
  ok: 0,
  /** The task ended but not completed (failed, cancelled, timed out), or --wait gave up. */
  taskNotCompleted: 1,
  /** Bad usage or a 400 from the server (the message names the field). */
  usage: 2,
  /** The server could not be reached, or answered 5xx. */
  unreachable: 3,
  /** 401 or 403: the key is missing, wrong, revoked or not allowed. */
  denied: 4,
  /** 404 or 409. */
  notFound: 5,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
