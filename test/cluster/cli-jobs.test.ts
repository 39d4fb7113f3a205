// `falconq jobs list | delete | promote` as a user runs them: the compiled
// binary against a real master, newest first with a hint for the next page,
// --json keeping the page token, --reverse, --after, --search; delete and
// promote with their refusals as one line and exit 1.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Cluster, startCluster } from "../helpers/cluster.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed CLI JSON
type Any = any;

const jsonLines = (s: string): Any[] =>
  s
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));

/** Job ids in the order the table printed them (the first column of each row after the header). */
const tableIds = (stdout: string): string[] =>
  stdout
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(/\s+/)[0] as string);

describe("falconq jobs list, delete, promote", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ workers: 0, env: { NO_COLOR: "1" } });
  });
  afterAll(async () => {
    await c?.[Symbol.asyncDispose]();
  });

  async function submit(queue: string, n: number, opts: { delayMs?: number; payload?: string } = {}): Promise<string[]> {
    const specs = Array.from({ length: n }, (_, i) => ({ type: "t", queue, payload: opts.payload ?? `{"i":${i}}`, delayMs: opts.delayMs }));
    return (await c.client.submitMany(specs)).map((s) => s.job.id);
  }

  test("newest first, with a hint that runs as the next page; the last page has no hint", async () => {
    const ids = await submit("listq", 7);
    const first = await c.cli(["jobs", "list", "--queue", "listq", "--limit", "3"]);
    expect(first.code).toBe(0);
    expect(tableIds(first.stdout)).toEqual(ids.slice(4).reverse());
    const hint = /^more: (falconq jobs list .*)$/m.exec(first.stderr)?.[1] ?? "";
    expect(hint).toBe(`falconq jobs list --queue listq --limit 3 --page-token ${ids[4]}`);
    const next = await c.cli(hint.split(" ").slice(1));
    expect(tableIds(next.stdout)).toEqual(ids.slice(1, 4).reverse());
    const last = await c.cli(["jobs", "list", "--queue", "listq", "--limit", "3", "--after", ids[1] as string]);
    expect(tableIds(last.stdout)).toEqual(ids.slice(0, 1));
    expect(last.stderr).not.toContain("more");
  });

  test("an unfiltered list says how many jobs follow", async () => {
    const r = await c.cli(["jobs", "list", "--limit", "1"]);
    expect(r.code).toBe(0);
    const total = (await c.client.stats()).jobsTotal;
    expect(r.stderr).toMatch(new RegExp(`^${total - 1} more: falconq jobs list --limit 1 --page-token \\S+$`, "m"));
  });

  test("--json keeps the next page token; --reverse lists oldest first", async () => {
    const ids = await submit("jsonq", 5);
    const r = await c.cli(["jobs", "list", "--queue", "jsonq", "--limit", "2", "--reverse", "--json"]);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.slice(0, 2).map((l) => l.id)).toEqual([ids[0], ids[1]]);
    expect(lines[2]).toEqual({ nextPageToken: ids[1], partial: false, remaining: 0 });
    const r2 = await c.cli(["jobs", "list", "--queue", "jsonq", "--limit", "3", "--reverse", "--json", "--page-token", ids[1] as string]);
    expect(jsonLines(r2.stdout).map((l) => l.id)).toEqual([ids[2], ids[3], ids[4]]);
    const newest = await c.cli(["jobs", "list", "--queue", "jsonq", "--limit", "5", "--json"]);
    expect(jsonLines(newest.stdout).map((l) => l.id)).toEqual([...ids].reverse());
  });

  test("--search finds a job by payload text on the master", async () => {
    await submit("searchq", 3);
    const [hit] = await submit("searchq", 1, { payload: '{"customer":"Åsa Nilsson"}' });
    const r = await c.cli(["jobs", "list", "--search", "Åsa Nils", "--json"]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((l) => [l.id, l.queue])).toEqual([[hit, "searchq"]]);
  });

  test("delete removes a waiting job; a running one is refused with one line and exit 1", async () => {
    const [a, b] = await submit("delq", 2);
    const del = await c.cli(["jobs", "delete", a as string]);
    expect(del).toMatchObject({ code: 0, stdout: `deleted ${a} (was pending)` });
    const gone = await c.cli(["jobs", "get", a as string]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("NOT_FOUND");

    const { worker_id } = await c.client.rpc.call("RegisterWorker", { hostname: "test", concurrency: 1, queues: ["delq"] });
    const polled = await c.client.rpc.call("PollJobs", { worker_id, count: 1 });
    expect(polled.jobs[0]?.job?.id).toBe(b);
    const refused = await c.cli(["jobs", "delete", b as string]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/FAILED_PRECONDITION: .*is running; cancel it first/);
    expect((await c.cli(["jobs", "cancel", b as string])).code).toBe(0);
    const json = await c.cli(["jobs", "delete", b as string, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: b, status: "cancelled" });
  });

  test("promote makes a scheduled job pending now; promoting it again is refused", async () => {
    const [id] = await submit("promq", 1, { delayMs: 3_600_000 });
    expect((await c.client.get(id as string)).status).toBe(1); // scheduled
    const r = await c.cli(["jobs", "promote", id as string]);
    expect(r).toMatchObject({ code: 0, stdout: `promoted ${id}: pending` });
    expect(jsonLines((await c.cli(["jobs", "list", "--queue", "promq", "--json"])).stdout)[0]).toMatchObject({ id, status: "pending" });
    const again = await c.cli(["jobs", "promote", id as string]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("only scheduled jobs can be promoted");
  });

  test("usage errors: --after with --page-token, an id that is not an id", async () => {
    const both = await c.cli(["jobs", "list", "--after", "a", "--page-token", "b"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give --after or --page-token, not both");
    const bad = await c.cli(["jobs", "delete", "not/an-id"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("INVALID_ARGUMENT");
  });
});
