/**
 * Routes the web's own server (scripts/web-server.ts) may call without Next's per-request machinery: the busiest
 * ones (a task created, a hub batch, a task list). Next's routing, tracing and web-stream plumbing cost ~2 ms of CPU
 * per request here, more than such a request's own work. A route module registers its handler as it loads, so the
 * server calls the very function Next would, with that bundle's state; until then Next serves the path.
 */

/** A route handler as Next calls it: the request and the route's (here empty) params. */
export type FastHandler = (req: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;

export type FastRoute = { handler: FastHandler; maxBodyBytes: number };

/** "POST /api/cockpit/tasks": a method and an exact path, no parameters in it. */
export type FastRouteKey = `${"GET" | "POST"} /${string}`;

// On globalThis: Next loads every route module in a bundle of its own, and the server reads them from outside all.
const holder = globalThis as typeof globalThis & { __cockpitFastRoutes?: Map<string, FastRoute> };

export function fastRoutes(): Map<string, FastRoute> {
  return (holder.__cockpitFastRoutes ??= new Map());
}

export function registerFastRoute(key: FastRouteKey, route: FastRoute): void {
  fastRoutes().set(key, route);
}
