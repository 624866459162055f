/** Kept for test files written against this module before test/helpers/api existed; import from there. */
export {
  FINISHED,
  createTask,
  getAgent,
  listRepos,
  viewTask as getTask,
  type AgentJson,
  type RepoJson,
  type TaskEventJson,
  type TaskJson,
} from "../../helpers/api";
