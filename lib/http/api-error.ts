/** One error shape for every answer: `{ error: { code, message, field?, details? } }`. No database imports: proxy.ts uses it. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
  /** The database cannot take the request now (not prepared yet, disk full, read-only, locked): retry later. */
  storage_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Seconds a client should wait before retrying a storage_unavailable answer. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

function headersFor(code: ErrorCode): Record<string, string> {
  if (code === "unauthorized") return { "www-authenticate": "Bearer" };
  if (code === "storage_unavailable") return { "retry-after": String(STORAGE_RETRY_AFTER_SECONDS) };
  return {};
}

export function apiErrorResponse(error: ApiError): Response {
  const body = { error: { code: error.code, message: error.message, field: error.field, details: error.details } };
  return Response.json(body, { status: ERROR_STATUS[error.code], headers: headersFor(error.code) });
}
