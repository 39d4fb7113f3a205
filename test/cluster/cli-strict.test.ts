// The command line as a user types it, run as processes against a real
// master: unknown flags and commands are usage errors (exit 2) that send
// nothing, with a suggestion; global flags work before the subcommand.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { binary, type Cluster, startCluster } from "../helpers/cluster.ts";

async function run(args: string[], timeoutMs = 20_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = Bun.spawn([binary, ...args], { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A usage error: exit 2, one line on stderr matching `text`, nothing on stdout. */
function expectUsage(r: { code: number; stdout: string; stderr: string }, text: RegExp): void {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(text) });
  expect(r.stderr.trim().split("\n").length).toBe(1);
  expect(r.stdout).toBe("");
}

describe("strict command line", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ workers: 0 });
  });
  afterAll(async () => {
    await c?.[Symbol.asyncDispose]();
  });

  const jobsHeld = async () => (await c.client.stats()).jobsTotal;

  test("misspelled flags are a usage error with a suggestion, and no job is created", async () => {
    const before = await jobsHeld();
    const r = await c.cli(["submit", "--type", "x", "--atempts", "7", "--priorty", "9"]);
    expectUsage(r, /unknown flags for falconq submit: --atempts \(did you mean --attempts\?\), --priorty \(did you mean --priority\?\)/);
    expect(await jobsHeld()).toBe(before);
  });

  test("the spelled-out flags still work and take effect", async () => {
    const r = await c.cli(["submit", "--type", "x", "--attempts", "7", "--priority", "9", "--json"]);
    expect(r.code).toBe(0);
    const id = JSON.parse(r.stdout).id;
    expect(await c.client.get(id)).toMatchObject({ maxAttempts: 7, priority: 9 });
  });

  test("unknown flags, stray arguments and unknown subcommands of every command exit 2", async () => {
    const before = await jobsHeld();
    expectUsage(await c.cli(["stats", "--jsn"]), /--jsn \(did you mean --json\?\)/);
    expectUsage(await c.cli(["jobs", "list", "--stat", "failed"]), /--stat \(did you mean --state\?\)/);
    expectUsage(await c.cli(["jobs", "lst"]), /unknown command "lst" for falconq jobs \(did you mean list\?\); commands: list, get, cancel, retry/);
    expectUsage(await c.cli(["workers", "--bogus"]), /unknown flag for falconq workers: --bogus/);
    expectUsage(await c.cli(["stats", "extra"]), /unexpected argument "extra" for falconq stats/);
    expectUsage(await c.cli(["submit", "--type", "x", "-p", "1"]), /unknown flag for falconq submit: -p/);
    expect(await jobsHeld()).toBe(before);
  });

  test("--json and --master work before the subcommand", async () => {
    const a = await run(["--json", "stats", "--master", c.address]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).jobsTotal).toBe(await jobsHeld());
    const b = await run(["--master", c.address, "--json", "stats"]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).jobsTotal).toBe(await jobsHeld());
    const s = await run([`--master=${c.address}`, "--json", "submit", "--type", "g"]);
    expect(s.code).toBe(0);
    const id = JSON.parse(s.stdout).id;
    // Also between a command and its subcommand, where citty alone drops them.
    const g = await run(["jobs", "--master", c.address, "--json", "get", id]);
    expect(g.code).toBe(0);
    expect(JSON.parse(g.stdout)).toMatchObject({ id, type: "g" });
  });

  test("a flag before the subcommand that is not global is a usage error", async () => {
    expectUsage(await run(["--jsn", "stats", "--master", c.address]), /unknown flag for falconq: --jsn \(did you mean --json\?\); its flags: --master, --json/);
  });
});

describe("modes and commands", () => {
  test("--mode bogus and an unknown command exit 2 naming the valid ones", async () => {
    expectUsage(await run(["--mode", "bogus"]), /^falconq: --mode must be master, worker or standalone, got "bogus"$/m);
    expectUsage(await run(["--mode=bogus"]), /--mode must be master, worker or standalone/);
    expectUsage(await run(["sumbit"]), /unknown command "sumbit" for falconq \(did you mean submit\?\); commands: master, worker, standalone, submit, jobs, stats, workers, queues, demo/);
  });

  test("--mode still selects a mode, and that mode's flags are checked", async () => {
    expectUsage(await run(["--mode", "master", "--prot", "1"]), /--prot \(did you mean --port\?\)/);
  });
});
