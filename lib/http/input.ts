import type { z } from "zod";
import { LIMITS } from "../protocol/limits";
import { NUL_MESSAGE, hasNul, parseJsonText } from "../protocol/parse";
import { readBodyText } from "./body";
import { ApiError } from "./errors";

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") ?? "";
  return { field, message: field ? `${field}: ${issue?.message}` : (issue?.message ?? "invalid input") };
}

/** Reads and validates a JSON body; the 400 names the first wrong field and lists all issues. */
export async function parseBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new ApiError("unsupported_media_type", "send Content-Type: application/json");
  }
  const text = await readBodyText(req, LIMITS.restBodyBytes);
  const json = parseJsonText(text, "body");
  if (!json.ok) {
    const field = json.issue.path.join(".");
    throw new ApiError("bad_request", field ? `${field}: ${json.issue.message}` : json.issue.message, field || undefined);
  }
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new ApiError("bad_request", message, field || undefined, parsed.error.issues);
  }
  return parsed.data;
}

/** Validates the query string; unknown parameters are ignored (unless they carry a NUL), known ones must be right. */
export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const params = new URL(req.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (hasNul(key) || hasNul(value)) throw new ApiError("bad_request", `invalid query parameter ${key}: ${NUL_MESSAGE}`, key);
    raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new ApiError("bad_request", `invalid query parameter ${message}`, field || undefined, parsed.error.issues);
  }
  return parsed.data;
}
