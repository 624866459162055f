import { describe, expect, it } from "vitest";
import { readConfig } from "@/party/config";

const base = { COCKPIT_SECRET: "0123456789abcdef0123" };

describe("HUB_HIBERNATE", () => {
  it("turns PartyKit hibernation on only for 1", () => {
    expect(readConfig({ ...base }).hibernate).toBe(false);
    expect(readConfig({ ...base, HUB_HIBERNATE: "0" }).hibernate).toBe(false);
    expect(readConfig({ ...base, HUB_HIBERNATE: "1" }).hibernate).toBe(true);
    expect(() => readConfig({ ...base, HUB_HIBERNATE: "yes" })).toThrow(/HUB_HIBERNATE must be "0" or "1"/);
  });
});
