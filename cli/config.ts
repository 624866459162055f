import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CliError, EXIT } from "./errors";

/** `~/.config/cockpit/cli.json` (or --config FILE): { "url": "...", "key": "..." }; flags, then env, win over it. */
const configFile = z.object({ url: z.url().optional(), key: z.string().min(1).optional() }).strict();

export type Connection = { url: string; key: string };
/** The environment as read here (tests pass their own). */
export type Env = Readonly<Record<string, string | undefined>>;

export function defaultConfigPath(env: Env, homedir: string): string {
  return join(env.XDG_CONFIG_HOME || join(homedir, ".config"), "cockpit", "cli.json");
}

function readConfig(path: string, explicit: boolean): z.infer<typeof configFile> {
  if (!existsSync(path)) {
    if (explicit) throw new CliError(`--config: no file at ${path}`, EXIT.usage);
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliError(`config file ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`, EXIT.usage);
  }
  const parsed = configFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`config file ${path}: ${issue?.path.join(".") || "root"}: ${issue?.message}`, EXIT.usage);
  }
  return parsed.data;
}

/** The web's URL and the key, from --url/--key, COCKPIT_URL/COCKPIT_KEY, or the config file, in that order. */
export function resolveConnection(flags: { url?: string; key?: string; config?: string }, env: Env, homedir: string): Connection {
  const file = readConfig(flags.config ?? defaultConfigPath(env, homedir), flags.config !== undefined);
  const url = flags.url ?? (env.COCKPIT_URL || undefined) ?? file.url ?? "http://127.0.0.1:3000";
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new CliError(`--url: not an http(s) URL: ${url}`, EXIT.usage);
  const key = flags.key ?? (env.COCKPIT_KEY || undefined) ?? file.key;
  if (!key) throw new CliError("missing key: pass --key KEY, set COCKPIT_KEY, or put it in the config file", EXIT.usage);
  return { url: url.replace(/\/+$/, ""), key };
}
