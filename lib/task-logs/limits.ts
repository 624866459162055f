/** An attempt keeps at most this much output; the oldest chunks go first (the page says it was truncated). */
export const TASK_LOG_BYTES = 1024 * 1024;
/** One read of GET …/logs returns at most about this much; the page reads on while `more` is true. */
export const TASK_LOG_PAGE_BYTES = 256 * 1024;
