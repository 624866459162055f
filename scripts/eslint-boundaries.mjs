/**
 * ESLint rule `cockpit/import-boundaries`: which folders a folder may import, checked on the resolved path (so
 * `../lib/db`, `../../lib/db/client` and `@/lib/db` are one target). Every import form counts, type-only included.
 *
 * Options (paths relative to the repository root, without extension; `x` matches `x` and `x/…`, `x*` any path
 * starting with `x`):
 *   allow           only these project paths may be imported (an allowlist); absent means any not denied
 *   deny            these project paths may not be imported
 *   packages        "*" or the npm packages that may be imported (by name); absent means any not denied
 *   denyPackages    npm packages that may not be imported; "node:*" also covers bare builtins ("fs")
 *   denyServerOnly  refuse any project module whose first statement is `import "server-only"`
 *   reason          appended to every report: the rule in words
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".jsx"];
const builtins = new Set(builtinModules);

const matches = (target, entry) => (entry.endsWith("*") ? target.startsWith(entry.slice(0, -1)) : target === entry || target.startsWith(`${entry}/`));

/** The import as a project path ("lib/db/client") or a package name ("zod", "node:fs", "@scope/pkg"). */
function classify(source, filename) {
  if (source.startsWith(".") || source.startsWith("@/")) {
    const absolute = source.startsWith("@/") ? join(ROOT, source.slice(2)) : resolve(dirname(filename), source);
    const path = relative(ROOT, absolute)
      .split(sep)
      .join("/")
      .replace(/\.(ts|tsx|mts|js|mjs|jsx)$/, "");
    return { kind: "project", path };
  }
  const parts = source.split("/");
  const name = source.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return { kind: "package", name: builtins.has(name) && !name.startsWith("node:") ? `node:${name}` : name };
}

const serverOnlyCache = new Map();
/** Whether the module's first statement marks it server-only (Next refuses it in client bundles). */
function isServerOnly(path) {
  if (serverOnlyCache.has(path)) return serverOnlyCache.get(path);
  const file = [...EXTENSIONS.map((e) => `${path}${e}`), ...EXTENSIONS.map((e) => `${path}/index${e}`)].map((f) => join(ROOT, f)).find((f) => existsSync(f));
  const marked = file !== undefined && /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*import\s+["']server-only["']/.test(readFileSync(file, "utf8").slice(0, 2_000));
  serverOnlyCache.set(path, marked);
  return marked;
}

function refusal(target, o) {
  if (target.kind === "package") {
    if (o.denyPackages?.some((p) => matches(target.name, p))) return `package ${target.name} is not allowed here`;
    if (o.packages && o.packages !== "*" && !o.packages.some((p) => matches(target.name, p))) return `package ${target.name} is not allowed here`;
    return null;
  }
  if (target.path.startsWith("..")) return null; // outside the repository: not ours to police
  if (o.deny?.some((d) => matches(target.path, d))) return `${target.path} is off limits here`;
  if (o.allow && !o.allow.some((a) => matches(target.path, a))) return `${target.path} is outside what this folder may import`;
  if (o.denyServerOnly && isServerOnly(target.path)) return `${target.path} is a server-only module`;
  return null;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "keep each folder's imports inside the boundaries the design gives it" },
    schema: [
      {
        type: "object",
        properties: {
          allow: { type: "array", items: { type: "string" } },
          deny: { type: "array", items: { type: "string" } },
          packages: { anyOf: [{ const: "*" }, { type: "array", items: { type: "string" } }] },
          denyPackages: { type: "array", items: { type: "string" } },
          denyServerOnly: { type: "boolean" },
          reason: { type: "string" },
        },
        additionalProperties: false,
      },
    ],
    messages: { crossing: "{{why}}{{reason}}" },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const check = (node, source) => {
      if (typeof source !== "string") return;
      const why = refusal(classify(source, context.filename), options);
      if (why) context.report({ node, messageId: "crossing", data: { why, reason: options.reason ? ` (${options.reason})` : "" } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
      TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value),
      CallExpression: (node) =>
        node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]?.type === "Literal" && check(node, node.arguments[0].value),
    };
  },
};

export default { meta: { name: "cockpit" }, rules: { "import-boundaries": rule } };
