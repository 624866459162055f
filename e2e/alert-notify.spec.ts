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

/** Every text element under `root`: its colour and the background it is painted on, composited as the browser does, in sRGB. */
async function contrastFailures(page: import("@playwright/test").Page, root: string) {
  return page.evaluate((selector) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    // The canvas turns any CSS colour (Tailwind's oklch included) into sRGB, and paints alpha over what is below.
    const paint = (colors: string[]) => {
      ctx.globalAlpha = 1;
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, 1, 1);
      for (const c of colors) {
        ctx.fillStyle = c;
        ctx.fillRect(0, 0, 1, 1);
      }
      const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!];
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const failures: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(`${selector} *`)) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      if (!ownText || el.getClientRects().length === 0) continue;
      const backgrounds: string[] = [];
      let opacity = 1;
      for (let a: HTMLElement | null = el; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        backgrounds.unshift(s.backgroundColor);
        opacity *= Number(s.opacity);
      }
      const style = getComputedStyle(el);
      const bg = paint(backgrounds);
      const fg = paint([...backgrounds, style.color]);
      // Faded text (opacity) blends toward the background.
      const seen = fg.map((v, i) => v * opacity + bg[i]! * (1 - opacity));
      const [hi, lo] = [luminance(seen), luminance(bg)].sort((x, y) => y - x);
      const ratio = (hi! + 0.05) / (lo! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(`${ratio.toFixed(2)} "${el.textContent!.trim().slice(0, 40)}"`);
    }
    return failures;
  }, root);
}

test("silences, rule editing, and acknowledged alerts keeping AA contrast and their severity colour", async ({ page, stack, signIn, dashboard }) => {
  // Three pages, two colour schemes and a dozen alerts: more steps than the default budget on a loaded machine.
  test.setTimeout(180_000);
  const api = async (path: string, body: unknown, status = 201) => {
    const res = await stack.api(path, { method: "POST", body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(status);
    return res.json() as Promise<Record<string, { id: string }>>;
  };
  const tag = uid("contrast");
  const raised: Record<string, string> = {};
  for (const severity of ["critical", "warning", "info"]) {
    raised[`${severity}-acked`] = (await api("/api/cockpit/alerts", { severity, title: `${severity} acknowledged ${tag}`, message: "seen, on it" })).alert!.id;
    raised[`${severity}-open`] = (await api("/api/cockpit/alerts", { severity, title: `${severity} open ${tag}` })).alert!.id;
  }
  const acked = ["critical", "warning", "info"].map((s) => raised[`${s}-acked`]!);
  await api("/api/cockpit/alerts/bulk", { action: "acknowledge", ids: acked, comment: "looking" }, 200);

  await signIn.session(stack.adminKey);
  await dashboard.open("/alerts");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.getByTestId(`alert-row-${acked[0]}`)).toHaveAttribute("data-status", "acknowledged");
    expect(await contrastFailures(page, '[data-testid="alert-list"]'), `${scheme}: text under AA contrast`).toEqual([]);
    for (const severity of ["critical", "warning", "info"]) {
      const edge = (id: string) => page.getByTestId(`alert-row-${id}`).evaluate((el) => getComputedStyle(el).borderLeftColor);
      expect(await edge(raised[`${severity}-acked`]!), `${scheme}: ${severity} keeps its colour when acknowledged`).toBe(await edge(raised[`${severity}-open`]!));
    }
  }
  await page.emulateMedia({ colorScheme: "light" });

  // Silence a source from the alerts page: its alert is recorded and shows until when it is silenced.
  const source = uid("noisy");
  await page.getByTestId("silences").locator("summary").click();
  await page.locator("#silence-source").fill(source);
  await page.locator("#silence-comment").fill("deploying the fix");
  await page.getByRole("button", { name: "Silence", exact: true }).click();
  const silence = page.getByTestId("silences").locator("li", { hasText: source });
  await expect(silence).toContainText("deploying the fix");
  await expect(silence.getByTestId("silence-ends")).toContainText(/UTC \(in (59|60) min\)/);
  const noisy = (await api("/api/cockpit/alerts", { severity: "warning", title: `noisy ${tag}`, source })).alert!.id;
  await expect(page.getByTestId(`alert-row-${noisy}`).getByTestId("silenced-until")).toContainText("silenced, not notified, until");
  await silence.getByTestId("silence-expire").click();
  await expect(silence).toHaveCount(0);

  // Edit a rule: a refused value is shown beside its field, then a good one is saved.
  const { channel } = await api("/api/cockpit/channels", { name: `hook ${tag}`, type: "webhook", config: { url: "http://127.0.0.1:9/hook", secret: "0123456789abcdef" } });
  const { rule } = await api("/api/cockpit/rules", { name: `rule ${tag}`, severities: ["critical"], channelIds: [channel!.id] });
  await dashboard.open("/notifications");
  const row = page.getByTestId(`rule-${rule!.id}`);
  await row.getByTestId("rule-edit").click();
  await row.locator(`#rule-${rule!.id}-repeat`).fill("0");
  await row.getByRole("button", { name: "Save rule" }).click();
  await expect(row.getByTestId("rule-field-error")).toContainText("repeatMinutes");
  await expect(row.locator(`#rule-${rule!.id}-repeat`)).toHaveAttribute("aria-invalid", "true");
  await row.locator(`#rule-${rule!.id}-repeat`).fill("15");
  await row.getByRole("button", { name: "Save rule" }).click();
  await expect(row).toContainText("repeat every 15 min");
  const saved = (await (await stack.api("/api/cockpit/rules")).json()) as { rules: { id: string; repeatMinutes: number | null }[] };
  expect(saved.rules.find((r) => r.id === rule!.id)?.repeatMinutes).toBe(15);
});
