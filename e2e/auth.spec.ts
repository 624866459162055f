import { expect, test } from "./fixtures";

test.describe("sign-in and session", () => {
  test("an operator signs in, the key never reaches the page, and sign out ends the session", async ({
    page,
    context,
    signIn,
    dashboard,
    operatorKey,
    stack,
  }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn.signIn("not-a-real-key");
    await expect(signIn.error()).toContainText("not valid");
    expect(page.url()).not.toContain("not-a-real-key");

    await signIn.signIn(operatorKey);
    await expect(page).toHaveURL(`${stack.webUrl}/`);
    await dashboard.waitLive();
    await expect(page.getByTestId("signed-in-as")).toContainText("Olivia Operator");

    const cookie = (await context.cookies()).find((c) => c.name === "cockpit_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.value).not.toContain(operatorKey);
    // Nothing a script can reach holds the key: cookies visible to JS, storage, the URL, the HTML.
    const exposed = await page.evaluate(() => ({
      cookie: document.cookie,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      url: location.href,
      html: document.documentElement.outerHTML,
    }));
    for (const value of Object.values(exposed)) expect(value).not.toContain(operatorKey);
    expect(exposed.cookie).not.toContain("cockpit_session");
    for (const path of ["/", "/tasks", "/alerts", "/agents", "/repos", "/tasks/new"]) {
      const html = await (await page.request.get(path)).text();
      expect(html, path).not.toContain(operatorKey);
      expect(html, path).not.toContain(stack.adminKey);
    }

    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/sign-in\?signed-out=1/);
    await page.goto("/alerts");
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.request.get("/api/auth/socket-token")).status()).toBe(401);
  });

  test("agent keys cannot sign in to the dashboard", async ({ signIn, agentKey }) => {
    await signIn.signIn(agentKey);
    await expect(signIn.error()).toContainText("Agent keys");
  });

  test("writes with the session cookie from another origin are refused", async ({ page, signIn, operatorKey, stack }) => {
    await signIn.signIn(operatorKey);
    await expect(page).toHaveURL(`${stack.webUrl}/`);
    const forged = await page.request.post("/api/cockpit/tasks", {
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      data: { title: "forged", executor: "shell" },
    });
    expect(forged.status()).toBe(403);
    const forgedSignIn = await page.request.post("/api/auth/sign-in", { headers: { origin: "https://evil.example" }, form: { key: operatorKey } });
    expect(forgedSignIn.status()).toBe(403);
    const token = await page.request.get("/api/auth/socket-token");
    expect(token.status()).toBe(200);
    const body = (await token.json()) as { token: string; hubUrl: string };
    expect(body.token).toMatch(/^ct1\./);
    expect(body.hubUrl).toBe(stack.wsUrl);
  });
});

test("revoking a key ends the dashboard sessions opened with it", async ({ page, signIn, dashboard, stack }) => {
  const created = await stack.api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name: "Short-lived operator", role: "operator" }) });
  const { id, key } = (await created.json()) as { id: string; key: string };
  await signIn.signIn(key);
  await dashboard.waitLive();
  expect((await stack.api(`/api/cockpit/keys/${id}`, { method: "DELETE" })).status).toBe(200);
  expect((await page.request.get("/api/auth/socket-token")).status()).toBe(401);
  // The open page may already be on its way to sign-in (its socket was closed 4001 and the token refused), which
  // aborts this navigation; either way the session ends on the sign-in page.
  await page.goto("/tasks").catch((error: Error) => expect(error.message).toContain("ERR_ABORTED"));
  await expect(page).toHaveURL(/\/sign-in/);
});
