import { expect, test, uid } from "./fixtures";

const DAY = 24 * 3600_000;

/** The repos page at fleet scale: one group per repository identity across machines, search, work at risk, errors, stale marks. */
test("repos are grouped by identity, searchable, with work at risk, read errors and stale marks", async ({ page, signIn, dashboard, agents, operatorKey }) => {
  test.setTimeout(90_000);
  const laptop = uid("laptop");
  const box = uid("box");
  const identity = `github.com/e2e/${uid("app")}`;
  const laptopPath = `/Users/dev/${laptop}/app`;
  const boxPath = `/srv/${box}/app`;
  const brokenPath = `/Users/dev/${laptop}/gone`;
  const mac = await agents.connect(laptop);
  const build = await agents.connect(box);
  // A month-old unpushed commit: first in the oldest-first work-at-risk list, whatever else the shared stack holds.
  mac.send({
    type: "git-status",
    repos: [
      {
        id: "app",
        path: laptopPath,
        name: "app",
        branch: "feature/login",
        status: "ahead",
        aheadCount: 2,
        remoteIdentity: identity,
        unpushedCount: 2,
        oldestUnpushedAt: Date.now() - 30 * DAY,
      },
      { id: "gone", path: brokenPath, name: "gone", error: "not a git repository (or any parent up to mount point /)" },
    ],
  });
  build.send({ type: "git-status", repos: [{ id: "app", path: boxPath, name: "app", branch: "main", status: "clean", remoteIdentity: identity }] });

  await signIn.session(operatorKey);
  await dashboard.open("/repos");
  const laptopRow = dashboard.repoRow(encodeURIComponent(laptop), laptopPath);
  await expect(page.getByTestId(`at-risk-${encodeURIComponent(laptop)}:${laptopPath}`)).toContainText("2 unpushed");

  // Search by identity: one group, one line per machine.
  const search = page.locator('input[name="search"]');
  await search.fill(identity);
  await search.press("Enter");
  await expect(page).toHaveURL(/search=/);
  const groups = page.getByTestId("repo-group");
  await expect(groups).toHaveCount(1);
  await expect(groups.first().getByRole("heading")).toContainText(`${identity} · 2 machines`);
  await expect(groups.first().getByTestId("repo-agent")).toHaveCount(2);
  await expect(groups.first()).toContainText(box);
  await expect(laptopRow).toContainText("2 unpushed");
  await expect(laptopRow).toHaveAttribute("data-stale", "false");

  // The agent's read error instead of "unknown · detached".
  await dashboard.open(`/repos?search=${encodeURIComponent(brokenPath)}`);
  const broken = dashboard.repoRow(encodeURIComponent(laptop), brokenPath);
  await expect(broken).toHaveAttribute("data-status", "error");
  await expect(broken.getByTestId("repo-error")).toHaveText("not a git repository (or any parent up to mount point /)");
  await expect(broken.getByTestId("repo-branch")).toHaveCount(0);

  // The laptop leaves: its checkouts keep their last report, marked stale with since when; the box's are not.
  mac.close();
  await expect
    .poll(async () => {
      await dashboard.open(`/repos?search=${encodeURIComponent(identity)}`);
      return laptopRow.getAttribute("data-stale");
    })
    .toBe("true");
  await expect(laptopRow.getByTestId("repo-stale")).toContainText("agent offline since");
  await expect(dashboard.repoRow(encodeURIComponent(box), boxPath)).toHaveAttribute("data-stale", "false");
});
