import { describe, expect, test } from "bun:test";
import { DomainError } from "../../../src/core/errors.ts";
import type { AckInput, AckOutcome } from "../../../src/core/contract.ts";
import { AckSender } from "../../../src/worker/ack-sender.ts";
import { backoffDelayMs } from "../../../src/rpc/retry.ts";
import { quietLog } from "../../helpers/worker-master.ts";
import { waitFor } from "../../helpers/wait.ts";

class Down extends Error {}

/** A fake master: records every batch; fails with Down while `down` is set. */
function fakeMaster() {
  const batches: string[][] = [];
  const state = { down: false, calls: 0 };
  const send = async (acks: AckInput[]): Promise<AckOutcome[]> => {
    state.calls++;
    if (state.down) throw new Down("unreachable");
    batches.push(acks.map((a) => a.jobId));
    return acks.map((a) =>
      a.jobId.startsWith("stale") ? { jobId: a.jobId, error: new DomainError("failed_precondition", "stale lease") } : { jobId: a.jobId },
    );
  };
  return { batches, state, send };
}

const ack = (jobId: string): AckInput => ({ jobId, token: "t", success: true });

function sender(send: (a: AckInput[]) => Promise<AckOutcome[]>, o: { pendingMax?: number; batchMax?: number } = {}) {
  return new AckSender({
    send,
    retryable: (e) => e instanceof Down,
    lingerMs: 5,
    backoff: { baseMs: 5, maxMs: 20 },
    log: quietLog,
    ...o,
  });
}

describe("AckSender", () => {
  test("acks submitted in the same tick leave in one call, in order", async () => {
    const f = fakeMaster();
    const s = sender(f.send);
    const all = await Promise.all(Array.from({ length: 50 }, (_, i) => s.submit([ack(`j${i}`)])));
    expect(f.batches.length).toBe(1);
    expect(f.batches[0]).toEqual(Array.from({ length: 50 }, (_, i) => `j${i}`));
    expect(all.map(([o]) => o?.jobId)).toEqual(f.batches[0]!);
    s.close();
  });

  test("splits at batchMax", async () => {
    const f = fakeMaster();
    const s = sender(f.send, { batchMax: 10 });
    await s.submit(Array.from({ length: 25 }, (_, i) => ack(`j${i}`)));
    expect(f.batches.map((b) => b.length)).toEqual([10, 10, 5]);
    s.close();
  });

  test("keeps acks while the master is down and re-sends them; per-ack errors come back as outcomes", async () => {
    const f = fakeMaster();
    f.state.down = true;
    const s = sender(f.send);
    const p = s.submit([ack("a"), ack("stale-b")]);
    await waitFor(() => f.state.calls >= 3, 1000, "three failed deliveries");
    expect(s.pending).toBe(2);
    expect(f.batches.length).toBe(0);
    f.state.down = false;
    const out = await p;
    expect(f.batches).toEqual([["a", "stale-b"]]);
    expect(out[0]?.error).toBeUndefined();
    expect(out[1]?.error?.kind).toBe("failed_precondition");
    s.close();
  });

  test("bounded: past pendingMax the oldest acks are dropped as undelivered", async () => {
    const f = fakeMaster();
    f.state.down = true;
    const s = sender(f.send, { pendingMax: 3 });
    const first = s.submit([ack("old1"), ack("old2")]);
    const second = s.submit([ack("n1"), ack("n2"), ack("n3")]);
    const dropped = await first;
    expect(dropped.every((o) => o.error?.message.includes("more than 3 acks pending"))).toBe(true);
    expect(s.pending).toBe(3);
    f.state.down = false;
    await second;
    expect(f.batches.flat()).toEqual(["n1", "n2", "n3"]);
    s.close();
  });

  test("flush() gives up after its timeout; close() settles what is left as undelivered", async () => {
    const f = fakeMaster();
    f.state.down = true;
    const s = sender(f.send);
    const p = s.submit([ack("x")]);
    expect(await s.flush(30)).toBe(1);
    s.close();
    const [o] = await p;
    expect(o?.error?.message).toContain("not delivered");
    expect((await s.submit([ack("y")]))[0]?.error?.kind).toBe("unavailable");
  });

  test("a non-retryable failure of the whole call settles the batch with that error", async () => {
    const s = sender(async () => {
      throw new Error("INVALID_ARGUMENT: bad");
    });
    const [o] = await s.submit([ack("z")]);
    expect(o?.error?.message).toContain("INVALID_ARGUMENT: bad");
    s.close();
  });
});

describe("backoffDelayMs", () => {
  test("full jitter under a doubling cap", () => {
    const p = { baseMs: 100, maxMs: 5000 };
    expect(backoffDelayMs(0, p, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, p, () => 0.5)).toBe(400);
    expect(backoffDelayMs(40, p, () => 0.999)).toBe(4995);
    expect(backoffDelayMs(5, p, () => 0)).toBe(0);
  });
});
