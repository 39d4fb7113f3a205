// Original file: proto/falconqueue/v1/service.proto

/**
 * Why a tick made no job.
 */
export const ScheduleSkip = {
  SCHEDULE_SKIP_UNSPECIFIED: 0,
  /**
   * no_overlap and the last job is not finished
   */
  SCHEDULE_SKIP_OVERLAP: 1,
  /**
   * a missed window under policy SKIP
   */
  SCHEDULE_SKIP_MISSED: 2,
  /**
   * the queue holds queueJobsMax unfinished jobs
   */
  SCHEDULE_SKIP_QUEUE_FULL: 3,
} as const;

/**
 * Why a tick made no job.
 */
export type ScheduleSkip =
  | 'SCHEDULE_SKIP_UNSPECIFIED'
  | 0
  /**
   * no_overlap and the last job is not finished
   */
  | 'SCHEDULE_SKIP_OVERLAP'
  | 1
  /**
   * a missed window under policy SKIP
   */
  | 'SCHEDULE_SKIP_MISSED'
  | 2
  /**
   * the queue holds queueJobsMax unfinished jobs
   */
  | 'SCHEDULE_SKIP_QUEUE_FULL'
  | 3

/**
 * Why a tick made no job.
 */
export type ScheduleSkip__Output = typeof ScheduleSkip[keyof typeof ScheduleSkip]
