import { NotifyReceiver } from "../test/helpers/notify-receiver";
import { connectAgent } from "../test/helpers/api";
import { expect, test, uid } from "./fixtures";

// A stack of its own whose hub pings every 500 ms and closes an agent silent for 1.5 s, so "the agent died" takes seconds.
test.use({ stackName: "alert-notify", hubPingMs: 500, hubStaleMs: 1_500 });

type AlertDetail = { alert: { id: string; status: string; acknowledgedBy: string | null; resolveReason: string | null }; events: { type: string }[] };

test("an agent dies: one ntfy push, acknowledged from its link signed out, resolved when the agent returns", async ({
  page,
  stack,
  agentKey,
  signIn,
  dashboard,
  operatorKey,
}) => {
  const rx = await NotifyReceiver.start();
  try {
    const agentId = uid("mac");
    const topic = uid("phone").replace(/[^A-Za-z0-9_-]/g, "_");
    const post = async (path: string, body: unknown) => {
      const res = await stack.api(path, { method: "POST", body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(201);
      return res.json() as Promise<Record<string, { id: string }>>;
    };
    const { channel } = await post("/api/cockpit/channels", { name: "my phone", type: "ntfy", config: { server: rx.url, topic } });
    await post("/api/cockpit/rules", { name: "lost agents", kinds: ["agent-lost"], agentIds: [agentId], channelIds: [channel!.id] });

    // The agent never answers a ping: the hub closes it as stale and the web raises "stopped answering pings".
    const agent = await connectAgent(stack, agentId, { key: agentKey });
    await agent.waitClose(10_000);
    const push = await rx.next((r) => r.path === `/${topic}`, 20_000, "ntfy push");
    expect(push.headers.title).toBe(`[WARNING] Agent ${agentId} stopped answering pings`);
    expect(push.headers.priority).toBe("4");

    // The phone is not signed in: the link opens a confirmation page; only its button acknowledges.
    const ackLink = new URL(/view, Acknowledge, (\S+), clear=true/.exec(String(push.headers.actions))![1]!);
    await page.goto(`${stack.webUrl}${ackLink.pathname}${ackLink.search}`);
    await expect(page.getByTestId("ack-alert")).toContainText(`Agent ${agentId} stopped answering pings`);
    const alertId = decodeURIComponent(new URL(String(push.headers.click)).pathname.split("/").pop()!);
    const view = async () => (await (await stack.api(`/api/cockpit/alerts/${alertId}`)).json()) as AlertDetail;
    expect((await view()).alert.status).toBe("open");
    await page.getByTestId("ack-confirm").click();
    await expect(page.getByTestId("ack-result")).toHaveAttribute("data-outcome", "acknowledged");
    expect((await view()).alert).toMatchObject({ status: "acknowledged", acknowledgedBy: "acknowledge link" });

    // The agent comes back: the alert resolves by itself and the resolve reaches the phone too.
    const back = await connectAgent(stack, agentId, { key: agentKey });
    back.ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; timestamp?: number };
      if (frame.type === "ping") back.send({ type: "pong", timestamp: frame.timestamp });
    });
    await expect.poll(async () => (await view()).alert.status).toBe("resolved");
    expect((await view()).alert.resolveReason).toBe("the agent reconnected");
    const resolved = await rx.next((r) => r.path === `/${topic}` && String(r.headers.title).startsWith("[RESOLVED]"), 20_000, "resolve push");
    expect(resolved.headers.title).toBe(`[RESOLVED] Agent ${agentId} stopped answering pings`);
    // One push for the loss, one for the resolve: nothing repeated.
    expect(rx.on(`/${topic}`)).toHaveLength(2);

    // Signed in, the alert's page tells the whole story: who acknowledged, that it resolved, where it was sent.
    await signIn.session(operatorKey);
    await dashboard.open(`/alerts/${encodeURIComponent(alertId)}`);
    await expect(page.getByTestId("alert-detail-state")).toHaveText("resolved");
    await expect(page.getByTestId("alert-timeline")).toContainText("Acknowledged · acknowledge link");
    await expect(page.getByTestId("alert-timeline")).toContainText("Resolved · cockpit");
    await expect(page.getByTestId("alert-deliveries")).toContainText("my phone (ntfy) · resolve · sent · HTTP 200");
    back.close();
  } finally {
    await rx.close();
  }
});
