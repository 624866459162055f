#!/usr/bin/env node
// Runs the TypeScript agent directly: tsx's ESM loader is registered, then the CLI is imported.
// `hook` (run by Claude Code on every tool call) skips the loader: a plain-JavaScript client that starts fast.
if (process.argv[2] === "hook") {
  await import("./hooks/hook-client.mjs");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./cli.ts");
}
