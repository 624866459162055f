import { storageFailure } from "../db/storage-errors";
import { noteStorageFailure } from "../alerts/storage-trouble";
import { ApiError, apiErrorResponse } from "./api-error";
import { logError } from "./log";

export { ApiError, ERROR_STATUS, STORAGE_RETRY_AFTER_SECONDS, type ErrorCode } from "./api-error";

export function errorResponse(error: unknown, req?: Request): Response {
  if (error instanceof ApiError) return apiErrorResponse(error);
  // A full, read-only, failing or locked database is not a bug: the client may retry later.
  const storage = storageFailure(error);
  if (storage) {
    noteStorageFailure(storage);
    logError("storage unavailable", error, req);
    return errorResponse(new ApiError("storage_unavailable", `the database cannot take this request now (${storage}); retry later`));
  }
  // Database and programming errors stay in the server log; the client gets no internals.
  logError("internal error", error, req);
  return Response.json({ error: { code: "internal", message: "internal error" } }, { status: 500 });
}
