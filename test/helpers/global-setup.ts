import type { TestProject } from "vitest/node";
import { StackBroker } from "./stack-broker";
import { ensureTestBuild } from "./test-build";

export { TEST_DIST_DIR } from "./test-build";

declare module "vitest" {
  export interface ProvidedContext {
    stackBroker: { url: string; token: string };
  }
}

/**
 * vitest's global setup: `npm test` built already; run alone, this builds only when the test build is stale or
 * missing. Then the stack broker starts a stack ahead of the first file that asks for one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureTestBuild();
  const broker = new StackBroker();
  project.provide("stackBroker", await broker.listen());
  broker.startAhead();
  return () => broker.close();
}
