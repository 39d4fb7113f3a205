// Output through a pipe arrives whole: the CLI exits only after stdout
// drained, so a script reading `--json` gets every job id.

import { expect, test } from "bun:test";
import { binary, withCluster } from "../helpers/cluster.ts";

test("submit --count 10000 --json through a pipe: every line arrives, exit 0", async () => {
  await withCluster({ workers: 0 }, async (c) => {
    const p = Bun.spawn([binary, "--master", c.address, "submit", "--type", "x", "--count", "10000", "--json"], {
      stdout: "pipe",
      stderr: "pipe",
      env: { ...process.env, NO_COLOR: "1" },
    });
    const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
    const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    clearTimeout(timer);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    expect(stdout.endsWith("\n")).toBe(true);
    const ids = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).id as string);
    expect(ids.length).toBe(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect((await c.client.stats()).jobsTotal).toBe(10_000);
  });
}, 90_000);

test("a reader that stops early (| head -1) ends the CLI with one line, not a stack trace", async () => {
  await withCluster({ workers: 0 }, async (c) => {
    const script = '"$0" "$@" | head -1; echo "rc=$PIPESTATUS"'; // bash: PIPESTATUS alone is its first element
    const p = Bun.spawn(["bash", "-c", script, binary, "submit", "--master", c.address, "--type", "x", "--count", "5000", "--json"], {
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    const [first, rc] = stdout.trim().split("\n");
    expect(JSON.parse(first as string).id).toBeString();
    expect(rc).toBe("rc=1");
    expect(stderr.trim()).toBe("falconq: stdout closed by its reader (EPIPE); stopped");
  });
}, 90_000);
