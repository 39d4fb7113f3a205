// Schedules in the core (docs/schedules.md), with an injected clock: cron
// fields, time zones and DST as croner computes them, --every, missed
// windows, no-overlap, pause/resume/delete/trigger, limits, and replay and
// snapshot equality.

import { describe, expect, test } from "bun:test";
import { apply, restore } from "../../../src/core/apply.ts";
import type { ScheduleSpec } from "../../../src/core/schedule-commands.ts";
import { copySchedule, type Schedule } from "../../../src/core/schedules.ts";
import type { WalRecord } from "../../../src/core/records.ts";
import { JobTable } from "../../../src/core/state.ts";
import { JobStatus } from "../../../src/core/types.ts";
import { cronEngine } from "../../../src/master/cron.ts";
import { cloneJob, copyRecord, expectDomainError, Harness, replay, summarize } from "../../helpers/core.ts";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function harness(fromIso = "2026-01-01T00:00:00Z", limits = {}): Harness {
  const h = new Harness({ cron: cronEngine, limits });
  h.now = at(fromIso);
  return h;
}

function create(h: Harness, spec: Partial<ScheduleSpec> & { name?: string }): Schedule {
  return h.m.createSchedule({ name: "s", type: "t", ...spec } as ScheduleSpec);
}

type Fired = Extract<WalRecord, { kind: "scheduleFired" }>;
type Skipped = Extract<WalRecord, { kind: "scheduleSkipped" }>;
const fired = (h: Harness) => h.records.filter((r): r is Fired => r.kind === "scheduleFired");
const skipped = (h: Harness) => h.records.filter((r): r is Skipped => r.kind === "scheduleSkipped");

/** Moves the clock to each next tick in turn and runs the timer; returns the ticks fired, as ISO times. */
function runTicks(h: Harness, name: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = h.m.getSchedule(name).nextRunAt;
    expect(h.m.nextWakeAt()).toBe(next);
    h.now = next;
    const before = fired(h).length;
    h.m.tick();
    const f = fired(h).slice(before);
    expect(f).toHaveLength(1);
    out.push(iso((f[0] as Fired).tickAt));
  }
  return out;
}

function cronTicks(expr: string, tz: string, fromIso: string, n: number): string[] {
  const h = harness(fromIso);
  create(h, { cron: expr, timeZone: tz });
  return runTicks(h, "s", n);
}

describe("cron expressions (croner 11.0.1, 5 fields, or 6 with seconds first)", () => {
  test("every field: minute hour day-of-month month day-of-week", () => {
    expect(cronTicks("5 4 3 2 *", "UTC", "2026-01-01T00:00:00Z", 2)).toEqual(["2026-02-03T04:05:00.000Z", "2027-02-03T04:05:00.000Z"]);
    expect(cronTicks("0 0 * * SUN", "UTC", "2026-01-01T00:00:00Z", 2)).toEqual(["2026-01-04T00:00:00.000Z", "2026-01-11T00:00:00.000Z"]);
    expect(cronTicks("0 12 1 JAN,JUL *", "UTC", "2026-01-02T00:00:00Z", 2)).toEqual(["2026-07-01T12:00:00.000Z", "2027-01-01T12:00:00.000Z"]);
  });

  test("steps, ranges, stepped ranges and lists", () => {
    expect(cronTicks("*/15 * * * *", "UTC", "2026-01-01T00:07:00Z", 4)).toEqual([
      "2026-01-01T00:15:00.000Z",
      "2026-01-01T00:30:00.000Z",
      "2026-01-01T00:45:00.000Z",
      "2026-01-01T01:00:00.000Z",
    ]);
    expect(cronTicks("0 9-11 * * *", "UTC", "2026-01-01T00:00:00Z", 4)).toEqual([
      "2026-01-01T09:00:00.000Z",
      "2026-01-01T10:00:00.000Z",
      "2026-01-01T11:00:00.000Z",
      "2026-01-02T09:00:00.000Z",
    ]);
    expect(cronTicks("0 8-18/4 * * *", "UTC", "2026-01-01T00:00:00Z", 4)).toEqual([
      "2026-01-01T08:00:00.000Z",
      "2026-01-01T12:00:00.000Z",
      "2026-01-01T16:00:00.000Z",
      "2026-01-02T08:00:00.000Z",
    ]);
    expect(cronTicks("0 0 1,15 * *", "UTC", "2026-01-02T00:00:00Z", 3)).toEqual(["2026-01-15T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-02-15T00:00:00.000Z"]);
    expect(cronTicks("30 4 * * 1-5", "UTC", "2026-01-02T05:00:00Z", 3)).toEqual(["2026-01-05T04:30:00.000Z", "2026-01-06T04:30:00.000Z", "2026-01-07T04:30:00.000Z"]);
  });

  test("six fields: seconds first", () => {
    expect(cronTicks("*/20 * * * * *", "UTC", "2026-01-01T00:00:05Z", 3)).toEqual(["2026-01-01T00:00:20.000Z", "2026-01-01T00:00:40.000Z", "2026-01-01T00:01:00.000Z"]);
  });

  test("time zones: 09:00 local is 08:00Z in a Berlin winter, 07:00Z in its summer, 14:00Z in a New York winter", () => {
    expect(cronTicks("0 9 * * *", "Europe/Berlin", "2026-01-10T00:00:00Z", 1)).toEqual(["2026-01-10T08:00:00.000Z"]);
    expect(cronTicks("0 9 * * *", "Europe/Berlin", "2026-07-10T00:00:00Z", 1)).toEqual(["2026-07-10T07:00:00.000Z"]);
    expect(cronTicks("0 9 * * *", "America/New_York", "2026-01-10T00:00:00Z", 1)).toEqual(["2026-01-10T14:00:00.000Z"]);
  });

  // Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
  test("DST spring forward, Europe/Berlin: a fixed time in the gap runs at the gap's end once; interval ticks in the gap are skipped", () => {
    // 02:30 does not exist on 2026-03-29: it runs at 03:00 CEST (01:00Z), then 02:30 CEST (00:30Z) on later days.
    expect(cronTicks("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 3)).toEqual([
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
      "2026-03-31T00:30:00.000Z",
    ]);
    // Every 30 min: 01:30 CET (00:30Z), then 03:00 CEST (01:00Z); 02:00 and 02:30 local never happen.
    expect(cronTicks("*/30 * * * *", "Europe/Berlin", "2026-03-29T00:10:00Z", 3)).toEqual([
      "2026-03-29T00:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-29T01:30:00.000Z",
    ]);
  });

  test("DST fall back, Europe/Berlin: a fixed time in the repeated hour runs once (first pass); interval ticks run in both passes", () => {
    // 02:30 happens twice on 2026-10-25 (00:30Z CEST, 01:30Z CET): one job, at the first.
    expect(cronTicks("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
    // Every 30 min: 02:00 and 02:30 CEST, then 02:00 and 02:30 CET: four jobs an hour apart in real time.
    expect(cronTicks("*/30 * * * *", "Europe/Berlin", "2026-10-24T23:50:00Z", 5)).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T01:30:00.000Z",
      "2026-10-25T02:00:00.000Z",
    ]);
  });

  // New York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
  test("DST spring forward and fall back, America/New_York", () => {
    expect(cronTicks("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 3)).toEqual([
      "2026-03-08T07:00:00.000Z", // 03:00 EDT: 02:30 did not exist
      "2026-03-09T06:30:00.000Z",
      "2026-03-10T06:30:00.000Z",
    ]);
    expect(cronTicks("15 * * * *", "America/New_York", "2026-03-08T06:00:00Z", 3)).toEqual([
      "2026-03-08T06:15:00.000Z", // 01:15 EST
      "2026-03-08T07:15:00.000Z", // 03:15 EDT: 02:15 skipped
      "2026-03-08T08:15:00.000Z",
    ]);
    expect(cronTicks("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 2)).toEqual([
      "2026-11-01T05:30:00.000Z", // 01:30 EDT, the first pass; not again at 01:30 EST
      "2026-11-02T06:30:00.000Z",
    ]);
    expect(cronTicks("0 * * * *", "America/New_York", "2026-11-01T04:30:00Z", 3)).toEqual([
      "2026-11-01T05:00:00.000Z", // 01:00 EDT
      "2026-11-01T06:00:00.000Z", // 01:00 EST
      "2026-11-01T07:00:00.000Z", // 02:00 EST
    ]);
  });

  test("a bad expression or time zone is INVALID_ARGUMENT naming the expression; nothing is written", () => {
    const h = harness();
    expectDomainError(() => create(h, { cron: "61 * * * *" }), "invalid_argument", /schedule\.cron "61 \* \* \* \*".*minute/);
    expectDomainError(() => create(h, { cron: "* * *" }), "invalid_argument", /schedule\.cron "\* \* \*"/);
    expectDomainError(() => create(h, { cron: "0 9 * * *", timeZone: "Mars/Olympus" }), "invalid_argument", /"0 9 \* \* \*" in time zone "Mars\/Olympus".*unknown time zone/);
    expectDomainError(() => create(h, { cron: "0 0 30 2 *" }), "invalid_argument", /never fire/);
    expect(h.records).toHaveLength(0);
  });

  test("without a cron engine only --every schedules work", () => {
    const h = new Harness();
    expectDomainError(() => h.m.createSchedule({ name: "c", type: "t", cron: "* * * * *" }), "invalid_argument", /no cron engine/);
    expect(h.m.createSchedule({ name: "e", type: "t", everyMs: 1000 }).nextRunAt).toBe(h.now + 1000);
  });
});

describe("--every", () => {
  test("ticks at creation + k * every, each job tagged with its schedule and tick", () => {
    const h = harness("2026-01-01T00:00:00.250Z");
    const s = create(h, { everyMs: 30_000, queue: "q", priority: 4, maxAttempts: 2, payload: new Uint8Array([7]) });
    expect(s.nextRunAt).toBe(at("2026-01-01T00:00:30.250Z"));
    expect(runTicks(h, "s", 3)).toEqual(["2026-01-01T00:00:30.250Z", "2026-01-01T00:01:00.250Z", "2026-01-01T00:01:30.250Z"]);
    const job = h.m.get((fired(h)[0] as Fired).job.id);
    expect(job).toMatchObject({ queue: "q", type: "t", priority: 4, maxAttempts: 2, status: JobStatus.Pending, payload: new Uint8Array([7]) });
    expect(job.metadata).toEqual({ "falconq.schedule": "s", "falconq.tick": "2026-01-01T00:00:30.250Z" });
    expect(h.m.getSchedule("s")).toMatchObject({ firedTotal: 3, lastTickAt: at("2026-01-01T00:01:30.250Z"), lastJobId: (fired(h)[2] as Fired).job.id });
  });

  test("a tick run a little late (within scheduleLateMsMax, no later tick due) still fires as that tick; the next stays on the grid", () => {
    const h = harness();
    create(h, { everyMs: 10_000 });
    h.now += 10_000 + 3_000;
    h.m.tick();
    expect(fired(h).map((f) => [iso(f.tickAt), iso(f.at), iso(f.nextRunAt)])).toEqual([
      ["2026-01-01T00:00:10.000Z", "2026-01-01T00:00:13.000Z", "2026-01-01T00:00:20.000Z"],
    ]);
  });

  test("nothing is due before the tick: tick() writes nothing", () => {
    const h = harness();
    create(h, { everyMs: 5000 });
    h.now += 4999;
    expect(h.m.tick()).toBe(0);
    expect(h.kinds()).toEqual(["scheduleSet"]);
  });
});

describe("missed windows", () => {
  test("skip: ticks that passed while the master was down make no job; one skipped record; on to the first tick after now", () => {
    const h = harness();
    create(h, { everyMs: 60_000 });
    h.now += 10 * 60_000 + 5_000; // ten ticks passed
    h.m.tick();
    expect(fired(h)).toHaveLength(0);
    expect(skipped(h).map((r) => [r.reason, iso(r.tickAt), iso(r.nextRunAt)])).toEqual([[2, "2026-01-01T00:01:00.000Z", "2026-01-01T00:11:00.000Z"]]);
    expect(h.m.getSchedule("s")).toMatchObject({ skippedMissedTotal: 1, firedTotal: 0, nextRunAt: at("2026-01-01T00:11:00Z") });
    expect(h.m.jobCount()).toBe(0);
  });

  test("run-once: one job now for the whole window (standing for its first tick), never one per missed tick", () => {
    const h = harness();
    create(h, { everyMs: 60_000, missed: "run-once" });
    h.now += 10 * 60_000 + 5_000;
    h.m.tick();
    expect(fired(h).map((r) => [iso(r.tickAt), iso(r.at), iso(r.nextRunAt)])).toEqual([
      ["2026-01-01T00:01:00.000Z", "2026-01-01T00:10:05.000Z", "2026-01-01T00:11:00.000Z"],
    ]);
    expect(h.m.jobCount()).toBe(1);
    expect(h.m.tick()).toBe(0);
  });

  test("a single tick later than scheduleLateMsMax is a missed window too", () => {
    const h = harness("2026-01-01T00:00:00Z", { scheduleLateMsMax: 60_000 });
    create(h, { cron: "0 * * * *" });
    h.now = at("2026-01-01T01:01:00.001Z");
    h.m.tick();
    expect(skipped(h).map((r) => [r.reason, iso(r.tickAt), iso(r.nextRunAt)])).toEqual([[2, "2026-01-01T01:00:00.000Z", "2026-01-01T02:00:00.000Z"]]);
    const g = harness("2026-01-01T00:00:00Z", { scheduleLateMsMax: 60_000 });
    create(g, { cron: "0 * * * *" });
    g.now = at("2026-01-01T01:01:00Z"); // exactly at the bound: on time
    g.m.tick();
    expect(fired(g)).toHaveLength(1);
  });
});

describe("no-overlap", () => {
  test("a tick while the last job is unfinished is skipped and counted; once it finished, ticks fire again", () => {
    const h = harness();
    create(h, { everyMs: 1000, noOverlap: true });
    runTicks(h, "s", 1);
    h.now += 1000;
    h.m.tick(); // job 1 still pending
    expect(skipped(h).map((r) => r.reason)).toEqual([1]);
    const l = h.pollOne();
    h.now += 1000;
    h.m.tick(); // running
    expect(skipped(h).map((r) => r.reason)).toEqual([1, 1]);
    h.m.complete(l.job.id, l.token);
    h.now += 1000;
    h.m.tick();
    expect(fired(h)).toHaveLength(2);
    expect(h.m.getSchedule("s")).toMatchObject({ firedTotal: 2, skippedOverlapTotal: 2 });
  });

  test("without no-overlap jobs pile up, one per tick", () => {
    const h = harness();
    create(h, { everyMs: 1000 });
    runTicks(h, "s", 3);
    expect(h.m.stats()[0]?.pending).toBe(3);
  });

  test("a full queue skips the tick (counted) rather than failing the timer", () => {
    const h = harness("2026-01-01T00:00:00Z", { queueJobsMax: 1 });
    create(h, { everyMs: 1000 });
    runTicks(h, "s", 1);
    h.now += 1000;
    h.m.tick();
    expect(skipped(h).map((r) => r.reason)).toEqual([3]);
    expect(h.m.getSchedule("s").skippedFullTotal).toBe(1);
  });
});

describe("pause, resume, delete, trigger", () => {
  test("a paused schedule is not due; resume goes on from the next tick after now, making none up", () => {
    const h = harness();
    create(h, { everyMs: 1000 });
    h.m.pauseSchedule("s", true);
    expect(h.m.nextWakeAt()).toBe(Number.POSITIVE_INFINITY);
    h.now += 5500;
    expect(h.m.tick()).toBe(0);
    const s = h.m.pauseSchedule("s", false);
    expect(s).toMatchObject({ paused: false, nextRunAt: h.now + 500 });
    expect(h.m.nextWakeAt()).toBe(h.now + 500);
    expect(h.kinds()).toEqual(["scheduleSet", "schedulePaused", "schedulePaused"]);
    h.m.pauseSchedule("s", false); // no change, no record
    expect(h.records).toHaveLength(3);
  });

  test("create --paused, then resume", () => {
    const h = harness();
    expect(create(h, { everyMs: 1000, paused: true }).paused).toBe(true);
    expect(h.m.nextWakeAt()).toBe(Number.POSITIVE_INFINITY);
    h.m.pauseSchedule("s", false);
    expect(h.m.nextWakeAt()).toBe(h.now + 1000);
  });

  test("delete removes the schedule, not its jobs; later calls are NOT_FOUND", () => {
    const h = harness();
    create(h, { everyMs: 1000 });
    runTicks(h, "s", 1);
    expect(h.m.deleteSchedule("s").name).toBe("s");
    expect(h.m.nextWakeAt()).toBe(Number.POSITIVE_INFINITY);
    expect(h.m.jobCount()).toBe(1);
    expectDomainError(() => h.m.getSchedule("s"), "not_found", 'schedule "s" not found');
    expectDomainError(() => h.m.triggerSchedule("s"), "not_found", /not found/);
  });

  test("trigger creates a job now and leaves the next tick; with no-overlap it waits for the last job", () => {
    const h = harness();
    const s = create(h, { everyMs: 60_000, noOverlap: true });
    h.now += 5000;
    const t = h.m.triggerSchedule("s");
    expect(t.job.createdAt).toBe(h.now);
    expect(t.schedule).toMatchObject({ nextRunAt: s.nextRunAt, firedTotal: 1, lastJobId: t.job.id });
    expect(fired(h).map((r) => r.manual)).toEqual([true]);
    expectDomainError(() => h.m.triggerSchedule("s"), "failed_precondition", /no-overlap and its last job/);
  });

  test("a paused schedule can be triggered", () => {
    const h = harness();
    create(h, { everyMs: 60_000, paused: true });
    expect(h.m.triggerSchedule("s").job.type).toBe("t");
  });
});

describe("definition checks and limits", () => {
  test("each field is checked before the WAL, messages naming field and limit", () => {
    const h = harness("2026-01-01T00:00:00Z", { schedulesMax: 1 });
    expectDomainError(() => create(h, { name: "x".repeat(129), everyMs: 1000 }), "invalid_argument", "schedule.name is 129 bytes; the limit is 128 bytes");
    expectDomainError(() => create(h, { cron: `${"0 ".repeat(128)}*` }), "invalid_argument", "schedule.cron is 257 bytes; the limit is 256 bytes (cronBytesMax)");
    expectDomainError(() => create(h, { cron: "* * * * *", timeZone: "x".repeat(65) }), "invalid_argument", /time_zone is 65 bytes; the limit is 64/);
    expectDomainError(() => create(h, {}), "invalid_argument", "schedule: give exactly one of cron and every_ms");
    expectDomainError(() => create(h, { cron: "* * * * *", everyMs: 1000 }), "invalid_argument", /exactly one/);
    expectDomainError(() => create(h, { everyMs: 999 }), "invalid_argument", "schedule.every_ms is 999; it must be between 1000 and 31622400000");
    expectDomainError(() => create(h, { everyMs: 1000, timeZone: "UTC" }), "invalid_argument", /time_zone is for cron/);
    expectDomainError(() => create(h, { everyMs: 1000, missed: "all" as never }), "invalid_argument", /missed must be skip or run-once/);
    expectDomainError(() => create(h, { everyMs: 1000, type: "" }), "invalid_argument", "schedule.type must not be empty");
    expectDomainError(() => create(h, { everyMs: 1000, payload: new Uint8Array(64 * 1024 + 1) }), "invalid_argument", /payload is 65537 bytes; the limit is 65536/);
    expect(h.records).toHaveLength(0);
    create(h, { everyMs: 1000 });
    expectDomainError(() => create(h, { everyMs: 1000 }), "already_exists", /schedule "s" exists already/);
    expectDomainError(() => create(h, { name: "t", everyMs: 1000 }), "resource_exhausted", "1 schedules exist; the limit is 1 (schedulesMax)");
  });

  test("replace keeps counters and last job, and takes the new definition", () => {
    const h = harness();
    create(h, { everyMs: 1000 });
    runTicks(h, "s", 2);
    const r = h.m.createSchedule({ name: "s", type: "u", cron: "0 * * * *", timeZone: "Europe/Berlin" }, true);
    expect(r).toMatchObject({ type: "u", everyMs: 0, cron: "0 * * * *", firedTotal: 2, nextRunAt: at("2026-01-01T01:00:00Z") });
  });

  test("list by name, filtered by queue", () => {
    const h = harness();
    create(h, { name: "b", everyMs: 1000, queue: "q1" });
    create(h, { name: "a", everyMs: 1000, queue: "q2" });
    expect(h.m.listSchedules().map((s) => s.name)).toEqual(["a", "b"]);
    expect(h.m.listSchedules("q1").map((s) => s.name)).toEqual(["b"]);
  });
});

/** Everything observable about the schedules of a state. */
function schedulesOf(s: JobTable): Schedule[] {
  return [...s.schedules.values()].map(copySchedule).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A run over every schedule record kind. */
function mixedRun(h: Harness): void {
  create(h, { name: "a", everyMs: 1000, noOverlap: true });
  create(h, { name: "b", cron: "*/1 * * * * *", missed: "run-once" });
  create(h, { name: "c", cron: "0 * * * *", timeZone: "Europe/Berlin" });
  for (let i = 0; i < 5; i++) {
    h.now += 1000;
    h.m.tick();
  }
  const l = h.pollOne();
  h.m.complete(l.job.id, l.token);
  h.m.pauseSchedule("c", true);
  h.m.triggerSchedule("c");
  h.now += 120_000; // a missed window for a and b
  h.m.tick();
  h.m.pauseSchedule("c", false);
  h.m.deleteSchedule("a");
  h.m.createSchedule({ name: "b", type: "t2", everyMs: 2000 }, true);
  h.now += 2000;
  h.m.tick();
}

describe("replay and snapshots", () => {
  test("replaying the records gives equal schedules and jobs", () => {
    const h = harness();
    mixedRun(h);
    expect(new Set(h.kinds())).toEqual(new Set(["scheduleSet", "scheduleFired", "scheduleSkipped", "schedulePaused", "scheduleDeleted", "leased", "completed"]));
    const r = replay(h.records);
    expect(summarize(r)).toEqual(summarize(h.m.state));
    expect(schedulesOf(r)).toEqual(schedulesOf(h.m.state));
    expect(new Harness({ cron: cronEngine, state: r }).m.nextWakeAt()).toBe(h.m.nextWakeAt());
  });

  test("a restored state (snapshot) plus the later records equals the live one, and fires the same next ticks", () => {
    const h = harness();
    create(h, { name: "a", everyMs: 1000 });
    create(h, { name: "b", cron: "*/2 * * * * *", noOverlap: true });
    h.now += 2000;
    h.m.tick();
    const cut = h.records.length;
    const snapJobs = [...h.m.state.jobs.values()].map(cloneJob);
    const snapSchedules = schedulesOf(h.m.state);
    const lastJobId = h.m.state.lastJobId;
    h.now += 2000;
    h.m.tick();
    const restored = new JobTable();
    restore(restored, snapJobs, [], [], [], undefined, snapSchedules);
    restored.lastJobId = lastJobId;
    for (const r of h.records.slice(cut)) apply(restored, copyRecord(r));
    expect(schedulesOf(restored)).toEqual(schedulesOf(h.m.state));
    expect([...restored.jobs.keys()]).toEqual([...h.m.state.jobs.keys()]);
    // A manager over the restored state fires exactly what the live one fires next.
    const g = new Harness({ cron: cronEngine, state: restored });
    g.now = h.now + 2000;
    h.now += 2000;
    const before = h.records.length;
    g.m.tick();
    h.m.tick();
    const shape = (r: WalRecord) => (r.kind === "scheduleFired" ? [r.name, r.tickAt, r.nextRunAt, r.job.id] : r.kind === "scheduleSkipped" ? [r.name, r.reason, r.tickAt] : r.kind);
    expect(g.records.map(shape)).toEqual(h.records.slice(before).map(shape));
    expect(g.records.length).toBeGreaterThan(0);
  });
});
