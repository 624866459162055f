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

/** The media type of a Content-Type header: type/subtype before any parameter, lower-cased. */
export function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Host and optional port, as RFC 3986 allows them: a name or an IPv4 address, or an IPv6 address in brackets. */
const HOST_HEADER = /^(?:[a-z0-9_](?:[a-z0-9._-]*[a-z0-9_])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The request's Host header, refused with a 400 when it is not a host (it goes into URLs we build). */
export function hostHeader(req: Request): string | null {
  const host = req.headers.get("host");
  if (host === null) return null;
  if (!HOST_HEADER.test(host) || !URL.canParse(`http://${host}`)) throw new ApiError("bad_request", "the Host header is not a valid host name", "host");
  return host;
}

/** Reads and validates a JSON body; the 400 names the first wrong field and lists all issues. */
export async function parseBody<T extends z.ZodType>(req: Request, schema: T, maxBytes: number = LIMITS.restBodyBytes): Promise<z.infer<T>> {
  if (mediaType(req.headers.get("content-type")) !== "application/json") {
    throw new ApiError("unsupported_media_type", "send Content-Type: application/json");
  }
  const text = await readBodyText(req, maxBytes);
  const json = parseJsonText(text, "body");
  if (!json.ok) {
    const field = json.issue.path.join(".");
    throw new ApiError("bad_request", field ? `${field}: ${json.issue.message}` : json.issue.message, field || undefined);
  }
  return parseValue(schema, json.value);
}

/** Validates a value built on the server from caller input (e.g. a template's task): the 400 names the first wrong field. */
export function parseValue<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
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
