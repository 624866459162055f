import { storageState } from "../db/readiness";
import { LIMITS } from "../protocol/limits";
import { refuseDeclaredOversize } from "./body";
import { ApiError, errorResponse } from "./errors";
import { registerFastRoute, type FastHandler, type FastRouteKey } from "./fast-routes";
import { smallJsonUncompressed } from "./small-json";

export type RouteOptions = {
  /** The most body this route reads; a larger declared Content-Length is refused before anything else. */
  maxBodyBytes?: number;
  /** Also served by the web's own server without Next's request machinery (fast-routes.ts): a hot route with no params. */
  fast?: FastRouteKey;
};

/** Every route needs the database; until bootstrap has prepared it they all answer 503 (bootstrap keeps retrying). */
function requireStorage(): void {
  const storage = storageState();
  if (!storage.ready) throw new ApiError("storage_unavailable", `the database is not ready (${storage.problem}); the server keeps retrying`);
}

/**
 * Wraps a route handler: refuses what it will never read, answers 503 while the database is not prepared, turns
 * every thrown error into the one error shape, and sends small JSON answers uncompressed (small-json.ts).
 */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>, options: RouteOptions = {}): (...args: A) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? LIMITS.restBodyBytes;
  const wrapped = async (...args: A) => {
    const req = args[0] instanceof Request ? args[0] : undefined;
    try {
      if (req) refuseDeclaredOversize(req, maxBodyBytes);
      requireStorage();
      return await smallJsonUncompressed(await fn(...args));
    } catch (error) {
      return smallJsonUncompressed(errorResponse(error, req));
    }
  };
  if (options.fast) registerFastRoute(options.fast, { handler: wrapped as unknown as FastHandler, maxBodyBytes });
  return wrapped;
}
