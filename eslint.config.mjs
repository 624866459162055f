import js from "@eslint/js";
import tseslint from "typescript-eslint";
import boundaries from "./scripts/eslint-boundaries.mjs";

const BOUNDARY = "cockpit/import-boundaries";

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".next-*/", ".partykit/", "data/", "drizzle/", "test-results/", "playwright-report/", "bench/out/", ".hub-build/", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  // Type-aware rules for TypeScript: a promise nobody awaits loses its errors. `void` marks a deliberate fire-and-forget.
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
  { files: ["**/*.mjs", "**/*.js"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },

  // Boundaries between the processes (DESIGN.md, STYLE.md): a crossing fails lint.
  { plugins: { cockpit: boundaries } },
  {
    files: ["party/**"],
    rules: {
      [BOUNDARY]: [
        "error",
        {
          // lib/bridge/messages (the web ↔ hub command and event schemas) and lib/auth/token (the hub checks the dashboards'
          // socket tokens) go beyond the hub's list in the issue; the hub needs both today.
          allow: ["party", "lib/protocol", "lib/bridge/sign*", "lib/bridge/capped-body", "lib/auth/roles*", "lib/bridge/messages", "lib/auth/token"],
          packages: ["partykit", "zod"],
          reason: "the hub imports only the protocol, the bridge, roles, partykit and zod (its settings are validated like every input)",
        },
      ],
    },
  },
  {
    files: ["agent/**"],
    rules: { [BOUNDARY]: ["error", { allow: ["agent", "lib/protocol"], packages: "*", reason: "the agent shares only lib/protocol with the rest" }] },
  },
  {
    files: ["components/**"],
    rules: {
      [BOUNDARY]: [
        "error",
        {
          deny: ["lib/db", "lib/hub", "lib/scheduler", "lib/bootstrap", "lib/env", "party", "agent"],
          denyPackages: ["server-only", "node:*"],
          denyServerOnly: true,
          reason: "components run in the browser: no server module, not even for types",
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      [BOUNDARY]: ["error", { deny: ["app", "party", "components", "agent"], reason: "lib/ is shared code: it imports no app, hub, UI or agent module" }],
    },
  },
  { files: ["app/**"], rules: { [BOUNDARY]: ["error", { deny: ["party", "agent"], reason: "the web and the hub meet in lib/, never directly" }] } },
);
