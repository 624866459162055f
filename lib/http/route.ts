import { LIMITS } from "../protocol/limits";
import { refuseDeclaredOversize } from "./body";
import { errorResponse } from "./errors";

export type RouteOptions = {
  /** The most body this route reads; a larger declared Content-Length is refused before anything else. */
  maxBodyBytes?: number;
};

/** Wraps a route handler: refuses what it will never read, and turns every thrown error into the one error shape. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>, options: RouteOptions = {}): (...args: A) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? LIMITS.restBodyBytes;
  return async (...args: A) => {
    const req = args[0] instanceof Request ? args[0] : undefined;
    try {
      if (req) refuseDeclaredOversize(req, maxBodyBytes);
      return await fn(...args);
    } catch (error) {
      return errorResponse(error, req);
    }
  };
}
