/** The repository's own ESLint config refuses an import that crosses a folder boundary, and lets the intended ones pass. */
import { ESLint } from "eslint";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
// Type-aware rules need the file on disk; these snippets are not, and only the boundary rule is under test here.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [
    {
      files: ["**/*.ts", "**/*.tsx"],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { "@typescript-eslint/no-floating-promises": "off" },
    },
  ],
});

async function crossings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "cockpit/import-boundaries").map((m) => m.message);
}

describe("import boundaries", () => {
  // Loading the config (typescript-eslint and its parser) is the slow part; once is enough.
  beforeAll(() => crossings("lib/x.ts", ""), 60_000);

  it("components import no server module, not even a type", async () => {
    expect(await crossings("components/tasks/x.tsx", 'import type { Db } from "@/lib/db/client";')).toEqual([
      expect.stringContaining("lib/db/client is off limits"),
    ]);
    expect(await crossings("components/tasks/x.tsx", 'import { env } from "../../lib/env";')).toEqual([expect.stringContaining("lib/env is off limits")]);
    expect(await crossings("components/x.tsx", 'import { loadTasks } from "@/lib/dashboard/loaders";')).toEqual([
      expect.stringContaining("lib/dashboard/loaders is a server-only module"),
    ]);
    expect(await crossings("components/x.tsx", 'import "server-only";')).toHaveLength(1);
    expect(await crossings("components/x.tsx", 'import { readFileSync } from "fs";')).toEqual([expect.stringContaining("package node:fs")]);
    expect(await crossings("components/tasks/x.tsx", 'import type { TaskRow } from "@/lib/dashboard/types";\nimport { Badge } from "../ui/badge";')).toEqual(
      [],
    );
  });

  it("the hub imports only the protocol, the bridge, roles, partykit and zod", async () => {
    expect(await crossings("party/x.ts", 'import { getDb } from "../lib/db/client";')).toEqual([
      expect.stringContaining("lib/db/client is outside what this folder may import"),
    ]);
    expect(await crossings("party/x.ts", 'import { z } from "zod";')).toEqual([]);
    expect(await crossings("party/x.ts", 'import { spawn } from "node:child_process";')).toEqual([expect.stringContaining("package node:child_process")]);
    expect(await crossings("party/x.ts", 'import Page from "../app/page";')).toHaveLength(1);
    const allowed =
      'import type * as Party from "partykit/server";\nimport { parseAgentFrame } from "../lib/protocol";\nimport { can } from "../lib/auth/roles";\nimport { signedHeaders } from "../lib/bridge/sign";\nimport { readConfig } from "./config";';
    expect(await crossings("party/x.ts", allowed)).toEqual([]);
  });

  it("the agent shares only lib/protocol", async () => {
    expect(
      await crossings("agent/git/x.ts", 'import { LIMITS } from "../../lib/protocol";\nimport { createLogger } from "../log";\nimport WebSocket from "ws";'),
    ).toEqual([]);
    expect(await crossings("agent/git/x.ts", 'import { can } from "../../lib/auth/roles";')).toEqual([expect.stringContaining("lib/auth/roles is outside")]);
    expect(await crossings("agent/x.ts", 'import { ROOT } from "../scripts/stack";')).toHaveLength(1);
  });

  it("lib imports no app, hub, UI or agent module, and the web never imports the hub", async () => {
    expect(await crossings("lib/db/x.ts", 'import { Badge } from "@/components/ui/badge";')).toEqual([
      expect.stringContaining("components/ui/badge is off limits"),
    ]);
    expect(await crossings("lib/x.ts", 'import type { GET } from "../app/api/health/route";')).toHaveLength(1);
    expect(await crossings("lib/x.ts", 'export { ROOM_ID } from "../party/cockpit";')).toHaveLength(1);
    expect(await crossings("app/page.tsx", 'const room = await import("../party/cockpit");')).toHaveLength(1);
    expect(await crossings("lib/hub/x.ts", 'import { getDb } from "../db/client";')).toEqual([]);
  });
});
