import { CliError, EXIT } from "./errors";
import type { Connection } from "./config";

type ErrorBody = { error?: { code?: string; message?: string; field?: string } };

/** One REST call; every failure becomes a CliError with a message a person can act on and a stable exit code. */
export async function request<T>(conn: Connection, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${conn.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${conn.key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new CliError(`cannot reach ${conn.url} (${why}); is Cockpit running there? Set --url or COCKPIT_URL`, EXIT.unreachable);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) throw new CliError(`${method} ${path}: the server answered ${res.status} with something that is not JSON`, EXIT.unreachable);
  }
  if (res.ok) return json as T;
  const err = (json as ErrorBody | null)?.error;
  const message = err?.message ?? (text.slice(0, 200) || res.statusText);
  if (res.status === 401) throw new CliError(`the key was refused (401): ${message}. Check --key / COCKPIT_KEY`, EXIT.denied);
  if (res.status === 403) throw new CliError(`not allowed (403): ${message}`, EXIT.denied);
  if (res.status === 400) throw new CliError(`bad request (400)${err?.field ? ` in field "${err.field}"` : ""}: ${message}`, EXIT.usage);
  if (res.status === 404 || res.status === 409)
    throw new CliError(`${res.status === 404 ? "not found" : "conflict"} (${res.status}): ${message}`, EXIT.notFound);
  throw new CliError(`the server answered ${res.status}: ${message}`, res.status >= 500 ? EXIT.unreachable : EXIT.usage);
}
