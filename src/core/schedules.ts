// Schedules (docs/schedules.md): a named definition that creates one job per
// tick of a cron expression (in an IANA time zone) or of a fixed interval.
// The definition and its next tick live in JobTable.schedules; the records
// scheduleSet, scheduleFired, scheduleSkipped, schedulePaused and
// scheduleDeleted change them. Next ticks are computed on the live path by an
// injected CronEngine and carried in the records: apply() never computes one.

/** What a tick that passed while the master was down (or too far behind) does. */
export const Missed = { Skip: 1, RunOnce: 2 } as const;
export type Missed = (typeof Missed)[keyof typeof Missed];
export const missedNames: Record<Missed, string> = { 1: "skip", 2: "run-once" };

/** Why a tick made no job. */
export const SkipReason = { Overlap: 1, Missed: 2, QueueFull: 3 } as const;
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];
export const skipReasonNames: Record<SkipReason, string> = { 1: "overlap", 2: "missed", 3: "queue_full" };

/** Job metadata keys a fired job carries: the schedule's name and the tick it stands for (ISO 8601, UTC). */
export const scheduleMetaKey = "falconq.schedule";
export const tickMetaKey = "falconq.tick";

/** A schedule as JobTable holds it and the records carry it. */
export interface Schedule {
  name: string;
  // The job each tick creates.
  queue: string;
  type: string;
  payload: Uint8Array;
  priority: number;
  maxAttempts: number;
  timeoutMs: number;
  // When: a cron expression in timeZone, or every everyMs from anchorAt on.
  cron: string;
  timeZone: string;
  everyMs: number;
  anchorAt: number;
  missed: Missed;
  noOverlap: boolean;
  paused: boolean;
  /** The next tick (ms since epoch); 0: the expression has no later tick. */
  nextRunAt: number;
  createdAt: number;
  updatedAt: number;
  /** The tick the last fired job stands for (0: none yet). */
  lastTickAt: number;
  /** The last job a tick or trigger created ("" none). */
  lastJobId: string;
  firedTotal: number;
  skippedOverlapTotal: number;
  skippedMissedTotal: number;
  skippedFullTotal: number;
}

/** A Schedule in the table, with the order stamp of its entry in the due heap (lazy deletion). */
export interface ScheduleEntry extends Schedule {
  stamp: number;
}

/** A detached copy, without the heap stamp. */
export function copySchedule(s: Schedule): Schedule {
  return {
    name: s.name,
    queue: s.queue,
    type: s.type,
    payload: s.payload,
    priority: s.priority,
    maxAttempts: s.maxAttempts,
    timeoutMs: s.timeoutMs,
    cron: s.cron,
    timeZone: s.timeZone,
    everyMs: s.everyMs,
    anchorAt: s.anchorAt,
    missed: s.missed,
    noOverlap: s.noOverlap,
    paused: s.paused,
    nextRunAt: s.nextRunAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    lastTickAt: s.lastTickAt,
    lastJobId: s.lastJobId,
    firedTotal: s.firedTotal,
    skippedOverlapTotal: s.skippedOverlapTotal,
    skippedMissedTotal: s.skippedMissedTotal,
    skippedFullTotal: s.skippedFullTotal,
  };
}

/**
 * Parses and evaluates cron expressions; injected into JobManager because
 * the core imports no package (src/master/cron.ts wraps croner).
 */
export interface CronEngine {
  /** undefined when valid; else why not (the caller names the field). */
  check(expr: string, timeZone: string): string | undefined;
  /** The first tick strictly after `afterMs`, or 0 when there is none. */
  next(expr: string, timeZone: string, afterMs: number): number;
}

/** Knows no cron expression: schedules with --every still work. */
export const noCron: CronEngine = {
  check: () => "this master has no cron engine",
  next: () => 0,
};

/** The first tick of `s` strictly after `after` (0: none). */
export function nextTick(s: Schedule, cron: CronEngine, after: number): number {
  if (s.everyMs > 0) {
    if (after < s.anchorAt) return s.anchorAt;
    return s.anchorAt + (Math.floor((after - s.anchorAt) / s.everyMs) + 1) * s.everyMs;
  }
  return cron.next(s.cron, s.timeZone, after);
}
