// Worker.close() and Client.close() leave nothing behind that keeps the
// process alive: a child process that closes them and does nothing else must
// exit by itself, well before any 5-30 s timer (drain, backoff, keepalive)
// could have fired.

import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { Client, JobStatus } from "../../src/index.ts";
import { startTestMaster, waitFor } from "../helpers/master.ts";

const child = join(import.meta.dir, "..", "fixtures", "sdk", "close-child.ts");
const exitAfterCloseMsMax = 1000;
const killAfterMs = 3000;

/** Runs the child; returns how long it lived after printing "closed" (killing it past killAfterMs). */
async function livesAfterClose(mode: string, address: string): Promise<{ afterMs: number; code: number | null; out: string }> {
  const p = Bun.spawn([process.execPath, child, mode, address], { stdout: "pipe", stderr: "pipe" });
  const hung = setTimeout(() => p.kill("SIGKILL"), 15_000); // a child that never reaches "closed"
  let out = "";
  let closedAt = 0;
  const decoder = new TextDecoder();
  for await (const chunk of p.stdout) {
    out += decoder.decode(chunk, { stream: true });
    if (closedAt === 0 && out.includes("closed")) {
      closedAt = Date.now();
      break;
    }
  }
  clearTimeout(hung);
  if (closedAt === 0) {
    await p.exited;
    throw new Error(`child ended without closing (exit ${p.exitCode}): ${out}${await new Response(p.stderr).text()}`);
  }
  const killer = setTimeout(() => p.kill("SIGKILL"), killAfterMs);
  const code = await p.exited;
  clearTimeout(killer);
  return { afterMs: Date.now() - closedAt, code, out };
}

describe("close() lets the process exit", () => {
  test("Worker.close() after draining a job", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const { job } = await c.submit("exit.check", {});
      const r = await livesAfterClose("worker", m.address);
      expect(r.code).toBe(0);
      expect(r.afterMs).toBeLessThan(exitAfterCloseMsMax);
      expect((await c.get(job.id)).status).toBe(JobStatus.Completed);
    } finally {
      c.close();
    }
  }, 20_000);

  test("Worker.close() whose drain timeout aborts a job: the job is handed back without an attempt", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const { job } = await c.submit("exit.check", {}, { maxAttempts: 1 });
      const r = await livesAfterClose("worker-drain-timeout", m.address);
      expect(r.code).toBe(0);
      expect(r.afterMs).toBeLessThan(exitAfterCloseMsMax);
      const after = await c.get(job.id);
      expect(after).toMatchObject({ status: JobStatus.Pending, attempt: 0 });
      await waitFor(async () => (await c.workers()).length === 0, 3000, "the worker to have left");
    } finally {
      c.close();
    }
  }, 20_000);

  test("Client.close() with a watch still open", async () => {
    await using m = await startTestMaster();
    const r = await livesAfterClose("client", m.address);
    expect(r.code).toBe(0);
    expect(r.afterMs).toBeLessThan(exitAfterCloseMsMax);
  }, 20_000);
});
