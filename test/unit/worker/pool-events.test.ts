// What the pool reports through onEvent beyond job outcomes (those are covered
// end to end in test/integration/sdk-types.test.ts), over a scripted JobSource.

import { expect, test } from "bun:test";
import type { JobSource, Registration } from "../../../src/core/contract.ts";
import { type PoolEvent, WorkerPool } from "../../../src/worker/pool.ts";
import { waitFor } from "../../helpers/wait.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const registration: Registration = { workerId: "w-1", heartbeatIntervalMs: 60_000, leaseMs: 30_000, workerTimeoutMs: 60_000 };

/** A source whose first `pollFails` polls reject; later polls wait until close(). */
function scripted(pollFails: number) {
  const closed = Promise.withResolvers<void>();
  const registered = Promise.withResolvers<Registration>();
  let fails = pollFails;
  let polls = 0;
  const source: JobSource = {
    start: () => registered.promise,
    poll: async () => {
      polls++;
      if (fails-- > 0) throw new Error("master said no");
      await closed.promise;
      return [];
    },
    acknowledge: async (acks) => acks.map((a) => ({ jobId: a.jobId })),
    heartbeat: async () => ({ commands: [], lost: [], deadline: 0 }),
    progress: async () => {},
    close: async () => closed.resolve(),
  };
  return { source, registered, polls: () => polls };
}

test("a failed poll is an error event; the pool polls on and a throwing listener changes nothing", async () => {
  const s = scripted(1);
  const events: PoolEvent[] = [];
  const pool = new WorkerPool({
    source: s.source,
    concurrency: 1,
    builtins: true,
    log: quiet,
    onEvent: (e) => {
      events.push(e);
      throw new Error("listener bug");
    },
  });
  s.registered.resolve(registration);
  await pool.start();
  await waitFor(() => s.polls() >= 2, 5000, "a second poll after the failure");
  expect(events).toHaveLength(1);
  expect(events[0]?.kind).toBe("error");
  expect(events[0]?.kind === "error" && events[0].error.message).toBe("master said no");
  await pool.stop();
});

test("stop() while registering: start() rejects and the pool never polls", async () => {
  const s = scripted(0);
  const pool = new WorkerPool({ source: s.source, builtins: true, log: quiet });
  const starting = pool.start();
  const stopping = pool.stop();
  s.registered.resolve(registration);
  await expect(starting).rejects.toThrow("stopped while registering");
  await stopping;
  expect(s.polls()).toBe(0);
});
