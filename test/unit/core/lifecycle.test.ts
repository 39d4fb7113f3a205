import { describe, expect, test } from "bun:test";
import {
  apply,
  assertTransition,
  canTransition,
  isTerminal,
  JobTable,
  JobStatus,
  parseStatus,
  statusNames,
} from "../../../src/core/index.ts";
import { expectDomainError, Harness } from "../../helpers/core.ts";

const S = JobStatus;
const all = Object.values(JobStatus) as JobStatus[];
const name = (s: JobStatus) => statusNames[s];

/** DESIGN §2, written out independently of lifecycle.ts. */
const expected: Record<string, string[]> = {
  scheduled: ["pending", "cancelled"],
  pending: ["running", "cancelled", "scheduled"], // scheduled: a debounced submit pushed its start back
  running: ["completed", "failed", "scheduled", "pending", "cancelled"],
  completed: [],
  failed: ["pending"],
  cancelled: ["pending"],
  // docs/workflows.md: all dependencies completed (run_at decides), a dependency failed (policy), or an operator's cancel
  waiting: ["pending", "scheduled", "failed", "cancelled"],
};

describe("transition table", () => {
  const pairs = all.flatMap((from) => all.map((to) => [from, to] as const));

  test.each(pairs.filter(([f, t]) => expected[name(f)]?.includes(name(t))).map(([f, t]) => [name(f), name(t), f, t]))(
    "%s → %s is allowed",
    (_f, _t, from, to) => {
      expect(canTransition(from, to)).toBe(true);
      expect(() => assertTransition("j1", from, to)).not.toThrow();
    },
  );

  test.each(pairs.filter(([f, t]) => !expected[name(f)]?.includes(name(t))).map(([f, t]) => [name(f), name(t), f, t]))(
    "%s → %s is illegal",
    (f, t, from, to) => {
      expect(canTransition(from, to)).toBe(false);
      expectDomainError(() => assertTransition("j1", from, to), "failed_precondition", `job j1 is ${f}; it cannot become ${t}`);
    },
  );

  test("the table has 16 allowed and 33 illegal pairs", () => {
    expect(pairs.filter(([f, t]) => canTransition(f, t))).toHaveLength(16);
    expect(pairs.filter(([f, t]) => !canTransition(f, t))).toHaveLength(33);
  });

  test("an unknown status number is never a legal transition and is a typed error", () => {
    const bogus = 9 as JobStatus;
    expect(canTransition(bogus, S.Pending)).toBe(false);
    expect(canTransition(S.Pending, bogus)).toBe(false);
    expect(canTransition(0 as JobStatus, S.Pending)).toBe(false);
    expectDomainError(() => assertTransition("j1", bogus, S.Pending), "failed_precondition", "status 9");
    expectDomainError(() => assertTransition("j1", S.Pending, bogus), "failed_precondition", "status 9");
  });
});

describe("status helpers", () => {
  test("names round-trip and unknown names are undefined", () => {
    for (const s of all) expect(parseStatus(statusNames[s])).toBe(s);
    expect(parseStatus("bogus")).toBeUndefined();
    expect(parseStatus("")).toBeUndefined();
  });

  test("terminal states are COMPLETED, FAILED and CANCELLED", () => {
    expect(all.filter(isTerminal)).toEqual([S.Completed, S.Failed, S.Cancelled]);
  });
});

describe("the live path uses every allowed transition and no other", () => {
  test("observed transitions over a full scenario", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0, leaseMs: 100 } });
    const seen = new Set<string>();
    h.m.setObserver((job, from) => {
      if (from !== 0) {
        expect(canTransition(from, job.status)).toBe(true);
        seen.add(`${name(from)}>${name(job.status)}`);
      }
    });
    const delayed = h.submit("t", { delayMs: 10, maxAttempts: 3 });
    h.m.cancel(delayed.id); // scheduled > cancelled
    h.m.retry(delayed.id); // cancelled > pending
    h.m.cancel(h.submit("t").id); // pending > cancelled
    h.m.cancel(h.pollOne().job.id); // (delayed) pending > running > cancelled
    const j = h.submit("t", { maxAttempts: 2, backoffBaseMs: 1000 });
    h.m.fail(j.id, h.pollOne().token, "e"); // running > scheduled
    h.advance(1000);
    h.m.tick(); // scheduled > pending
    h.m.fail(j.id, h.pollOne().token, "e"); // running > failed
    h.m.retry(j.id); // failed > pending
    h.m.fail(j.id, h.pollOne().token, "e"); // running > scheduled again
    h.advance(1000);
    h.m.tick();
    h.m.complete(j.id, h.pollOne().token); // running > completed
    const k = h.submit("t", { backoffBaseMs: 0 });
    h.m.fail(k.id, h.pollOne().token, "e"); // running > pending
    h.m.complete(k.id, h.pollOne().token);
    h.submit("t", { debounce: { key: "d" } }); // pending, waiting under debounce key d
    h.submit("t", { debounce: { key: "d", delayMs: 50 } }); // debounced: pending > scheduled
    // Dependencies (docs/workflows.md): each way out of WAITING.
    const dep = h.submit("dep");
    const now = h.submit("w", { dependsOn: [dep.id] });
    const later = h.submit("w", { dependsOn: [dep.id], delayMs: 60_000 });
    h.m.cancel(h.submit("w", { dependsOn: [dep.id] }).id); // waiting > cancelled
    const [dl] = h.poll("w1", 1, ["default"], ["dep"]);
    h.m.complete(dep.id, dl?.token as string); // waiting > pending, waiting > scheduled
    expect([h.m.get(now.id).status, h.m.get(later.id).status]).toEqual([S.Pending, S.Scheduled]);
    const bad = h.submit("bad");
    const failing = h.submit("w", { dependsOn: [bad.id] });
    const [bl] = h.poll("w1", 1, ["default"], ["bad"]);
    h.m.fail(bad.id, bl?.token as string, "e", false); // waiting > failed
    expect(h.m.get(failing.id).status).toBe(S.Failed);
    const expectedPairs = Object.entries(expected).flatMap(([f, ts]) => ts.map((t) => `${f}>${t}`));
    expect([...seen].sort()).toEqual(expectedPairs.sort());
  });
});

describe("apply refuses records that do not fit the state", () => {
  function stateWithJob() {
    const h = new Harness();
    const j = h.submit("t");
    return { h, j, s: h.m.state };
  }

  test("a record naming an unknown job", () => {
    const s = new JobTable();
    expectDomainError(() => apply(s, { kind: "cancelled", jobId: "ghost", at: 1 }), "failed_precondition", "unknown job ghost");
  });

  test("an illegal transition, e.g. completing a PENDING job or retrying a COMPLETED one", () => {
    const { h, j, s } = stateWithJob();
    expectDomainError(
      () => apply(s, { kind: "completed", jobId: j.id, token: "", result: undefined, at: 1 }),
      "failed_precondition",
      "lease token the job does not hold",
    );
    const l = h.pollOne();
    expectDomainError(
      () => apply(s, { kind: "leased", jobId: j.id, token: "t2", workerId: "w", deadline: 9, attempt: 2, at: 1 }),
      "failed_precondition",
      "running; it cannot become running",
    );
    expectDomainError(
      () => apply(s, { kind: "attemptFailed", jobId: j.id, token: "wrong", error: "", at: 1, retryAt: 0 }),
      "failed_precondition",
      "lease token",
    );
    h.m.complete(j.id, l.token);
    expectDomainError(() => apply(s, { kind: "retried", jobId: j.id, at: 1 }), "failed_precondition", "completed; it cannot become pending");
    expectDomainError(() => apply(s, { kind: "cancelled", jobId: j.id, at: 1 }), "failed_precondition", "completed; it cannot become cancelled");
  });

  test("removing an unfinished job, or submitting an id twice", () => {
    const { h, j, s } = stateWithJob();
    expectDomainError(() => apply(s, { kind: "removed", jobIds: [j.id] }), "failed_precondition", "not finished");
    const dup = h.records[0];
    expect(dup?.kind).toBe("submitted");
    expectDomainError(() => apply(s, dup as never), "failed_precondition", "exists already");
  });
});
