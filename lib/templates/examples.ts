/**
 * The four example templates docs/command-bar.md shows; nothing is seeded, an admin adds them from the Templates page
 * (or posts them). Each runs a coding agent (`subagent`) with a prompt on the chosen repository.
 */
export const EXAMPLE_TEMPLATES = [
  {
    name: "test",
    description: "Run the test suite, fix what fails, report the rest",
    executor: "subagent",
    payload: { prompt: "Run the project's test suite. Fix the failures you can and report the ones you cannot. {args}", repo: "{repo}" },
  },
  {
    name: "review",
    description: "Review the latest changes; change nothing",
    executor: "subagent",
    payload: { prompt: "Review the latest commits for bugs, security problems and missing tests. Report findings; do not change files. {args}", repo: "{repo}" },
  },
  {
    name: "plan",
    description: "Write an implementation plan; change nothing",
    executor: "subagent",
    payload: { prompt: "Read the code, then write a step-by-step implementation plan for: {args}. Do not change files.", repo: "{repo}" },
  },
  {
    name: "commit",
    description: "Make the change and commit it with a clear message",
    executor: "subagent",
    payload: { prompt: "Make this change, run the tests, and commit it with a clear message: {args}", repo: "{repo}" },
  },
] as const;
