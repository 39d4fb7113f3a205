// Original file: proto/falconqueue/v1/service.proto

export const JobState = {
  JOB_STATE_UNSPECIFIED: 0,
  JOB_STATE_SCHEDULED: 1,
  JOB_STATE_PENDING: 2,
  JOB_STATE_RUNNING: 3,
  JOB_STATE_COMPLETED: 4,
  JOB_STATE_FAILED: 5,
  JOB_STATE_CANCELLED: 6,
  /**
   * dependencies not all finished yet (docs/workflows.md)
   */
  JOB_STATE_WAITING: 7,
} as const;

export type JobState =
  | 'JOB_STATE_UNSPECIFIED'
  | 0
  | 'JOB_STATE_SCHEDULED'
  | 1
  | 'JOB_STATE_PENDING'
  | 2
  | 'JOB_STATE_RUNNING'
  | 3
  | 'JOB_STATE_COMPLETED'
  | 4
  | 'JOB_STATE_FAILED'
  | 5
  | 'JOB_STATE_CANCELLED'
  | 6
  /**
   * dependencies not all finished yet (docs/workflows.md)
   */
  | 'JOB_STATE_WAITING'
  | 7

export type JobState__Output = typeof JobState[keyof typeof JobState]
