// A job becomes leasable only once its submit record is durable (DESIGN §3.2):
// a real Broker over a MemoryJournal whose sync the test holds, as a group
// commit waiting on a slow fdatasync would.

import { describe, expect, test } from "bun:test";
import { JobManager, JobStatus, type Lease } from "../../src/core/index.ts";
import { Broker } from "../../src/master/broker.ts";
import { MemoryJournal } from "../../src/storage/index.ts";
import { waitFor } from "../helpers/wait.ts";

/** A journal whose sync() does not resolve while held, like a group commit stuck in fdatasync. */
class HeldJournal extends MemoryJournal {
  private waiting: (() => void)[] | undefined;

  hold(): void {
    this.waiting = [];
  }

  release(): void {
    const w = this.waiting ?? [];
    this.waiting = undefined;
    for (const resolve of w) resolve();
  }

  override sync(): Promise<void> {
    const w = this.waiting;
    if (w === undefined) return super.sync();
    return new Promise<void>((resolve) => w.push(resolve)).then(() => super.sync());
  }
}

/** Turns of the event loop, so anything already queued (microtasks, timers at 0) has run. */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

function start(): { broker: Broker; journal: HeldJournal; manager: JobManager; [Symbol.dispose](): void } {
  const journal = new HeldJournal();
  const manager = new JobManager({ sink: journal });
  const broker = new Broker({ manager, journal });
  broker.start();
  return { broker, journal, manager, [Symbol.dispose]: () => broker.close() };
}

describe("leases wait for the submit to be durable", () => {
  test("a parked poll does not get a job while its submit waits for the sync, and gets it right after", async () => {
    using m = start();
    const { workerId } = m.broker.register({ types: ["t"], concurrency: 1 });
    let got: Lease[] | undefined;
    const parked = m.broker.poll(workerId, 1, 10_000).then((l) => (got = l));

    m.journal.hold();
    let answered = false;
    const submitted = m.broker.submit([{ type: "t" }]).then((r) => {
      answered = true;
      return r;
    });
    await settle();
    // Applied in memory and PENDING, but not durable: nobody may lease it yet.
    const id = m.manager.list().jobs[0]?.id as string;
    expect(m.broker.get(id).status).toBe(JobStatus.Pending);
    expect(answered).toBe(false);
    expect(got).toBeUndefined();
    expect(m.manager.hasReady(["default"])).toBe(false);
    m.broker.register({ types: ["t"], concurrency: 1, workerId: "other" });
    expect(await m.broker.poll("other", 1, 0)).toEqual([]);

    m.journal.release();
    const [r] = await submitted;
    await parked;
    expect(r?.job.id).toBe(id);
    expect(got?.map((l) => l.job.id)).toEqual([id]);
  });

  test("a submit that is durable at once is handed to the parked poll at once", async () => {
    using m = start();
    const { workerId } = m.broker.register({ types: ["t"], concurrency: 1 });
    const parked = m.broker.poll(workerId, 2, 10_000);
    const [r] = await m.broker.submit([{ type: "t" }]);
    expect((await parked).map((l) => l.job.id)).toEqual([r?.job.id as string]);
  });

  test("a later submit's sync also makes earlier jobs leasable; the mark never goes back", async () => {
    using m = start();
    const { workerId } = m.broker.register({ types: ["t"], concurrency: 5 });
    m.journal.hold();
    const first = m.broker.submit([{ type: "t" }, { type: "t" }]);
    const second = m.broker.submit([{ type: "t" }]);
    await settle();
    expect(await m.broker.poll(workerId, 5, 0)).toEqual([]);
    m.journal.release();
    const ids = [...(await first), ...(await second)].map((x) => x.job.id);
    await waitFor(() => m.manager.durableJobId === ids[2], 2000, "the durable mark to reach the last job");
    expect((await m.broker.poll(workerId, 5, 0)).map((l) => l.job.id)).toEqual(ids);
  });
});
