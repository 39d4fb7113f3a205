// The dashboard end to end: the compiled dist/falconq as a master with
// credentials required and an HTTP port, a worker where a job must run, and
// the system Chromium (headless, loopback only) driven by playwright-core.
// Screenshots of every page go to test-artifacts/dashboard/ (gitignored);
// DASHBOARD_DOCS=1 also copies them to docs/dashboard/ for docs/dashboard.md.
//
// Without a Chromium binary the test is skipped with a message, unless CI is
// set: CI installs chromium (.ci/run), and there the test must run.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type Cluster, root, startCluster } from "../helpers/cluster.ts";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];
const chromiumPath = candidates.find((p): p is string => p !== undefined && p !== "" && existsSync(p));
const inCi = !!process.env.CI;
if (chromiumPath === undefined && !inCi) {
  console.warn("test/browser/dashboard.test.ts: SKIPPED: no Chromium found (/usr/bin/chromium, chromium-browser or $CHROMIUM_PATH); install it with `apt-get install -y chromium`");
}
const maybe = chromiumPath === undefined && !inCi ? describe.skip : describe;

const artifacts = join(root, "test-artifacts", "dashboard");
const docsShots = join(root, "docs", "dashboard");
const shots: string[] = [];

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.waitForTimeout(300); // let the last redraw land
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
  shots.push(name);
}

/** Polls `fn` until its value passes (every 100 ms, 10 s by default); bun:test has no expect.poll. */
function poll<T>(fn: () => Promise<T> | T, o: { timeout?: number } = {}) {
  const run = async (ok: (v: T) => boolean, what: string): Promise<void> => {
    const end = Date.now() + (o.timeout ?? 10_000);
    let last: T | undefined;
    let err: unknown;
    for (;;) {
      try {
        last = await fn();
        err = undefined;
        if (ok(last)) return;
      } catch (e) {
        err = e;
      }
      if (Date.now() > end) throw new Error(`timed out waiting for a value ${what}; the last was ${JSON.stringify(last)}${err ? ` (${err})` : ""}`);
      await Bun.sleep(100);
    }
  };
  return {
    toBe: (x: T) => run((v) => v === x, `=== ${JSON.stringify(x)}`),
    toBeGreaterThanOrEqual: (x: number) => run((v) => (v as number) >= x, `>= ${x}`),
    toMatch: (re: RegExp) => run((v) => typeof v === "string" && re.test(v), `matching ${re}`),
    not: { toBe: (x: T) => run((v) => v !== x, `!== ${JSON.stringify(x)}`) },
  };
}

maybe("dashboard in the compiled binary", () => {
  let c: Cluster;
  let browser: Browser;
  let base: string;
  let adminToken: string;
  let viewerToken: string;
  const offLoopback: string[] = [];
  const pageErrors: string[] = [];

  const tokenFile = () => join(c.dir, "admin.token");
  const cli = async (args: string[]) => {
    const r = await c.cli([...args, "--token-file", tokenFile()]);
    if (r.code !== 0) throw new Error(`falconq ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  };
  const submit = async (args: string[]): Promise<string> => {
    const out = await cli(["submit", "--json", ...args]);
    return (JSON.parse(out.trim().split("\n")[0] as string) as { id: string }).id;
  };

  /** A context that may reach only this master on 127.0.0.1. */
  async function context(viewport = { width: 1280, height: 860 }, extra: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport, ...extra });
    await ctx.route("**/*", (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === "127.0.0.1" || u.protocol === "data:") return route.continue();
      offLoopback.push(u.href);
      return route.abort();
    });
    return ctx;
  }

  async function login(page: Page, token: string): Promise<void> {
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${base}/`);
    await page.getByTestId("login").waitFor();
    await page.fill("#token", token);
    await page.click("#login-form button[type=submit]");
    await page.getByTestId("counts").waitFor();
  }

  const count = async (page: Page, state: string) => Number(((await page.textContent(`[data-testid=count-${state}] .n`)) ?? "").replace(/,/g, ""));

  beforeAll(async () => {
    c = await startCluster({ workers: 0, masterArgs: ["--admin-token-file", "{dir}/admin.token", "--heartbeat-interval", "300ms", "--worker-timeout", "3s"] });
    base = `http://127.0.0.1:${c.httpPort}`;
    adminToken = readFileSync(tokenFile(), "utf8").trim();
    const v = JSON.parse(await cli(["tokens", "create", "--name", "dash-viewer", "--role", "viewer", "--queues", "*", "--json"])) as { token: string };
    viewerToken = v.token;
    browser = await chromium.launch({
      executablePath: chromiumPath as string,
      headless: true,
      args: [
        "--no-sandbox",
        // Loopback only: every name but 127.0.0.1 fails to resolve, no proxy, no background fetches.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--no-proxy-server",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-domain-reliability",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await c?.[Symbol.asyncDispose]();
    if (process.env.DASHBOARD_DOCS === "1") {
      mkdirSync(docsShots, { recursive: true });
      for (const s of shots) copyFileSync(join(artifacts, `${s}.png`), join(docsShots, `${s}.png`));
    }
  });

  test(
    "admin: live jobs, search, cancel, retry, pause, counts; every page",
    async () => {
      const ctx = await context();
      const page = await ctx.newPage();
      await page.goto(`${base}/`);
      await page.getByTestId("login").waitFor();
      await shot(page, "login");
      await login(page, adminToken);
      expect(await page.textContent("[data-testid=whoami]")).toContain("admin");

      // A queue exists before the page watches, so its event stream opens.
      await submit(["--type", "echo", "--queue", "mail", "--payload", '{"to":"first@example.com"}']);
      await page.goto(`${base}/#/jobs?state=pending`);
      await poll(() => page.getAttribute("[data-testid=live]", "data-state"), { timeout: 15_000 }).toBe("on");
      const pendingBefore = await page.locator("tr[data-id]").count();

      // A job submitted through the CLI appears without a reload, from the event stream
      // (the page polls only while not live, and the wait is shorter than that poll).
      const needle = await submit(["--type", "echo", "--queue", "mail", "--payload", '{"to":"needle-4711@example.com"}']);
      await page.locator(`tr[data-id="${needle}"]`).waitFor({ timeout: 3000 });
      expect(await page.locator("tr[data-id]").count()).toBe(pendingBefore + 1);
      await shot(page, "jobs");

      // Search by a payload substring, on the server.
      await page.fill("[data-testid=search]", "needle-4711");
      await page.press("[data-testid=search]", "Enter");
      await poll(() => page.locator("tr[data-id]").count()).toBe(1);
      expect(await page.getAttribute("tr[data-id]", "data-id")).toBe(needle);
      expect(page.url()).toContain("search=needle-4711");

      // The overview counts before the next changes.
      await page.goto(`${base}/#/overview`);
      await poll(() => count(page, "pending")).toBe(2);
      const cancelledBefore = await count(page, "cancelled");

      // Cancel a pending job (bulk select on the pending tab).
      await page.goto(`${base}/#/jobs?state=pending&search=needle-4711`);
      await page.locator(`tr[data-id="${needle}"] input.pick`).check();
      await page.click("[data-testid=bulk-cancel]");
      await page.locator(`tr[data-id="${needle}"]`).waitFor({ state: "detached" });
      await page.goto(`${base}/#/jobs/${needle}`);
      await poll(() => page.textContent("[data-testid=state]")).toBe("cancelled");
      expect(await page.textContent("[data-testid=payload]")).toContain("needle-4711@example.com");
      await page.goto(`${base}/#/overview`);
      await poll(() => count(page, "cancelled")).toBe(cancelledBefore + 1);
      await poll(() => count(page, "pending")).toBe(1);

      // A job that fails for good on a worker of queue "work"; the overview's failed count goes up.
      const worker = await c.addWorker({ concurrency: 2, args: ["--queues", "work", "--token-file", tokenFile()] });
      const failing = await submit(["--type", "fail", "--queue", "work", "--attempts", "1", "--payload", '{"times":1}']);
      await poll(() => count(page, "failed"), { timeout: 20_000 }).toBe(1);
      for (let i = 0; i < 20; i++) await submit(["--type", "echo", "--queue", "work", "--payload", `{"n":${i}}`]);
      await poll(() => count(page, "completed"), { timeout: 20_000 }).toBeGreaterThanOrEqual(20);
      // Submit-to-start over the master's recent starts, from GET /v1/stats.
      await poll(() => page.textContent("[data-testid=latency]"), { timeout: 10_000 }).toMatch(/p50 .+ · p95 .+ · p99 .+ \(last \d+ starts\)/);
      await shot(page, "overview");

      // The failed job's detail: error, attempts, timeline, worker.
      await page.goto(`${base}/#/jobs/${failing}`);
      await poll(() => page.textContent("[data-testid=state]")).toBe("failed");
      expect(await page.textContent("[data-testid=job-error]")).toContain("failing on purpose");
      await shot(page, "job");

      // Workers page: quiet the worker, then end it, so the retried job stays pending where we can see it.
      await page.goto(`${base}/#/workers`);
      await page.locator(`tr[data-worker="${worker.workerId}"]`).waitFor();
      await shot(page, "workers");
      await page.click(`tr[data-worker="${worker.workerId}"] [data-testid=quiet]`);
      await poll(() => page.textContent(`tr[data-worker="${worker.workerId}"] .badge`), { timeout: 15_000 }).toBe("quiet");

      await worker.kill();

      // Retry the failed job from its page: it is pending again, shown live.
      await page.goto(`${base}/#/jobs/${failing}`);
      await page.click("[data-testid=job-retry]");
      await poll(() => page.textContent("[data-testid=state]"), { timeout: 10_000 }).toBe("pending");

      // Pause queue "mail" on the queues page.
      await page.goto(`${base}/#/queues`);
      const mail = page.locator('tr[data-queue="mail"]');
      await mail.locator("[data-testid=pause]").click();
      await poll(() => mail.locator("[data-testid=queue-state]").textContent()).toBe("paused");
      // The pending job of "mail" has waited since it was submitted: its age is shown, not a dash.
      expect(await mail.locator("[data-testid=oldest]").textContent()).toMatch(/^\d/);
      await mail.locator("[data-testid=resume]").waitFor();
      await shot(page, "queues");

      // Submit a job from the form.
      await page.goto(`${base}/#/submit`);
      await page.fill("input[name=type]", "echo");
      await page.fill("input[name=queue]", "mail");
      await page.fill("textarea[name=payload]", '{"from":"the dashboard"}');
      await shot(page, "submit");
      await page.click("#submit button[type=submit]");
      await page.getByTestId("job-id").waitFor();
      expect(await page.textContent("[data-testid=payload]")).toContain("the dashboard");
      expect(await page.textContent("[data-testid=state]")).toBe("pending"); // mail is paused
      const first = await page.textContent("[data-testid=job-id]");

      // A job that depends on it waits; its page links the job it waits for, and it can be cancelled.
      const dependent = await submit(["--type", "echo", "--queue", "mail", "--depends-on", first as string]);
      await page.goto(`${base}/#/jobs/${dependent}`);
      await poll(() => page.textContent("[data-testid=state]")).toBe("waiting");
      expect(await page.textContent("[data-testid=depends-on]")).toContain(first as string);
      await shot(page, "job-waiting");
      await page.click("[data-testid=job-cancel]");
      await poll(() => page.textContent("[data-testid=state]")).toBe("cancelled");

      // Dark mode by the toggle.
      await page.goto(`${base}/#/overview`);
      await page.click("[data-testid=theme]");
      await page.waitForTimeout(1200); // a chart redraw in the new colours
      await shot(page, "overview-dark");
      await ctx.close();

      // Phone size.
      const phone = await context({ width: 390, height: 844 }, { deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const p2 = await phone.newPage();
      await login(p2, adminToken);
      await poll(() => count(p2, "failed")).toBeGreaterThanOrEqual(0);
      await p2.waitForTimeout(1200);
      await shot(p2, "phone-overview");
      await p2.goto(`${base}/#/jobs`);
      await p2.locator("tr[data-id]").first().waitFor();
      await shot(p2, "phone-jobs");
      expect(await p2.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).toBe(true);
      await phone.close();

      // Logout ends the session: the API refuses the old cookie.
      const ctx3 = await context();
      const p3 = await ctx3.newPage();
      await login(p3, adminToken);
      await p3.click("[data-testid=logout]");
      await p3.getByTestId("login").waitFor();
      expect(await p3.evaluate("fetch('/v1/stats').then((r) => r.status)")).toBe(401);
      await ctx3.close();

      expect(pageErrors).toEqual([]);
      expect(offLoopback).toEqual([]);
    },
    240_000,
  );

  test(
    "a master without authentication: no sign-in, anonymous admin, no sign-out button",
    async () => {
      await using open = await startCluster({ workers: 0 });
      const ctx = await context();
      const page = await ctx.newPage();
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      await page.goto(`http://127.0.0.1:${open.httpPort}/`);
      await page.getByTestId("counts").waitFor();
      expect(await page.textContent("[data-testid=whoami]")).toContain("admin");
      expect(await page.isVisible("[data-testid=logout]")).toBe(false);
      expect(await page.locator("[data-testid=login]").count()).toBe(0);
      await ctx.close();
      expect(pageErrors).toEqual([]);
    },
    60_000,
  );

  test(
    "viewer: sees everything, has no action buttons, a forged action is refused",
    async () => {
      // A worker to see (on a queue with no jobs, so nothing changes under the checks).
      await c.addWorker({ concurrency: 1, args: ["--queues", "idle", "--token-file", tokenFile()] });
      await submit(["--type", "echo", "--queue", "mail", "--payload", '{"for":"the viewer"}']);
      const ctx = await context();
      const page = await ctx.newPage();
      await login(page, viewerToken);
      expect(await page.textContent("[data-testid=whoami]")).toContain("viewer");
      await poll(() => count(page, "pending")).toBeGreaterThanOrEqual(1);

      await page.goto(`${base}/#/queues`);
      await page.locator('tr[data-queue="mail"]').waitFor();
      const mailState = await page.textContent('tr[data-queue="mail"] [data-testid=queue-state]');
      expect(await page.locator("[data-testid=pause], [data-testid=resume], [data-testid=retry-failed]").count()).toBe(0);

      await page.goto(`${base}/#/jobs`);
      await page.locator("tr[data-id]").first().waitFor();
      expect(await page.locator("#bulk, input.pick").count()).toBe(0);
      const id = await page.getAttribute("tr[data-id]", "data-id");
      await page.goto(`${base}/#/jobs/${id}`);
      await page.getByTestId("job-id").waitFor();
      expect(await page.locator("[data-testid=job-actions]").count()).toBe(0);

      await page.goto(`${base}/#/workers`);
      await page.locator("tr[data-worker]").first().waitFor();
      expect(await page.locator("[data-testid=quiet], [data-testid=stop]").count()).toBe(0);
      expect(await page.isVisible("nav a[data-page=submit]")).toBe(false);

      // A forged action from the page's own origin: refused without the CSRF token,
      // and refused by role with it (the viewer logs in again here to learn one).
      const forged = (await page.evaluate(`(async () => {
        const without = await fetch("/v1/queues/mail/resume", { method: "POST" });
        const s = await fetch("/v1/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: ${JSON.stringify(viewerToken)} }) });
        const { csrfToken } = await s.json();
        const withCsrf = await fetch("/v1/queues/mail/resume", { method: "POST", headers: { "x-csrf-token": csrfToken } });
        const cancel = await fetch("/v1/jobs/${id}/cancel", { method: "POST", headers: { "x-csrf-token": csrfToken } });
        return [without.status, withCsrf.status, cancel.status, (await withCsrf.json()).error.code];
      })()`)) as [number, number, number, string];
      expect(forged).toEqual([403, 403, 403, "PERMISSION_DENIED"]);
      await page.goto(`${base}/#/queues`);
      await page.locator('tr[data-queue="mail"]').waitFor();
      expect(await page.textContent('tr[data-queue="mail"] [data-testid=queue-state]')).toBe(mailState);
      await shot(page, "viewer-queues");
      await ctx.close();
      expect(pageErrors).toEqual([]);
      expect(offLoopback).toEqual([]);
    },
    120_000,
  );
});
