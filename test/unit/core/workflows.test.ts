// Dependencies, flows and batches in the core (docs/workflows.md): each
// dependency outcome and policy, flows accepted or refused whole, batches
// that fire exactly once, and replay/restore equality.

import { describe, expect, test } from "bun:test";
import { JobManager, JobStatus, restore } from "../../../src/core/index.ts";
import type { FlowNode } from "../../../src/core/workflows.ts";
import {
  bytes,
  cloneJob,
  expectDomainError,
  Harness,
  replay,
  summarize,
} from "../../helpers/core.ts";

const S = JobStatus;

/** Leases the job with this id (only it may be ready of its type) and completes or fails it. */
function run(h: Harness, id: string, ok = true, result?: string): void {
  const ls = h.m.poll({
    workerId: "w",
    queues: ["default", "other"],
    count: 1000,
  });
  const l = ls.find((x) => x.job.id === id);
  if (l === undefined) throw new Error(`job ${id} is not ready`);
  h.m.returnLeases(ls.filter((x) => x !== l));
  if (ok)
    h.m.complete(id, l.token, result === undefined ? undefined : bytes(result));
  else h.m.fail(id, l.token, "boom", false);
}

const status = (h: Harness, id: string) => h.m.get(id).status;

describe("dependencies", () => {
  test("a job waits until all its dependencies completed, then becomes pending", () => {
    const h = new Harness();
    const a = h.submit("a");
    const b = h.submit("b");
    const c = h.submit("c", { dependsOn: [a.id, b.id] });
    expect(c.status).toBe(S.Waiting);
    expect(h.m.get(c.id).dependenciesUnfinished).toBe(2);
    run(h, a.id);
    expect(status(h, c.id)).toBe(S.Waiting);
    expect(h.m.get(c.id).dependenciesUnfinished).toBe(1);
    run(h, b.id);
    expect(status(h, c.id)).toBe(S.Pending);
    expect(h.m.stats().find((q) => q.queue === "default")).toBeDefined();
  });

  test("a delayed dependent becomes scheduled when woken before its run_at", () => {
    const h = new Harness();
    const a = h.submit("a");
    const c = h.submit("c", { dependsOn: [a.id], delayMs: 5000 });
    run(h, a.id);
    expect(status(h, c.id)).toBe(S.Scheduled);
  });

  test("policy fail (default): a failed dependency fails the dependent, naming it", () => {
    const h = new Harness();
    const a = h.submit("resize");
    const c = h.submit("c", { dependsOn: [a.id] });
    run(h, a.id, false);
    const v = h.m.get(c.id);
    expect(v.status).toBe(S.Failed);
    expect(v.error).toBe(`dependency ${a.id} (resize) failed`);
  });

  test("policy cancel: a cancelled dependency cancels the dependent", () => {
    const h = new Harness();
    const a = h.submit("a");
    const c = h.submit("c", {
      dependsOn: [a.id],
      onDependencyFailure: "cancel",
    });
    h.m.cancel(a.id);
    expect(status(h, c.id)).toBe(S.Cancelled);
    expect(h.m.get(c.id).error).toContain("cancelled");
  });

  test("policy run_anyway: the dependent runs once every dependency finished, however", () => {
    const h = new Harness();
    const a = h.submit("a");
    const b = h.submit("b");
    const c = h.submit("c", {
      dependsOn: [a.id, b.id],
      onDependencyFailure: "run_anyway",
    });
    run(h, a.id, false);
    expect(status(h, c.id)).toBe(S.Waiting);
    run(h, b.id);
    expect(status(h, c.id)).toBe(S.Pending);
  });

  test("failure cascades down a chain without recursion", () => {
    const h = new Harness();
    const first = h.submit("a");
    let prev = first.id;
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      prev = h.submit("x", { dependsOn: [prev] }).id;
      ids.push(prev);
    }
    run(h, first.id, false);
    expect(ids.every((id) => status(h, id) === S.Failed)).toBe(true);
    expect(h.m.get(ids[4999] as string).error).toContain(ids[4998] as string);
  });

  test("already-finished dependencies count at once", () => {
    const h = new Harness();
    const a = h.submit("a");
    run(h, a.id);
    const b = h.submit("b");
    run(h, b.id, false);
    expect(h.submit("c", { dependsOn: [a.id] }).status).toBe(S.Pending);
    const d = h.submit("d", { dependsOn: [a.id, b.id] });
    expect(d.status).toBe(S.Failed);
    expect(h.m.get(d.id).error).toContain(b.id);
    expect(
      h.submit("e", { dependsOn: [b.id], onDependencyFailure: "run_anyway" })
        .status,
    ).toBe(S.Pending);
  });

  test("unknown or repeated dependency ids are INVALID_ARGUMENT and nothing is added", () => {
    const h = new Harness();
    const a = h.submit("a");
    const n = h.records.length;
    expectDomainError(
      () =>
        h.m.submitMany([
          { type: "x" },
          { type: "c", dependsOn: [a.id, "nope"] },
        ]),
      "invalid_argument",
      'jobs[1].options.depends_on[1]: job "nope" not found',
    );
    expectDomainError(
      () => h.submit("c", { dependsOn: [a.id, a.id] }),
      "invalid_argument",
      "twice",
    );
    expectDomainError(
      () =>
        h.submit("c", {
          dependsOn: [a.id],
          onDependencyFailure: "maybe" as never,
        }),
      "invalid_argument",
      "on_dependency_failure",
    );
    expectDomainError(
      () => h.submit("c", { dependsOn: [a.id], debounce: { key: "k" } }),
      "invalid_argument",
      "debounce_key",
    );
    expect(h.records.length).toBe(n);
  });

  test("dependency limits: fan-in and fan-out", () => {
    const h = new Harness({ limits: { dependenciesMax: 2, dependentsMax: 2 } });
    const a = h.submit("a");
    const b = h.submit("b");
    const c = h.submit("c");
    expectDomainError(
      () => h.submit("x", { dependsOn: [a.id, b.id, c.id] }),
      "invalid_argument",
      "limit is 2",
    );
    h.submit("x", { dependsOn: [a.id] });
    h.submit("x", { dependsOn: [a.id] });
    expectDomainError(
      () => h.submit("x", { dependsOn: [a.id] }),
      "resource_exhausted",
      "waiting dependents",
    );
  });

  test("an operator may cancel a waiting job; deleting a dependency ends its dependents by policy", () => {
    const h = new Harness();
    const a = h.submit("a");
    const c = h.submit("c", { dependsOn: [a.id] });
    h.m.cancel(c.id);
    expect(status(h, c.id)).toBe(S.Cancelled);
    const d = h.submit("d", { dependsOn: [a.id] });
    h.m.delete(a.id);
    expect(status(h, d.id)).toBe(S.Failed);
    expect(h.m.get(d.id).error).toBe(`dependency ${a.id} (a) was deleted`);
  });

  test("a finished job wakes exactly its dependents", () => {
    const h = new Harness();
    const a = h.submit("a");
    const other = h.submit("o");
    const mine = [
      h.submit("x", { dependsOn: [a.id] }).id,
      h.submit("x", { dependsOn: [a.id] }).id,
    ];
    const theirs = h.submit("y", { dependsOn: [other.id] }).id;
    const [l] = h.poll("w", 1, ["default"], ["a"]);
    const changed: string[] = [];
    h.m.setObserver((j) => changed.push(j.id));
    h.m.complete(a.id, l?.token as string);
    expect(changed.filter((id) => id !== a.id).sort()).toEqual(mine);
    expect(status(h, theirs)).toBe(S.Waiting);
  });

  test("a retried dependency wakes only dependents that joined after the retry", () => {
    const h = new Harness();
    const a = h.submit("a");
    const c = h.submit("c", {
      dependsOn: [a.id],
      onDependencyFailure: "run_anyway",
    });
    const d = h.submit("d", { dependsOn: [a.id, c.id] });
    run(h, a.id, false);
    expect(status(h, c.id)).toBe(S.Pending);
    h.m.retry(a.id);
    const e = h.submit("e", { dependsOn: [a.id] });
    run(h, a.id);
    expect(status(h, e.id)).toBe(S.Pending);
    expect(h.m.get(d.id).status).toBe(S.Failed); // failed by a's first outcome, not revived
  });
});

const tree = (n: number): FlowNode => ({
  type: "parent",
  payload: bytes("p"),
  children: Array.from({ length: n }, (_, i) => ({
    type: "child",
    payload: bytes(`c${i}`),
  })),
});

describe("flows", () => {
  test("a parent runs after all its children; parent_id and flow_id link the tree", () => {
    const h = new Harness();
    const f = h.m.submitFlow({
      type: "root",
      children: [{ type: "a", children: [{ type: "a1" }] }, { type: "b" }],
    });
    expect(h.kinds()).toEqual(["flowSubmitted"]);
    const [root, a, a1, b] = f.jobs as [
      (typeof f.jobs)[0],
      (typeof f.jobs)[0],
      (typeof f.jobs)[0],
      (typeof f.jobs)[0],
    ];
    expect(f.flowId).toBe(root.id);
    expect([root.type, a.type, a1.type, b.type]).toEqual([
      "root",
      "a",
      "a1",
      "b",
    ]);
    expect(root.dependsOn).toEqual([a.id, b.id]);
    expect(a.parentId).toBe(root.id);
    expect(a1.parentId).toBe(a.id);
    expect(f.jobs.every((j) => j.flowId === root.id)).toBe(true);
    expect([a1.status, b.status, a.status, root.status]).toEqual([
      S.Pending,
      S.Pending,
      S.Waiting,
      S.Waiting,
    ]);
    expect(a1.id < a.id && a.id < root.id && b.id < root.id).toBe(true);
    const order: string[] = [];
    for (;;) {
      const [l] = h.poll("w", 1);
      if (l === undefined) break;
      order.push(l.job.type);
      h.m.complete(l.job.id, l.token);
    }
    expect(order.indexOf("root")).toBe(3);
    expect(order.indexOf("a")).toBeGreaterThan(order.indexOf("a1"));
  });

  test("refs make a DAG; a child's queue defaults to its parent's", () => {
    const h = new Harness();
    const f = h.m.submitFlow({
      type: "root",
      queue: "other",
      children: [
        { type: "a", ref: "a" },
        { type: "b", dependsOnRefs: ["a"] },
      ],
    });
    const [, a, b] = f.jobs;
    expect(b?.dependsOn).toEqual([a?.id as string]);
    expect(f.jobs.every((j) => j.queue === "other")).toBe(true);
    expect(b?.status).toBe(S.Waiting);
  });

  test("a cycle is refused naming it, and nothing is appended", () => {
    const h = new Harness();
    expectDomainError(
      () =>
        h.m.submitFlow({
          type: "r",
          children: [
            { type: "a", ref: "a", dependsOnRefs: ["b"] },
            { type: "b", ref: "b", dependsOnRefs: ["a"] },
          ],
        }),
      "invalid_argument",
      'flow has a dependency cycle: "a" (root.children[0]) -> "b" (root.children[1]) -> "a" (root.children[0])',
    );
    expectDomainError(
      () =>
        h.m.submitFlow({
          type: "r",
          ref: "r",
          children: [{ type: "a", dependsOnRefs: ["r"] }],
        }),
      "invalid_argument",
      "cycle",
    );
    expect(h.records.length).toBe(0);
  });

  test("all or nothing: one bad node, an unknown ref, a duplicate ref or a size past the limit refuses the flow", () => {
    const h = new Harness({ limits: { flowJobsMax: 5, flowDepthMax: 3 } });
    expectDomainError(
      () =>
        h.m.submitFlow({
          type: "r",
          children: [{ type: "ok" }, { type: "bad type!" }],
        }),
      "invalid_argument",
      "root.children[1].type",
    );
    expectDomainError(
      () =>
        h.m.submitFlow({
          type: "r",
          children: [{ type: "a", dependsOnRefs: ["zz"] }],
        }),
      "invalid_argument",
      'no node of the flow has ref "zz"',
    );
    expectDomainError(
      () =>
        h.m.submitFlow({
          type: "r",
          ref: "x",
          children: [{ type: "a", ref: "x" }],
        }),
      "invalid_argument",
      "also the ref of root",
    );
    expectDomainError(
      () => h.m.submitFlow(tree(5)),
      "invalid_argument",
      "more than 5 jobs",
    );
    expectDomainError(
      () =>
        h.m.submitFlow({
          type: "a",
          children: [
            { type: "b", children: [{ type: "c", children: [{ type: "d" }] }] },
          ],
        }),
      "invalid_argument",
      "deeper than 3",
    );
    expectDomainError(
      () =>
        h.m.submitFlow({
          type: "r",
          children: [{ type: "a", idempotencyKey: "k" }],
        }),
      "invalid_argument",
      "idempotency_key but on the root",
    );
    expectDomainError(
      () => h.m.submitFlow({ type: "r", dependsOn: ["missing"] }),
      "invalid_argument",
      "not found",
    );
    expect(h.records.length).toBe(0);
    expect(h.m.jobCount()).toBe(0);
    expect(h.m.submitFlow(tree(4)).jobs.length).toBe(5);
  });

  test("the root's idempotency key makes a retried flow a duplicate that adds nothing", () => {
    const h = new Harness();
    const f = h.m.submitFlow({
      type: "r",
      idempotencyKey: "flow-1",
      children: [{ type: "a" }],
    });
    const again = h.m.submitFlow({
      type: "r",
      idempotencyKey: "flow-1",
      children: [{ type: "a" }, { type: "b" }],
    });
    expect(again).toMatchObject({ flowId: f.flowId, duplicate: true });
    expect(again.jobs.map((j) => j.id)).toEqual([f.flowId]);
    expect(h.m.jobCount()).toBe(2);
  });

  test("a failing child fails the parent, whose own parent fails in turn", () => {
    const h = new Harness();
    const f = h.m.submitFlow({
      type: "root",
      children: [{ type: "mid", children: [{ type: "leaf" }] }],
    });
    const [root, mid, leaf] = f.jobs;
    run(h, leaf?.id as string, false);
    expect(status(h, mid?.id as string)).toBe(S.Failed);
    expect(status(h, root?.id as string)).toBe(S.Failed);
    expect(h.m.get(root?.id as string).error).toContain(mid?.id as string);
  });
});

describe("batches", () => {
  function batchHistory(fail: boolean) {
    const h = new Harness();
    const b = h.m.createBatch({
      onComplete: { type: "done", metadata: { k: "v" } },
      onSuccess: { type: "ok", queue: "other" },
      description: "nightly",
    });
    const j1 = h.submit("x", { batchId: b.id });
    const j2 = h.submit("x", { batchId: b.id });
    return { h, b, j1, j2, fail };
  }

  test("fires on_complete and on_success once when closed and every job completed", () => {
    const { h, b, j1, j2 } = batchHistory(false);
    run(h, j1.id);
    expect(h.m.closeBatch(b.id).closed).toBe(true);
    expect(h.m.getBatch(b.id).firedAt).toBe(0);
    run(h, j2.id);
    const v = h.m.getBatch(b.id);
    expect(v).toMatchObject({
      total: 2,
      completed: 2,
      failed: 0,
      cancelled: 0,
      unfinished: 0,
      description: "nightly",
    });
    expect(v.firedAt).toBeGreaterThan(0);
    expect(h.kinds().filter((k) => k === "batchFired").length).toBe(1);
    const done = h.m.get(v.onCompleteJobId);
    expect(done.type).toBe("done");
    expect(done.metadata).toEqual({
      k: "v",
      batch_id: b.id,
      batch_total: "2",
      batch_completed: "2",
      batch_failed: "0",
      batch_cancelled: "0",
    });
    expect(h.m.get(v.onSuccessJobId)).toMatchObject({
      type: "ok",
      queue: "other",
      status: S.Pending,
    });
    h.m.closeBatch(b.id);
    h.m.tick();
    expect(h.kinds().filter((k) => k === "batchFired").length).toBe(1);
  });

  test("on_success does not fire when a job failed; on_complete carries the counts", () => {
    const { h, b, j1, j2 } = batchHistory(true);
    run(h, j1.id, false);
    h.m.cancel(j2.id);
    h.m.closeBatch(b.id); // already all finished: fires in this call
    const v = h.m.getBatch(b.id);
    expect(v.onSuccessJobId).toBe("");
    expect(h.m.get(v.onCompleteJobId).metadata).toMatchObject({
      batch_failed: "1",
      batch_cancelled: "1",
      batch_completed: "0",
    });
  });

  test("closed batches take no jobs; unknown ones are NOT_FOUND; open batches are bounded", () => {
    const h = new Harness({ limits: { batchesOpenMax: 1 } });
    const b = h.m.createBatch({});
    expectDomainError(
      () => h.m.createBatch({}),
      "resource_exhausted",
      "limit is 1",
    );
    h.m.closeBatch(b.id);
    expectDomainError(
      () => h.submit("x", { batchId: b.id }),
      "failed_precondition",
      "closed",
    );
    expectDomainError(
      () => h.submit("x", { batchId: "nope" }),
      "not_found",
      "batch",
    );
    expect(h.m.getBatch(b.id).firedAt).toBeGreaterThan(0); // empty and closed: fired at once
    h.m.createBatch({}); // a fired batch no longer counts as open
  });

  test("a crash between the last job's record and batch_fired: the restarted manager fires once", () => {
    const { h, b, j1, j2 } = batchHistory(false);
    h.m.closeBatch(b.id);
    run(h, j1.id);
    run(h, j2.id);
    const fired = h.records.findIndex((r) => r.kind === "batchFired");
    const before = h.records.slice(0, fired); // the crash lost batch_fired
    const state = replay(before);
    expect(state.batchesDue.size).toBe(1);
    const m2 = new JobManager({
      clock: () => h.now + 10,
      state,
      records: undefined,
    } as never);
    expect(m2.nextWakeAt()).toBeLessThanOrEqual(h.now + 10);
    expect(m2.tick()).toBeGreaterThanOrEqual(1);
    expect(m2.getBatch(b.id).onCompleteJobId).not.toBe("");
    expect(m2.tick()).toBe(0);
    // Replaying through batch_fired leaves nothing due: the record fired it.
    expect(replay(h.records).batchesDue.size).toBe(0);
  });

  test("a retried batch job is no longer counted until it finishes again", () => {
    const { h, b, j1, j2 } = batchHistory(false);
    run(h, j1.id, false);
    h.m.retry(j1.id);
    expect(h.m.getBatch(b.id)).toMatchObject({ failed: 0, unfinished: 2 });
    h.m.closeBatch(b.id);
    run(h, j1.id);
    run(h, j2.id);
    expect(h.m.getBatch(b.id).onSuccessJobId).not.toBe("");
  });
});

/** Every workflow record kind, with jobs left waiting, woken, failed by policy and fired batches. */
function workflowHistory(): Harness {
  const h = new Harness({ limits: { batchesKeptMax: 1 } });
  const a = h.submit("a", { payload: bytes("A") });
  const w = h.submit("w", { dependsOn: [a.id], delayMs: 100 });
  h.submit("w2", { dependsOn: [a.id, w.id], onDependencyFailure: "cancel" });
  const f = h.m.submitFlow({
    type: "root",
    children: [
      { type: "k1", ref: "k1" },
      { type: "k2", dependsOnRefs: ["k1"] },
      { type: "k3" },
    ],
  });
  const b1 = h.m.createBatch({ onComplete: { type: "done" } });
  const b2 = h.m.createBatch({ onSuccess: { type: "ok", delayMs: 50 } });
  const x1 = h.submit("x", { batchId: b1.id });
  h.submit("x", { batchId: b2.id, dependsOn: [a.id] });
  h.m.closeBatch(b1.id);
  h.advance(10);
  run(h, a.id, true, "ra");
  run(h, x1.id); // b1 fires
  run(h, f.jobs[1]?.id as string, false); // k1 fails: k2 and root fail
  h.m.closeBatch(b2.id);
  h.advance(200);
  h.m.tick();
  for (const l of h.m.poll({ workerId: "w9", queues: ["default"], count: 100 }))
    h.m.complete(l.job.id, l.token); // b2 fires, b1 is dropped
  h.submit("late", { dependsOn: [f.jobs[3]?.id as string] });
  const z = h.submit("z", { queue: "other" });
  h.submit("late2", { dependsOn: [z.id] });
  return h;
}

describe("replay and restore", () => {
  test("replaying the records gives the same jobs, dependency index and batches", () => {
    const h = workflowHistory();
    const kinds = new Set(h.kinds());
    for (const k of [
      "flowSubmitted",
      "batchCreated",
      "batchClosed",
      "batchFired",
    ])
      expect(kinds.has(k)).toBe(true);
    const live = summarize(h.m.state);
    expect(live.batches.length).toBe(1); // batchesKeptMax 1: the older fired batch was dropped
    expect(live.jobs.some((j) => j.status === S.Waiting)).toBe(true);
    expect(summarize(replay(h.records))).toEqual(live);
  });

  test("a restore from job and batch copies rebuilds the dependency index", () => {
    const h = workflowHistory();
    const s = replay([]);
    restore(
      s,
      [...h.m.state.jobs.values()].map(cloneJob).reverse(),
      [],
      [],
      [],
      undefined,
      [],
      [...h.m.state.batches.values()],
    );
    const live = summarize(h.m.state);
    const back = summarize(s);
    expect([back.waiting, back.dependents, back.batches, back.due]).toEqual([
      live.waiting,
      live.dependents,
      live.batches,
      live.due,
    ]);
  });
});

describe("10,000-job fan-in and fan-out", () => {
  test("one parent over 10,000 children: submit in one record, each child's completion costs O(1), the last one wakes the parent", () => {
    const h = new Harness();
    const t0 = performance.now();
    const f = h.m.submitFlow({
      type: "merge",
      children: Array.from({ length: 10_000 }, (_, i) => ({
        type: "part",
        payload: bytes(String(i)),
      })),
    });
    const submitMs = performance.now() - t0;
    expect(h.kinds()).toEqual(["flowSubmitted"]);
    const parent = h.m.state.jobs.get(f.flowId);
    expect(parent?.links?.waitingOn).toBe(10_000);
    const leases = h.m.poll({
      workerId: "w",
      queues: ["default"],
      count: 1000,
      types: ["part"],
    });
    let changes = 0;
    h.m.setObserver(() => changes++);
    const t1 = performance.now();
    let done = 0;
    for (
      let batch = leases;
      batch.length > 0;
      batch = h.m.poll({
        workerId: "w",
        queues: ["default"],
        count: 1000,
        types: ["part"],
      })
    ) {
      for (const l of batch) {
        h.m.complete(l.job.id, l.token);
        done++;
        if (done < 10_000) expect(parent?.status).toBe(S.Waiting);
      }
    }
    const completeMs = performance.now() - t1;
    expect(done).toBe(10_000);
    expect(parent?.status).toBe(S.Pending);
    // Every completion noted one change (the child), the last one two (the child and the woken parent): no scan.
    expect(changes).toBe(9_000 + 10_001); // 9,000 leases after the first poll, 10,000 completions, 1 wake
    console.log(
      `fan-in 10,000: submitFlow ${submitMs.toFixed(0)} ms, 10,000 completions with wakes ${completeMs.toFixed(0)} ms`,
    );
    expect(summarize(replay(h.records))).toEqual(summarize(h.m.state));
  });

  test("one job with 10,000 dependents wakes them all in its completion record", () => {
    const h = new Harness();
    const a = h.submit("a");
    h.m.submitMany(
      Array.from({ length: 10_000 }, () => ({ type: "d", dependsOn: [a.id] })),
    );
    const [l] = h.poll("w", 1, ["default"], ["a"]);
    const t0 = performance.now();
    h.m.complete(a.id, l?.token as string);
    const ms = performance.now() - t0;
    expect(h.m.state.queue("default").counts[S.Pending]).toBe(10_000);
    expect(h.m.state.jobs.get(a.id)?.dependents).toBeUndefined();
    console.log(
      `fan-out 10,000: the completion that wakes them ${ms.toFixed(1)} ms`,
    );
  });
});

describe("views", () => {
  test("a job's dependency ids count towards a list page's bytes, payloads or not", async () => {
    const { jobBytes } = await import("../../../src/core/views.ts");
    const h = new Harness();
    const f = h.m.submitFlow({
      type: "p",
      children: Array.from({ length: 1000 }, () => ({ type: "c" })),
    });
    expect(jobBytes(h.m.get(f.flowId), false)).toBeGreaterThan(1000 * 16);
  });
});
