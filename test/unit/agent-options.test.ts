import { describe, expect, it } from "vitest";
import { OptionsError, insecureHubWarning, normalizeHubUrl, parseDuration, resolveOptions, sanitizeAgentId, type CliEnvironment } from "../../agent/options";
import { configFileSchema, type ConfigFile } from "../../agent/config-file";

const base: CliEnvironment = { argv: [], env: {}, hostname: "Jane's MacBook Pro.local", homedir: "/home/jane", cwd: "/work" };

function run(argv: string[], env: Record<string, string> = {}, config?: ConfigFile) {
  const outcome = resolveOptions({ ...base, argv, env, readConfig: config ? () => config : undefined });
  if (outcome.kind !== "run") throw new Error(`expected run, got ${outcome.kind}`);
  return outcome.options;
}

describe("agent options", () => {
  it("defaults the agent id to the sanitized host name and the state dir under the home folder", () => {
    const o = run(["--hub", "ws://127.0.0.1:1999", "--key", "k1"]);
    expect(o.agentId).toBe("Jane-s-MacBook-Pro.local");
    expect(o.stateDir).toBe("/home/jane/.cockpit-agent/Jane-s-MacBook-Pro.local");
    expect(o.pollIntervalMs).toBe(30_000);
    expect(o.taskTimeoutMs).toBe(600_000);
    expect(o.maxConcurrency).toBe(1);
    expect(o.allow).toEqual([]);
  });

  it("takes the key from COCKPIT_KEY and never puts it in an error message", () => {
    expect(run(["--hub", "ws://h:1999"], { COCKPIT_KEY: "secret-key" }).key).toBe("secret-key");
    try {
      run(["--hub", "ws://h:1999", "--max-concurrency", "0"], { COCKPIT_KEY: "secret-key" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      expect((error as Error).message).not.toContain("secret-key");
    }
  });

  it("repeats --repo and --allow, resolves ~ and relative paths", () => {
    const o = run(["--hub", "ws://h", "--key", "k", "--repo", "~/code/app", "--repo", "lib", "--allow", "npm test", "--allow", "npm run *"]);
    expect(o.repos).toEqual(["/home/jane/code/app", "/work/lib"]);
    expect(o.allow).toEqual(["npm test", "npm run *"]);
  });

  it("merges the config file under the flags, with file paths relative to the file", () => {
    const config: ConfigFile = {
      hub: "ws://from-file:1999",
      key: "file-key",
      repos: ["app"],
      allow: ["make"],
      pollInterval: "5s",
      executors: { claude: { argv: ["claude", "-p", "{prompt}"], cwd: "repo" } },
    };
    const o = resolveOptions({
      ...base,
      argv: ["--config", "/etc/cockpit/agent.json", "--hub", "ws://flag:1999", "--allow", "npm test"],
      readConfig: () => config,
    });
    if (o.kind !== "run") throw new Error("expected run");
    expect(o.options.hubUrl).toBe("ws://flag:1999");
    expect(o.options.key).toBe("file-key");
    expect(o.options.repos).toEqual(["/etc/cockpit/app"]);
    expect(o.options.allow).toEqual(["make", "npm test"]);
    expect(o.options.pollIntervalMs).toBe(5000);
    expect(Object.keys(o.options.executors)).toEqual(["claude"]);
  });

  it.each([
    [["--key", "k"], /missing --hub/],
    [["--hub", "ws://h"], /missing key/],
    [["--hub", "ftp://h", "--key", "k"], /unsupported scheme/],
    [["--hub", "ws://h", "--key", "k", "--poll-interval", "soon"], /not a duration/],
    [["--hub", "ws://h", "--key", "k", "--agent-id", "bad id!"], /may contain only/],
    [["--hub", "ws://h", "--key", "k", "--capability", "has space"], /--capability/],
    [["--hub", "ws://h", "--key", "k", "--frobnicate"], /Unknown option '--frobnicate'/],
    [["--hub", "ws://h", "--key", "k", "--repo"], /argument missing/],
    [["--hub", "ws://h", "--key", "k", "extra"], /positional/i],
    [["--hub", "ws://user:pw@h", "--key", "k"], /credentials/],
    [["--hub", "ws://h", "--key", "k", "--allow", "npm test | sh"], /--allow: "npm test \| sh" is not a valid pattern: shell operator "\|"/],
    [["--hub", "ws://h", "--key", "k", "--allow", "  "], /--allow: " {2}" is not a valid pattern: it is empty/],
  ])("refuses %j with a clear message", (argv, message) => {
    expect(() => resolveOptions({ ...base, argv })).toThrow(message);
  });

  it("refuses a config file whose template has an unknown placeholder modifier, naming where", () => {
    const parsed = configFileSchema.safeParse({ executors: { log: { argv: ["git", "log", "{ref:dashes}"] } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["executors", "log", "argv", 2],
      message: "unknown placeholder modifier in {ref:dashes} (the only one is {ref:allow-dash})",
    });
    expect(configFileSchema.safeParse({ executors: { sort: { argv: ["sort", "-k", "{key:allow-dash}"] } } }).success).toBe(true);
  });

  it("recognizes --help and --version before anything else", () => {
    expect(resolveOptions({ ...base, argv: ["--help"] }).kind).toBe("help");
    expect(resolveOptions({ ...base, argv: ["-h"] }).kind).toBe("help");
    expect(resolveOptions({ ...base, argv: ["--version"] }).kind).toBe("version");
  });
});

describe("option helpers", () => {
  it("sanitizes host names into the id charset", () => {
    expect(sanitizeAgentId("my host/ä")).toBe("my-host");
    expect(sanitizeAgentId("build-box.example.com")).toBe("build-box.example.com");
    expect(sanitizeAgentId("///")).toBe("cockpit-agent");
  });
  it("parses durations", () => {
    expect(parseDuration("250ms", "x")).toBe(250);
    expect(parseDuration("1.5s", "x")).toBe(1500);
    expect(parseDuration("2m", "x")).toBe(120_000);
    expect(parseDuration("1500", "x")).toBe(1500);
    expect(() => parseDuration("-1s", "x")).toThrow(OptionsError);
  });
  it("normalizes hub URLs", () => {
    expect(normalizeHubUrl("http://127.0.0.1:1999/")).toBe("ws://127.0.0.1:1999");
    expect(normalizeHubUrl("https://hub.example.com")).toBe("wss://hub.example.com");
    expect(() => normalizeHubUrl("ws://h/?token=abc")).toThrow(/query/);
  });
  it.each([
    "ws://127.0.0.1:1999",
    "ws://127.10.0.5",
    "http://localhost:1999",
    "ws://LOCALHOST.",
    "ws://[::1]:1999",
    "ws://[::ffff:127.0.0.1]:1999",
    "wss://hub.example.com",
    "https://10.0.0.5",
  ])("stays silent for a loopback or encrypted hub: %s", (hub) => {
    expect(insecureHubWarning(normalizeHubUrl(hub))).toBeNull();
  });
  it.each(["ws://hub.example.com:1999", "http://10.0.0.5:1999", "ws://[fe80::1]:1999", "ws://128.0.0.1", "ws://127.0.0.1.example.com"])(
    "warns for plain ws:// to another machine: %s",
    (hub) => {
      const url = normalizeHubUrl(hub);
      expect(insecureHubWarning(url)).toBe(
        `the hub ${url.replace(/\/+$/, "")} is not encrypted and not on this machine: the key travels in clear text; use wss:// behind a TLS proxy`,
      );
    },
  );
});
