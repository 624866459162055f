import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { expect, test, uid } from "./fixtures";

const DIR = join("test-results", "screenshots");
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 360, height: 780 } } as const;
const MIN = 60_000;

/** A day of health samples every 5 minutes and a presence history with a night asleep and a crash, written to the stack's database. */
async function seedDay(dbPath: string, agentId: string): Promise<number> {
  const db = createClient({ url: `file:${dbPath}` });
  const now = Date.now();
  const samples = 24 * 12;
  try {
    const rows = Array.from({ length: samples }, (_, i) => {
      const at = now - (samples - i - 0.5) * 5 * MIN; // the oldest 23 h 57 min ago: still inside the page's 24 h window when it renders
      const cpu = 20 + 15 * Math.sin(i / 10) + (i % 7);
      return {
        sql: `INSERT INTO cockpit_agent_metrics (agent_id, at, cpu_percent, load1, mem_used_percent, disk_used_percent, disk_free_bytes, battery_percent,
              on_battery, agent_rss_bytes, system_uptime_sec, disks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [agentId, at, cpu, 1.2, 55 + (i % 20), 71 + i / samples, 140e9, 100 - (i % 100) * 0.6, i % 100 < 60 ? 1 : 0, 90e6, 86_400 + i * 300, "[]"],
      };
    });
    const marks = [
      ["online", now - 30 * 60 * MIN],
      ["asleep", now - 14 * 60 * MIN],
      ["online", now - 7 * 60 * MIN],
      ["crashed", now - 3 * 60 * MIN],
      ["online", now - 150 * MIN],
    ] as const;
    await db.batch(
      [
        ...rows,
        ...marks.map(([state, at]) => ({ sql: "INSERT INTO cockpit_agent_presence_log (agent_id, state, at) VALUES (?, ?, ?)", args: [agentId, state, at] })),
      ],
      "write",
    );
  } finally {
    db.close();
  }
  return samples;
}

test("the agent page charts a day of samples and the availability bar, on desktop and phone", async ({
  page,
  signIn,
  dashboard,
  stack,
  agents,
  operatorKey,
}) => {
  test.setTimeout(120_000);
  mkdirSync(DIR, { recursive: true });
  const agentId = uid("mac-mini");
  await agents.connect(agentId, ["git", "npm", "macos"]);
  const samples = await seedDay(stack.dbPath, agentId);

  await signIn.goto();
  await signIn.signIn(operatorKey);
  // The name on the agents list links to the page.
  await dashboard.open("/agents");
  await dashboard.agentRow(agentId).getByTestId("agent-link").click();
  await expect(page).toHaveURL(new RegExp(`/agents/${agentId}$`));
  await expect(page.getByTestId("agent-presence")).toHaveText("online");

  for (const chart of ["chart-cpu", "chart-memory", "chart-disk", "chart-battery"]) {
    await expect(page.getByTestId(chart)).toHaveAttribute("data-points", String(samples));
    await expect(page.getByTestId(chart).locator("path")).toHaveAttribute("d", /^M[\d.]+ [\d.]+ L/);
  }
  const bar = page.getByTestId("availability-24h");
  await expect(bar.locator('[data-state="asleep"]').first()).toBeVisible();
  await expect(bar.locator('[data-state="crashed"]').first()).toBeVisible();
  await expect(bar.locator('[data-state="online"]').last()).toBeVisible();

  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await expect(page.getByTestId("chart-cpu")).toBeVisible();
    await page.screenshot({ path: join(DIR, `agent-${size}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: join(DIR, "agent-dark-phone.png"), fullPage: true });

  // Pause from the page: the state says so, and resume brings it back.
  await page.setViewportSize(SIZES.desktop);
  await page.getByTestId("agent-pause").click();
  await expect(page.getByTestId("agent-presence")).toHaveText("paused");
  await page.getByTestId("agent-resume").click();
  await expect(page.getByTestId("agent-presence")).toHaveText("online");
});
