// Original file: proto/falconqueue/v1/service.proto

/**
 * What a tick that passed while the master was down (or too far behind) does.
 */
export const ScheduleMissed = {
  /**
   * SKIP
   */
  SCHEDULE_MISSED_UNSPECIFIED: 0,
  /**
   * none of the missed ticks runs; on to the next future tick
   */
  SCHEDULE_MISSED_SKIP: 1,
  /**
   * one job now for the whole window, then the next future tick
   */
  SCHEDULE_MISSED_RUN_ONCE: 2,
} as const;

/**
 * What a tick that passed while the master was down (or too far behind) does.
 */
export type ScheduleMissed =
  /**
   * SKIP
   */
  | 'SCHEDULE_MISSED_UNSPECIFIED'
  | 0
  /**
   * none of the missed ticks runs; on to the next future tick
   */
  | 'SCHEDULE_MISSED_SKIP'
  | 1
  /**
   * one job now for the whole window, then the next future tick
   */
  | 'SCHEDULE_MISSED_RUN_ONCE'
  | 2

/**
 * What a tick that passed while the master was down (or too far behind) does.
 */
export type ScheduleMissed__Output = typeof ScheduleMissed[keyof typeof ScheduleMissed]
