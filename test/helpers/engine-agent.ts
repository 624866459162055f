/** Kept for test files written against this module before ./api existed; import from ./api. */
export { connectAgent, createTask, viewTask, waitForStatus, TASK_EXTENSIONS as ALL_EXTENSIONS, type TaskView } from "./api";
