import { describe, expect, it } from "vitest";
import { readConfig } from "@/party/config";
import { readStartConfig } from "../../scripts/start-config";

const secret = "0123456789abcdef0123";

describe("hub configuration", () => {
  it("fails loudly, naming the variable, instead of falling back", () => {
    expect(() => readConfig({ COCKPIT_SECRET: secret, PING_INTERVAL_MS: "abc" })).toThrow(/PING_INTERVAL_MS/);
    expect(() => readConfig({ COCKPIT_SECRET: secret, STALE_AFTER_MS: "0" })).toThrow(/STALE_AFTER_MS/);
    expect(() => readConfig({ COCKPIT_SECRET: "short" })).toThrow(/COCKPIT_SECRET/);
    expect(() => readConfig({ COCKPIT_SECRET: secret, WEB_URL: "ftp://x" })).toThrow(/WEB_URL/);
  });

  it("applies defaults and labels environment keys by their variable", () => {
    const config = readConfig({ COCKPIT_SECRET: secret, ASSISTANT_API_KEY: "assistant-key" });
    expect(config).toMatchObject({ pingIntervalMs: 60_000, staleAfterMs: 120_000, webUrl: "http://127.0.0.1:3000" });
    expect(config.envKeys).toEqual([{ name: "ASSISTANT_API_KEY", key: "assistant-key" }]);
  });
});

describe("npm start configuration", () => {
  it("refuses a bad port with the variable's name and defaults to loopback", () => {
    expect(() => readStartConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(readStartConfig({})).toMatchObject({ PORT: 3000, HUB_PORT: 1999, HOST: "127.0.0.1" });
  });
});
