import { describe, expect, test } from "bun:test";
import { Deque } from "../../../src/core/deque.ts";
import { IdOrder } from "../../../src/core/id-order.ts";
import { TimerHeap } from "../../../src/core/heap.ts";
import { Lane } from "../../../src/core/lane.ts";
import { defaultDefaults, Job, JobStatus } from "../../../src/core/index.ts";

function drainDeque<T>(d: Deque<T>): [T, number][] {
  const out: [T, number][] = [];
  while (d.length > 0) {
    out.push([d.peekItem() as T, d.peekStamp()]);
    d.shift();
  }
  return out;
}

describe("Deque", () => {
  test("empty: length 0, no item, stamp -1, shift is a no-op", () => {
    const d = new Deque<string>();
    expect(d.length).toBe(0);
    expect(d.peekItem()).toBeUndefined();
    expect(d.peekStamp()).toBe(-1);
    d.shift();
    expect(d.length).toBe(0);
  });

  test("FIFO with stamps, growing past the initial capacity", () => {
    const d = new Deque<number>();
    for (let i = 0; i < 100; i++) d.push(i, i * 10);
    expect(d.length).toBe(100);
    const out = drainDeque(d);
    expect(out.map(([v]) => v)).toEqual([...Array(100).keys()]);
    expect(out.map(([, s]) => s)).toEqual([...Array(100).keys()].map((i) => i * 10));
  });

  test("wrap-around: interleaved push and shift keep order, also across a grow", () => {
    const d = new Deque<number>();
    const model: number[] = [];
    let next = 0;
    // push 3, shift 2 for a while: the head walks around the ring and the ring grows while wrapped
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < 3; k++) {
        d.push(next, next);
        model.push(next++);
      }
      for (let k = 0; k < 2; k++) {
        expect(d.peekItem()).toBe(model[0] as number);
        expect(d.peekStamp()).toBe(model[0] as number);
        d.shift();
        model.shift();
      }
      expect(d.length).toBe(model.length);
    }
    expect(drainDeque(d).map(([v]) => v)).toEqual(model);
  });
});

describe("TimerHeap", () => {
  test("empty: +Infinity key, no item, stamp -1, pop is a no-op", () => {
    const h = new TimerHeap<string>();
    expect(h.peekKey()).toBe(Number.POSITIVE_INFINITY);
    expect(h.peekItem()).toBeUndefined();
    expect(h.peekStamp()).toBe(-1);
    h.pop();
    expect(h.length).toBe(0);
  });

  test("pops in key order, ties broken by stamp, whatever the push order", () => {
    const entries: [number, string, number][] = [];
    for (let i = 0; i < 200; i++) entries.push([(i * 7919) % 13, `item${i}`, (i * 104729) % 1009]);
    const h = new TimerHeap<string>();
    for (const [k, it, s] of entries) h.push(k, it, s);
    expect(h.length).toBe(200);
    const out: [number, string, number][] = [];
    while (h.length > 0) {
      out.push([h.peekKey(), h.peekItem() as string, h.peekStamp()]);
      h.pop();
    }
    const sorted = [...entries].sort((a, b) => a[0] - b[0] || a[2] - b[2]);
    expect(out).toEqual(sorted);
  });

  test("equal keys come out by stamp, not by push order", () => {
    const h = new TimerHeap<string>();
    h.push(5, "late", 30);
    h.push(5, "early", 10);
    h.push(5, "mid", 20);
    h.push(1, "first", 99);
    const out: string[] = [];
    while (h.length > 0) {
      out.push(h.peekItem() as string);
      h.pop();
    }
    expect(out).toEqual(["first", "early", "mid", "late"]);
  });

  test("pushes after pops keep the order", () => {
    const h = new TimerHeap<number>();
    h.push(10, 10, 1);
    h.push(30, 30, 2);
    h.pop();
    h.push(20, 20, 3);
    h.push(5, 5, 4);
    expect(h.peekKey()).toBe(5);
    h.pop();
    expect(h.peekKey()).toBe(20);
    h.pop();
    expect(h.peekKey()).toBe(30);
  });
});

let nextStamp = 0;
function job(id: string, priority = 0, type = "t"): Job {
  const j = new Job(id, "q", type, new Uint8Array(0), priority, 0, 0, {
    maxAttempts: defaultDefaults.maxAttempts,
    timeoutMs: 0,
    backoffBaseMs: 0,
    backoffMaxMs: 0,
    metadata: {},
    removeOnComplete: false,
    removeOnFail: false,
  });
  j.status = JobStatus.Pending;
  j.stamp = ++nextStamp;
  return j;
}

function drainLane(l: Lane): string[] {
  const out: string[] = [];
  for (let j = l.peek(); j !== undefined; j = l.peek()) {
    out.push(j.id);
    l.shift();
  }
  return out;
}

describe("Lane", () => {
  test("highest priority first, FIFO inside a priority", () => {
    const l = new Lane();
    for (const [id, p] of [
      ["a", 0],
      ["b", 5],
      ["c", -1],
      ["d", 5],
      ["e", 0],
      ["f", 7],
    ] as const) {
      l.push(job(id, p));
    }
    expect(drainLane(l)).toEqual(["f", "b", "d", "a", "e", "c"]);
    expect(l.peek()).toBeUndefined();
  });

  test("lazy deletion: entries of jobs no longer PENDING, or with a newer stamp, are skipped", () => {
    const l = new Lane();
    const a = job("a");
    const b = job("b");
    const c = job("c", 3);
    const d = job("d");
    for (const j of [a, b, c, d]) l.push(j);
    c.status = JobStatus.Cancelled; // cancelled while queued
    a.stamp = ++nextStamp; // re-queued elsewhere: this entry is stale
    expect(l.peek()?.id).toBe("b");
    // the stale entry of a is gone; pushing a again with its new stamp puts it at the back
    l.push(a);
    expect(drainLane(l)).toEqual(["b", "d", "a"]);
  });

  test("a bucket emptied by stale entries does not block lower priorities", () => {
    const l = new Lane();
    const hi = job("hi", 9);
    const lo = job("lo", 1);
    l.push(hi);
    l.push(lo);
    hi.status = JobStatus.Running;
    expect(l.peek()?.id).toBe("lo");
    // a new job at the dropped priority gets a fresh bucket in the right place
    l.push(job("hi2", 9));
    expect(drainLane(l)).toEqual(["hi2", "lo"]);
  });

  test("peek is stable until shift", () => {
    const l = new Lane();
    l.push(job("x"));
    l.push(job("y"));
    expect(l.peek()?.id).toBe("x");
    expect(l.peek()?.id).toBe("x");
    l.shift();
    expect(l.peek()?.id).toBe("y");
  });
});

describe("IdOrder", () => {
  const settings = { maxAttempts: 1, timeoutMs: 0, backoffBaseMs: 0, backoffMaxMs: 0, metadata: {}, removeOnComplete: false, removeOnFail: false };
  const job = (n: number) => new Job(n.toString(32).padStart(16, "0"), "q", "t", new Uint8Array(0), 0, 0, 0, settings);
  const after = (o: IdOrder, id: string, limit = Number.POSITIVE_INFINITY) => {
    const out: string[] = [];
    o.scanAfter(id, (j) => out.push(j.id) < limit);
    return out;
  };

  test("appends in id order, seeks after any id, present or not", () => {
    const o = new IdOrder();
    const jobs = Array.from({ length: 2000 }, (_, i) => job(2 * i + 2)); // even numbers only
    for (const j of jobs) o.add(j);
    expect(o.size).toBe(2000);
    expect(o.ids()).toEqual(jobs.map((j) => j.id));
    expect(after(o, "", 3)).toEqual(jobs.slice(0, 3).map((j) => j.id));
    for (const k of [0, 1, 511, 512, 513, 1023, 1999]) {
      const id = (jobs[k] as Job).id;
      expect(after(o, id, 2)).toEqual(jobs.slice(k + 1, k + 3).map((j) => j.id));
      const between = job(2 * k + 3).id; // an id that is not there
      expect(after(o, between, 1)).toEqual(jobs.slice(k + 1, k + 2).map((j) => j.id));
    }
    expect(after(o, (jobs[1999] as Job).id)).toEqual([]);
    expect(after(o, "zzzz")).toEqual([]);
  });

  test("removes from the front, the middle and the back; ignores jobs it does not hold", () => {
    const o = new IdOrder();
    const jobs = Array.from({ length: 3000 }, (_, i) => job(i + 1));
    for (const j of jobs) o.add(j);
    const gone = new Set<number>();
    for (let i = 0; i < 1200; i++) gone.add(i); // oldest first, as retention does
    for (let i = 1500; i < 3000; i += 3) gone.add(i); // and some in the middle
    gone.add(2999);
    for (const i of gone) o.remove(jobs[i] as Job);
    o.remove(job(99_999));
    o.remove(job(5)); // same id as a removed job, but another object
    const left = jobs.filter((_, i) => !gone.has(i)).map((j) => j.id);
    expect(o.size).toBe(left.length);
    expect(o.ids()).toEqual(left);
    expect(after(o, "")).toEqual(left);
    expect(after(o, (jobs[1600] as Job).id, 3)).toEqual(left.filter((id) => id > (jobs[1600] as Job).id).slice(0, 3));
    for (const j of jobs) o.remove(j);
    expect(o.size).toBe(0);
    expect(after(o, "")).toEqual([]);
    o.add(job(7));
    expect(o.ids()).toEqual([job(7).id]);
  });

  test("an id older than the newest is inserted in place", () => {
    const o = new IdOrder();
    const order = Array.from({ length: 1500 }, (_, i) => i + 1).sort((a, b) => ((a * 7919) % 1500) - ((b * 7919) % 1500));
    for (const n of order) o.add(job(n));
    expect(o.ids()).toEqual(Array.from({ length: 1500 }, (_, i) => job(i + 1).id));
  });
});
