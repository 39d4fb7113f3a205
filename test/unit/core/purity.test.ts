import { afterEach, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JobStatus } from "../../../src/core/index.ts";
import type { RecordKind } from "../../../src/core/records.ts";
import type { Job } from "../../../src/core/types.ts";
import { bytes, cloneJob, Harness, replay, summarize } from "../../helpers/core.ts";

const coreDir = join(import.meta.dir, "../../../src/core");

describe("the core reads time only from the injected clock", () => {
  const realNow = Date.now;
  const realRandom = Math.random;
  afterEach(() => {
    Date.now = realNow;
    Math.random = realRandom;
  });
  function forbidAmbientTime() {
    Date.now = () => {
      throw new Error("Date.now called");
    };
    Math.random = () => {
      throw new Error("Math.random called");
    };
  }

  test("a manager with clock and random injected never calls Date.now or Math.random", () => {
    const h = new Harness({ defaults: { leaseMs: 100, backoffBaseMs: 10 } });
    forbidAmbientTime();
    const j = h.submit("t", { delayMs: 5 });
    h.advance(5);
    h.m.tick();
    const l = h.pollOne();
    h.m.fail(j.id, l.token, "e");
    h.advance(10);
    h.m.tick();
    h.pollOne();
    h.advance(100);
    h.m.nextWakeAt();
    h.m.tick();
    expect(h.m.get(j.id).attempt).toBe(2);
  });

  test("apply() (replay) reads no clock and draws no random number", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 10 } });
    const j = h.submit("t");
    h.m.fail(j.id, h.pollOne().token, "e");
    h.m.cancel(h.submit("t").id);
    forbidAmbientTime();
    expect(summarize(replay(h.records))).toEqual(summarize(h.m.state));
  });

  test("src/core imports nothing outside itself and starts no timers", () => {
    for (const f of readdirSync(coreDir).filter((n) => n.endsWith(".ts"))) {
      const src = readFileSync(join(coreDir, f), "utf8");
      for (const m of src.matchAll(/from\s+"([^"]+)"/g)) expect(`${f}: ${m[1]}`).toMatch(/: \.\/[\w-]+\.ts$/);
      expect(src).not.toMatch(/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/);
    }
  });
});

describe("change hooks (copy-on-write for snapshots)", () => {
  test("every record announces each existing job before it changes it, and each new job after", () => {
    const h = new Harness({ defaults: { leaseMs: 50, backoffBaseMs: 0 }, retention: { completedCountMax: 0 } });
    const a = h.submit("t", { delayMs: 20 });
    const b = h.submit("t");
    const c = h.submit("t");
    const d = h.submit("t");
    const lb = h.pollOne(); // b runs
    h.m.fail(c.id, h.pollOne().token, "x", false); // c is dead

    const copied = new Map<string, Job>();
    const inserted: string[] = [];
    h.m.state.hooks = {
      beforeChange: (j) => {
        if (!copied.has(j.id)) copied.set(j.id, cloneJob(j));
      },
      inserted: (j) => inserted.push(j.id),
    };
    const freeze = (jobs: Iterable<Job>) => [...jobs].map((j) => ({ ...cloneJob(j), extra: j.extra && { ...j.extra } }));
    // Each step starts a new "snapshot": what it would write must equal the state before the step.
    const steps: [RecordKind, () => void][] = [
      ["progress", () => h.m.progress(b.id, lb.token, "half")],
      [
        "extended",
        () => {
          h.advance(1);
          h.heartbeat("w1", [b.id]);
        },
      ],
      [
        "promoted",
        () => {
          h.advance(20);
          h.m.tick();
        },
      ],
      ["leased", () => h.pollOne("w2")],
      ["completed", () => h.m.complete(d.id, h.token(d.id), bytes("r"))],
      ["removed", () => h.m.tick()],
      ["retried", () => h.m.retry(c.id)],
      ["cancelled", () => h.m.cancel(a.id)],
      [
        "attemptFailed",
        () => {
          h.advance(100);
          h.m.tick();
        },
      ],
      ["submitted", () => h.submit("t")],
    ];
    for (const [kind, step] of steps) {
      const before = new Map(h.m.state.jobs);
      const expected = freeze(before.values());
      copied.clear();
      inserted.length = 0;
      const n = h.records.length;
      step();
      expect(h.records.slice(n).map((r) => r.kind)).toContain(kind);
      const view = [...before.keys()].map((id) => copied.get(id) ?? (before.get(id) as Job));
      expect({ kind, jobs: freeze(view) }).toEqual({ kind, jobs: expected });
      expect(inserted).toHaveLength(kind === "submitted" ? 1 : 0);
    }
    expect(h.m.get(c.id).status).toBe(JobStatus.Pending);
    expect(h.m.state.jobs.has(d.id)).toBe(false);
  });
});
