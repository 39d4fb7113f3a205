// Schedule commands and firing (docs/schedules.md). Each checks its input
// against the current state, computes every time the change depends on (next
// ticks come from the injected CronEngine), and emits one record; apply()
// makes the change on the live path and on replay alike.

import { alreadyExists, failedPrecondition, invalidArgument, notFound, resourceExhausted } from "./errors.ts";
import type { JobManager } from "./job-manager.ts";
import {
  copySchedule,
  Missed,
  missedNames,
  nextTick,
  type Schedule,
  type ScheduleEntry,
  scheduleMetaKey,
  SkipReason,
  skipReasonNames,
  tickMetaKey,
} from "./schedules.ts";
import { quote } from "./text.ts";
import { isTerminal, Job, type JobView, viewOf } from "./types.ts";
import { checkBytes, checkInt, checkName } from "./validate.ts";

/** What a caller gives to create (or replace) a schedule. Exactly one of cron and everyMs. */
export interface ScheduleSpec {
  name: string;
  type: string;
  payload?: Uint8Array;
  queue?: string;
  priority?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  cron?: string;
  /** IANA zone of the cron expression; default UTC. */
  timeZone?: string;
  everyMs?: number;
  /** Default skip. */
  missed?: "skip" | "run-once";
  noOverlap?: boolean;
  /** Create it paused. */
  paused?: boolean;
}

const emptyPayload = new Uint8Array(0);

/**
 * Creates a schedule, or with `replace` replaces the one of that name
 * (keeping its counters and last job). Every field is checked before the
 * record is written; the first tick is computed from now.
 */
export function createSchedule(m: JobManager, spec: ScheduleSpec, replace = false): Schedule {
  const L = m.limits;
  if (spec === null || typeof spec !== "object") throw invalidArgument("schedule must be given");
  const name = checkName("schedule.name", spec.name, L.scheduleNameBytesMax);
  const type = checkName("schedule.type", spec.type, L.typeBytesMax);
  const queue = spec.queue ? checkName("schedule.queue", spec.queue, L.queueBytesMax) : m.defaults.queue;
  checkBytes("schedule.payload", spec.payload, L.schedulePayloadBytesMax);
  const priority = checkInt("schedule.priority", spec.priority, L.priorityMin, L.priorityMax) ?? 0;
  const maxAttempts = checkInt("schedule.max_attempts", spec.maxAttempts || undefined, 1, L.maxAttemptsMax) ?? m.defaults.maxAttempts;
  const timeoutMs = checkInt("schedule.timeout_ms", spec.timeoutMs, 0, L.timeoutMsMax) ?? m.defaults.timeoutMs;
  const cron = spec.cron ?? "";
  const everyMs = spec.everyMs ?? 0;
  if ((cron === "") === (everyMs === 0)) throw invalidArgument("schedule: give exactly one of cron and every_ms");
  let timeZone = spec.timeZone ?? "";
  if (cron !== "") {
    if (typeof cron !== "string") throw invalidArgument("schedule.cron must be a string");
    const n = Buffer.byteLength(cron);
    if (cron.length > L.cronBytesMax || n > L.cronBytesMax) {
      throw invalidArgument(`schedule.cron is ${n} bytes; the limit is ${L.cronBytesMax} bytes (cronBytesMax)`);
    }
    timeZone ||= "UTC";
    const tn = Buffer.byteLength(timeZone);
    if (timeZone.length > L.timeZoneBytesMax || tn > L.timeZoneBytesMax) {
      throw invalidArgument(`schedule.time_zone is ${tn} bytes; the limit is ${L.timeZoneBytesMax} bytes (timeZoneBytesMax)`);
    }
    const why = m.cron.check(cron, timeZone);
    if (why !== undefined) throw invalidArgument(`schedule.cron ${quote(cron)} in time zone ${quote(timeZone)} is not usable: ${why}`);
  } else {
    if (timeZone !== "") throw invalidArgument("schedule.time_zone is for cron expressions; an every_ms schedule runs in absolute time");
    checkInt("schedule.every_ms", everyMs, L.scheduleEveryMsMin, L.scheduleEveryMsMax);
  }
  const missedName = spec.missed ?? "skip";
  if (missedName !== "skip" && missedName !== "run-once") {
    throw invalidArgument(`schedule.missed must be skip or run-once, got ${quote(String(missedName))}`);
  }
  const noOverlap = flag("schedule.no_overlap", spec.noOverlap);
  const paused = flag("schedule.paused", spec.paused);

  const old = m.state.schedules.get(name);
  if (old !== undefined && !replace) throw alreadyExists(`schedule ${quote(name)} exists already; replace it, or delete it first`);
  if (old === undefined && m.state.schedules.size >= L.schedulesMax) {
    throw resourceExhausted(`${m.state.schedules.size} schedules exist; the limit is ${L.schedulesMax} (schedulesMax)`);
  }
  const now = m.clock();
  const s: Schedule = {
    name,
    queue,
    type,
    payload: spec.payload ?? emptyPayload,
    priority,
    maxAttempts,
    timeoutMs,
    cron,
    timeZone,
    everyMs,
    anchorAt: everyMs > 0 ? now : 0,
    missed: missedName === "skip" ? Missed.Skip : Missed.RunOnce,
    noOverlap,
    paused,
    nextRunAt: 0,
    createdAt: old?.createdAt ?? now,
    updatedAt: now,
    lastTickAt: old?.lastTickAt ?? 0,
    lastJobId: old?.lastJobId ?? "",
    firedTotal: old?.firedTotal ?? 0,
    skippedOverlapTotal: old?.skippedOverlapTotal ?? 0,
    skippedMissedTotal: old?.skippedMissedTotal ?? 0,
    skippedFullTotal: old?.skippedFullTotal ?? 0,
  };
  s.nextRunAt = nextTick(s, m.cron, now);
  if (s.nextRunAt === 0) throw invalidArgument(`schedule.cron ${quote(cron)} has no tick after now: it would never fire`);
  m.emit({ kind: "scheduleSet", schedule: s });
  return copySchedule(s);
}

function flag(field: string, v: boolean | undefined): boolean {
  if (v === undefined) return false;
  if (typeof v !== "boolean") throw invalidArgument(`${field} must be true or false`);
  return v;
}

/** The schedule, or NOT_FOUND. */
export function scheduleNamed(m: JobManager, name: string): ScheduleEntry {
  if (typeof name !== "string" || name === "") throw invalidArgument("name must name a schedule");
  const s = m.state.schedules.get(name);
  if (s === undefined) throw notFound(`schedule ${quote(name)} not found`);
  return s;
}

/** Copies of the schedules (of one queue, when given), by name. */
export function listSchedules(m: JobManager, queue?: string): Schedule[] {
  const out: Schedule[] = [];
  for (const s of m.state.schedules.values()) if (queue === undefined || s.queue === queue) out.push(copySchedule(s));
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Pauses (no ticks) or resumes (next tick from now on: ticks while paused are not made up) a schedule. */
export function pauseSchedule(m: JobManager, name: string, paused: boolean): Schedule {
  const s = scheduleNamed(m, name);
  if (s.paused === paused) return copySchedule(s);
  const now = m.clock();
  const nextRunAt = paused ? s.nextRunAt : nextTick(s, m.cron, now);
  m.emit({ kind: "schedulePaused", name, paused, nextRunAt, at: now });
  return copySchedule(s);
}

export function deleteSchedule(m: JobManager, name: string): Schedule {
  const s = copySchedule(scheduleNamed(m, name));
  m.emit({ kind: "scheduleDeleted", name, at: m.clock() });
  return s;
}

/**
 * Runs the schedule's job now, outside its ticks (the next tick stays).
 * A paused schedule may be triggered. With no-overlap, FAILED_PRECONDITION
 * while its last job is unfinished; RESOURCE_EXHAUSTED when the queue is full.
 */
export function triggerSchedule(m: JobManager, name: string): { schedule: Schedule; job: JobView } {
  const s = scheduleNamed(m, name);
  const busy = overlapping(m, s);
  if (busy !== undefined) {
    throw failedPrecondition(`schedule ${quote(name)} has no-overlap and its last job ${busy.id} is not finished yet`);
  }
  if (queueFull(m, s)) {
    throw resourceExhausted(`queue ${s.queue} holds ${m.state.queues.get(s.queue)?.unfinished} unfinished jobs; the limit is ${m.limits.queueJobsMax}`);
  }
  const now = m.clock();
  const job = newJob(m, s, now, now);
  m.emit({ kind: "scheduleFired", name, job, tickAt: now, nextRunAt: s.nextRunAt, at: now, manual: true });
  return { schedule: copySchedule(s), job: viewOf(job) };
}

function overlapping(m: JobManager, s: Schedule): Job | undefined {
  if (!s.noOverlap || s.lastJobId === "") return undefined;
  const j = m.state.jobs.get(s.lastJobId);
  return j !== undefined && !isTerminal(j.status) ? j : undefined;
}

function queueFull(m: JobManager, s: Schedule): boolean {
  return (m.state.queues.get(s.queue)?.unfinished ?? 0) >= m.limits.queueJobsMax;
}

/** The job a tick creates: ready at once, tagged with the schedule's name and the tick. */
function newJob(m: JobManager, s: Schedule, tickAt: number, now: number): Job {
  const metadata = { [scheduleMetaKey]: s.name, [tickMetaKey]: new Date(tickAt).toISOString() };
  const settings = m.settings.get(s.maxAttempts, s.timeoutMs, m.defaults.backoffBaseMs, m.defaults.backoffMaxMs, metadata);
  return new Job(m.ids.jobId(now), s.queue, s.type, s.payload, s.priority, now, now, settings);
}

/** Drops heap entries of schedules that were paused, deleted, replaced or moved since. */
export function dropStaleSchedules(m: JobManager): void {
  const h = m.state.scheduleDue;
  for (;;) {
    const s = h.peekItem();
    if (s === undefined || (s.stamp === h.peekStamp() && !s.paused)) return;
    h.pop();
  }
}

/**
 * Handles every schedule whose next tick is due at `now`: one record each
 * (fired or skipped), each moving the schedule past now, so the loop ends.
 * Returns the records written.
 */
export function fireDueSchedules(m: JobManager, now: number): number {
  const h = m.state.scheduleDue;
  let n = 0;
  for (;;) {
    dropStaleSchedules(m);
    if (h.peekKey() > now) return n;
    const s = h.peekItem() as ScheduleEntry;
    h.pop();
    fireDue(m, s, now);
    n++;
  }
}

/**
 * One due schedule. Its tick t0 is on time when no later tick is also due
 * and it is at most scheduleLateMsMax late: it fires (or is skipped for
 * overlap or a full queue) and the schedule moves to the tick after t0.
 * Otherwise the ticks from t0 to now are a missed window: policy skip
 * writes one skipped record, policy run-once fires one job (standing for
 * t0); either way the schedule moves to the first tick after now.
 */
function fireDue(m: JobManager, s: ScheduleEntry, now: number): void {
  const t0 = s.nextRunAt;
  const t1 = nextTick(s, m.cron, t0);
  const missed = (t1 !== 0 && t1 <= now) || now - t0 > m.limits.scheduleLateMsMax;
  const next = missed ? nextTick(s, m.cron, now) : t1;
  if (missed && s.missed === Missed.Skip) {
    skip(m, s, SkipReason.Missed, t0, next, now);
    m.scheduleLog?.(
      `schedule ${s.name}: ticks from ${new Date(t0).toISOString()} to ${new Date(now).toISOString()} were missed (master down or behind); ` +
        `policy ${missedNames[s.missed]}: none run, next tick ${next ? new Date(next).toISOString() : "none"}`,
    );
    return;
  }
  if (missed) {
    m.scheduleLog?.(
      `schedule ${s.name}: ticks from ${new Date(t0).toISOString()} to ${new Date(now).toISOString()} were missed; policy ${missedNames[s.missed]}: one job runs now`,
    );
  }
  if (overlapping(m, s) !== undefined) {
    skip(m, s, SkipReason.Overlap, t0, next, now);
    return;
  }
  if (queueFull(m, s)) {
    skip(m, s, SkipReason.QueueFull, t0, next, now);
    return;
  }
  m.emit({ kind: "scheduleFired", name: s.name, job: newJob(m, s, t0, now), tickAt: t0, nextRunAt: next, at: now, manual: false });
}

function skip(m: JobManager, s: Schedule, reason: SkipReason, tickAt: number, nextRunAt: number, now: number): void {
  m.emit({ kind: "scheduleSkipped", name: s.name, reason, tickAt, nextRunAt, at: now });
  if (reason !== SkipReason.Missed) {
    m.scheduleLog?.(`schedule ${s.name}: tick ${new Date(tickAt).toISOString()} skipped (${skipReasonNames[reason]})`);
  }
}
