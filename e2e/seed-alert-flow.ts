import { expect } from "@playwright/test";
import { NotifyReceiver } from "../test/helpers/notify-receiver";
import type { Stack } from "../test/helpers/stack";

/**
 * The alert flow for screenshots: an ntfy channel (to a local receiver) with quiet hours, a rule with a repeat, a
 * silence, and a critical alert that was pushed, repeated and acknowledged. Returns the alert's id once the push arrived.
 */
export async function seedAlertFlow(stack: Stack, rx: NotifyReceiver): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const res = await stack.api(path, { method: "POST", body: JSON.stringify(body) });
    expect(res.ok, await res.clone().text()).toBe(true);
    return (await res.json()) as Record<string, { id: string }>;
  };
  const { channel } = await post("/api/cockpit/channels", {
    name: "Phone (ntfy)",
    type: "ntfy",
    config: { server: rx.url, topic: "cockpit-phone" },
    quietHours: "23:00-07:00",
    quietTimeZone: "Europe/Berlin",
  });
  await post("/api/cockpit/rules", { name: "Criticals to my phone", severities: ["critical"], channelIds: [channel!.id], repeatMinutes: 30 });
  await post("/api/cockpit/silences", { agentId: "laptop", kind: "agent-lost", minutes: 120, comment: "travelling, lid closed" });
  const raise = {
    dedupKey: "build-box:disk",
    severity: "critical",
    title: "build-box: disk 97% full",
    message: "/var/lib/docker holds 180 GB",
    agentId: "build-box",
    source: "monitor",
  };
  const { alert } = await post("/api/cockpit/alerts", raise);
  await rx.next((r) => r.path === "/cockpit-phone", 20_000, "the push");
  await post("/api/cockpit/alerts", raise);
  await post(`/api/cockpit/alerts/ack/${alert!.id}`, { comment: "pruning images" });
  return alert!.id;
}
