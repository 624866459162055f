/**
 * 6. The pages: time to first byte, time to rendered content in Chromium, and client JS (gzip bytes) — the overview,
 * analytics, and the task pages (table, board, one task) against their budgets (≤ 100 ms first byte, ≤ 200 KB JS).
 */
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { CHROMIUM_ARGS } from "../scripts/chromium";
import type { BenchStack } from "./lib/stack";
import { nowMs, percentiles, row, type ResultRow } from "./lib/stats";

export type PageSizes = { runs: number };


async function signIn(stack: BenchStack): Promise<string> {
  const res = await fetch(`${stack.webUrl}/api/auth/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: stack.webUrl, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ key: stack.adminKey, next: "/" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/** Time until the response headers arrive (first byte) and until the body ends. */
function ttfb(url: string, cookie: string | null): Promise<{ firstByteMs: number; totalMs: number; status: number }> {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const req = request(url, { headers: cookie ? { cookie } : {} }, (res) => {
      const firstByteMs = nowMs() - t0;
      res.on("data", () => undefined);
      res.on("end", () => resolve({ firstByteMs, totalMs: nowMs() - t0, status: res.statusCode ?? 0 }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function timeTtfb(url: string, cookie: string | null, runs: number) {
  for (let i = 0; i < 3; i++) await ttfb(url, cookie);
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await ttfb(url, cookie);
    if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
    first.push(r.firstByteMs);
    total.push(r.totalMs);
  }
  return { firstByte: percentiles(first), total: percentiles(total) };
}

/** Loads a page in a fresh tab until `testId` is visible; the first load of a context also sums its scripts. */
async function timeRender(context: BrowserContext, url: string, testId: string, runs: number) {
  const times: number[] = [];
  let scriptGzipBytes = 0;
  let scriptCount = 0;
  for (let i = 0; i < runs + 1; i++) {
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    if (i === 0)
      page.on(
        "response",
        (r) =>
          void (
            r.request().resourceType() === "script" &&
            scripts.push(
              r.body().then(
                (b) => gzipSync(b).length,
                () => 0,
              ),
            )
          ),
      );
    const t0 = nowMs();
    await page.goto(url, { waitUntil: "commit" });
    await page.getByTestId(testId).first().waitFor({ state: "visible", timeout: 30_000 });
    const ms = nowMs() - t0;
    if (i === 0) {
      await page.waitForLoadState("networkidle").catch(() => undefined);
      const sizes = await Promise.all(scripts);
      scriptGzipBytes = sizes.reduce((a, b) => a + b, 0);
      scriptCount = sizes.length;
    } else times.push(ms); // the first (cold cache) load is left out of the timing
    await page.close();
  }
  return { render: percentiles(times), scriptGzipBytes, scriptCount };
}

export async function benchPage(stack: BenchStack, s: PageSizes, dataLabel: string): Promise<{ rows: ResultRow[]; detail: unknown }> {
  const cookie = await signIn(stack);
  const overviewTtfb = await timeTtfb(`${stack.webUrl}/`, cookie, s.runs);
  const signInTtfb = await timeTtfb(`${stack.webUrl}/sign-in`, null, s.runs);
  const analyticsTtfb = await timeTtfb(`${stack.webUrl}/analytics?range=30d&by=executor`, cookie, s.runs);
  const browser: Browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const signedIn = await browser.newContext();
    const [name, value] = cookie.split("=") as [string, string];
    await signedIn.addCookies([{ name, value, url: stack.webUrl }]);
    const overview = await timeRender(signedIn, `${stack.webUrl}/`, "stat-tasks", s.runs);
    const analytics = await timeRender(signedIn, `${stack.webUrl}/analytics?range=30d&by=executor`, "chart-throughput", s.runs);
    const taskPages = await benchTaskPages(stack, cookie, signedIn, s.runs, dataLabel, signInTtfb.firstByte.p50);
    const anonymous = await browser.newContext();
    const signInPage = await timeRender(anonymous, `${stack.webUrl}/sign-in`, "sign-in-key", s.runs);
    const kb = (n: number) => n / 1024;
    const rows = [
      row({
        section: "page",
        metric: `overview (${dataLabel}): first byte p50`,
        value: overviewTtfb.firstByte.p50,
        unit: "ms",
        baseline: signInTtfb.firstByte.p50,
        baselineLabel: "sign-in page (no data)",
        direction: "lower-is-better",
        goal: "≤ 300 ms",
        meetsGoal: overviewTtfb.firstByte.p99 <= 300,
        note: `p99 ${overviewTtfb.firstByte.p99.toFixed(1)} ms; whole body p50 ${overviewTtfb.total.p50.toFixed(1)} ms`,
      }),
      row({
        section: "page",
        metric: `overview (${dataLabel}): rendered in Chromium p50`,
        value: overview.render.p50,
        unit: "ms",
        baseline: signInPage.render.p50,
        baselineLabel: "sign-in page rendered",
        direction: "lower-is-better",
        note: `p99 ${overview.render.p99.toFixed(1)} ms over ${overview.render.n} warm-cache loads (goto → stats visible)`,
      }),
      row({
        section: "page",
        metric: "overview: client JavaScript (gzip)",
        value: kb(overview.scriptGzipBytes),
        unit: "KB",
        baseline: kb(signInPage.scriptGzipBytes),
        baselineLabel: "sign-in page JS",
        direction: "lower-is-better",
        goal: "≤ 200 KB",
        meetsGoal: overview.scriptGzipBytes <= 200 * 1024,
        note: `${overview.scriptCount} scripts (sign-in: ${signInPage.scriptCount})`,
      }),
      row({
        section: "page",
        metric: `analytics, 30 days by executor (${dataLabel}): first byte p50`,
        value: analyticsTtfb.firstByte.p50,
        unit: "ms",
        baseline: signInTtfb.firstByte.p50,
        baselineLabel: "sign-in page (no data)",
        direction: "lower-is-better",
        goal: "≤ 100 ms",
        meetsGoal: analyticsTtfb.firstByte.p50 <= 100,
        note: `p99 ${analyticsTtfb.firstByte.p99.toFixed(1)} ms; rendered in Chromium p50 ${analytics.render.p50.toFixed(1)} ms`,
      }),
      row({
        section: "page",
        metric: "analytics: client JavaScript (gzip)",
        value: kb(analytics.scriptGzipBytes),
        unit: "KB",
        baseline: kb(overview.scriptGzipBytes),
        baselineLabel: "overview JS",
        direction: "lower-is-better",
        goal: "≤ 200 KB",
        meetsGoal: analytics.scriptGzipBytes <= 200 * 1024,
        note: `${analytics.scriptCount} scripts; the charts are server-rendered SVG`,
      }),
      ...taskPages,
    ];
    return { rows, detail: { overviewTtfb, signInTtfb, overview, signInPage, analyticsTtfb, analytics } };
  } finally {
    await browser.close();
  }
}

/** The tasks table, the board and one task's page: first byte against the sign-in page, and their JS, each with its budget. */
async function benchTaskPages(stack: BenchStack, cookie: string, context: BrowserContext, runs: number, dataLabel: string, signInFirstByte: number) {
  const listed = (await (await stack.api("/api/cockpit/tasks?limit=1")).json()) as { tasks: { id: string }[] };
  const taskId = listed.tasks[0]?.id;
  if (!taskId) throw new Error("no task to open");
  const pages = [
    { name: "tasks table", path: "/tasks", testId: "task-table" },
    { name: "tasks board", path: "/tasks?view=board", testId: "task-board" },
    { name: "one task", path: `/tasks/${encodeURIComponent(taskId)}`, testId: "task-detail" },
  ];
  const budgetKb = 200;
  const rows: ResultRow[] = [];
  for (const p of pages) {
    const first = await timeTtfb(`${stack.webUrl}${p.path}`, cookie, runs);
    const shown = await timeRender(context, `${stack.webUrl}${p.path}`, p.testId, runs);
    rows.push(
      row({
        section: "page",
        metric: `${p.name} (${dataLabel}): first byte p50`,
        value: first.firstByte.p50,
        unit: "ms",
        baseline: signInFirstByte,
        baselineLabel: "sign-in page (no data)",
        direction: "lower-is-better",
        goal: "≤ 100 ms",
        meetsGoal: first.firstByte.p50 <= 100,
        note: `p99 ${first.firstByte.p99.toFixed(1)} ms; rendered in Chromium p50 ${shown.render.p50.toFixed(1)} ms`,
      }),
      row({
        section: "page",
        metric: `${p.name}: client JavaScript (gzip)`,
        value: shown.scriptGzipBytes / 1024,
        unit: "KB",
        baseline: budgetKb,
        baselineLabel: "the page budget",
        direction: "lower-is-better",
        goal: "≤ 200 KB",
        meetsGoal: shown.scriptGzipBytes <= budgetKb * 1024,
        note: `${shown.scriptCount} scripts`,
      }),
    );
  }
  return rows;
}
