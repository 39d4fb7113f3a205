import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { JobStatus } from "../../../src/core/types.ts";
import { resultOf } from "../../helpers/worker-master.ts";
import { localPool, newMaster } from "../../helpers/worker-pool.ts";
import { waitFor } from "../../helpers/wait.ts";

const dir = mkdtempSync(path.join(tmpdir(), "falconq-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Running and not a zombie (an orphan may wait a while for its reaper). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe("built-in job types", () => {
  test("noop completes with no result; echo returns the payload", async () => {
    const m = newMaster();
    const pool = await localPool(m);
    expect(pool.types).toEqual(["noop", "echo", "sleep", "fail"]);
    const a = await m.submit("noop");
    const b = await m.submit("echo", { hello: ["world", 1] });
    expect((await m.waitStatus(a.id, JobStatus.Completed)).result).toBeUndefined();
    expect(resultOf(await m.waitStatus(b.id, JobStatus.Completed))).toEqual({ hello: ["world", 1] });
  });

  test("sleep waits {ms} and ends promptly when aborted", async () => {
    const m = newMaster();
    await localPool(m);
    const short = await m.submit("sleep", { ms: 20 });
    expect(resultOf(await m.waitStatus(short.id, JobStatus.Completed))).toEqual({ sleptMs: 20 });
    const long = await m.submit("sleep", { ms: 60_000 }, { timeoutMs: 30, maxAttempts: 1 });
    const t0 = Date.now();
    const failed = await m.waitStatus(long.id, JobStatus.Failed);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(failed.error).toContain("timed out after 30 ms");
    const bad = await m.submit("sleep", { ms: "soon" }, { maxAttempts: 3 });
    const rejected = await m.waitStatus(bad.id, JobStatus.Failed);
    expect(rejected.attempt).toBe(1);
    expect(rejected.error).toContain(`"ms" must be a number`);
  });

  test("fail {times} fails those attempts, then succeeds", async () => {
    const m = newMaster();
    await localPool(m);
    const j = await m.submit("fail", { times: 2 }, { maxAttempts: 3, backoffBaseMs: 1, backoffMaxMs: 1 });
    const done = await m.waitStatus(j.id, JobStatus.Completed);
    expect(done.attempt).toBe(3);
    expect(resultOf(done)).toEqual({ attempt: 3 });
    const k = await m.submit("fail", { times: 5 }, { maxAttempts: 2, backoffBaseMs: 1, backoffMaxMs: 1 });
    const dead = await m.waitStatus(k.id, JobStatus.Failed);
    expect(dead.error).toContain("attempt 2 of 5");
  });

  test("shell is neither registered nor polled without allowShell", async () => {
    const m = newMaster();
    const pool = await localPool(m, { pollWaitMs: 50 });
    expect(pool.types).not.toContain("shell");
    const sh = await m.submit("shell", { cmd: "true" });
    const marker = await m.submit("noop");
    await m.waitStatus(marker.id, JobStatus.Completed);
    // The marker was submitted after the shell job and is done, yet the shell job was never leased.
    expect(m.job(sh.id).status).toBe(JobStatus.Pending);
    expect(m.job(sh.id).attempt).toBe(0);
    expect(m.broker.findWorker(pool.workerId)?.types).not.toContain("shell");
  });

  test("shell runs a command and keeps the tail of its output", async () => {
    const m = newMaster();
    await localPool(m, { allowShell: true });
    const ok = await m.submit("shell", { cmd: "printf", args: ["%s-%s", "a", "b"], env: { X: "1" } });
    expect(resultOf(await m.waitStatus(ok.id, JobStatus.Completed))).toEqual({ exitCode: 0, stdout: "a-b", stderr: "" });
    const chatty = await m.submit("shell", { cmd: "head -c 10000 /dev/zero | tr '\\0' x; echo -n END", cwd: dir });
    const out = resultOf(await m.waitStatus(chatty.id, JobStatus.Completed)) as { stdout: string };
    expect(out.stdout.length).toBe(4096);
    expect(out.stdout.endsWith("xEND")).toBe(true);
    const bad = await m.submit("shell", { cmd: "echo oops >&2; exit 3" }, { maxAttempts: 1 });
    const failed = await m.waitStatus(bad.id, JobStatus.Failed);
    expect(failed.error).toContain("exited with code 3");
    expect(failed.error).toContain("oops");
  });

  test("aborting a shell job kills the child process", async () => {
    const m = newMaster({ heartbeatIntervalMs: 20 });
    await localPool(m, { allowShell: true });
    const pidFile = path.join(dir, "child.pid");
    // The grandchild proves the whole process group is signalled, not just the shell.
    const j = await m.submit("shell", { cmd: `sleep 30 & echo $! > ${pidFile}; wait` });
    let pid = 0;
    await waitFor(() => {
      const text = readFileSync(pidFile, { encoding: "utf8", flag: "a+" }).trim();
      pid = Number(text);
      return text !== "" && alive(pid);
    }, 5000, "the shell child to start");
    await m.broker.cancel(j.id);
    await waitFor(() => !alive(pid), 5000, `grandchild ${pid} to be killed`);
    expect(m.job(j.id).status).toBe(JobStatus.Cancelled);
  });
});
