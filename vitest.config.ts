import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  "server-only": fileURLToPath(new URL("./test/helpers/server-only-stub.ts", import.meta.url)),
};

export default defineConfig({
  test: {
    projects: [
      // A shared, loaded machine can stretch a 1 s unit test (the OpenAPI validation) past vitest's 5 s default.
      { resolve: { alias }, test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/agent/**/*.test.ts", "test/security/**/*.test.ts", "test/faults/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/helpers/global-setup.ts"],
          // Each file starts its own hub and web; two cores run them one at a time (TEST_FILES_PARALLEL=1: two, opt-in).
          fileParallelism: process.env.TEST_FILES_PARALLEL === "1",
          maxWorkers: process.env.TEST_FILES_PARALLEL === "1" ? 2 : undefined,
          // Projects with different worker limits must run as separate groups (vitest refuses the run otherwise).
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      // `npm run bench:quick`, not `npm test`: the quick benchmark takes minutes and builds the web into its own folder.
      { resolve: { alias }, test: { name: "bench", include: ["test/bench/**/*.test.ts"], environment: "node", testTimeout: 300_000, hookTimeout: 300_000 } },
    ],
  },
});
