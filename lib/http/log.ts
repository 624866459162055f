/** Failures for the server log, one line each: request text and error messages (a database error echoes the query's
 *  parameters) are JSON-encoded and cut short, so a request cannot forge log lines, colour the terminal or flood it. */
const MAX_LOGGED_CHARS = 1000;
const STACK_FRAMES = 6;

function clip(text: string): string {
  return text.length > MAX_LOGGED_CHARS ? `${text.slice(0, MAX_LOGGED_CHARS)}… (${text.length - MAX_LOGGED_CHARS} more characters)` : text;
}

type ErrorSummary = { name?: string; code?: string; message: string; stack?: string[]; cause?: ErrorSummary };

function summarize(error: unknown, depth = 0): ErrorSummary {
  if (!(error instanceof Error)) return { message: clip(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    code: typeof code === "string" ? code : undefined,
    message: clip(error.message),
    // Frames only: the stack's first lines repeat the message.
    stack:
      depth === 0
        ? error.stack
            ?.split("\n")
            .map((l) => l.trim())
            .filter((l) => l.startsWith("at "))
            .slice(0, STACK_FRAMES)
            .map(clip)
        : undefined,
    cause: error.cause !== undefined && depth < 3 ? summarize(error.cause, depth + 1) : undefined,
  };
}

/** Logs `what` with the request line (method, path, query) and the error, as one line of JSON. */
export function logError(what: string, error: unknown, req?: Request): void {
  let request: string | undefined;
  if (req) {
    const url = new URL(req.url);
    request = clip(`${req.method} ${url.pathname}${url.search}`);
  }
  console.error(`${what}: ${JSON.stringify({ request, error: summarize(error) })}`);
}
