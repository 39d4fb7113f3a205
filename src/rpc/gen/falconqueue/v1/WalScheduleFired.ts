// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { Long } from '@grpc/proto-loader';

/**
 * One tick of a schedule: creates `job` and moves the schedule to
 * next_run_at_ms in one record (exactly once per tick across crashes).
 * manual (TriggerSchedule): the next tick stays.
 */
export interface WalScheduleFired {
  'name'?: (string);
  /**
   * the new job, as submitted
   */
  'job'?: (_falconqueue_v1_Job | null);
  /**
   * the tick the job stands for
   */
  'tick_at_ms'?: (number | string | Long);
  'next_run_at_ms'?: (number | string | Long);
  'at_ms'?: (number | string | Long);
  'manual'?: (boolean);
}

/**
 * One tick of a schedule: creates `job` and moves the schedule to
 * next_run_at_ms in one record (exactly once per tick across crashes).
 * manual (TriggerSchedule): the next tick stays.
 */
export interface WalScheduleFired__Output {
  'name': (string);
  /**
   * the new job, as submitted
   */
  'job': (_falconqueue_v1_Job__Output | null);
  /**
   * the tick the job stands for
   */
  'tick_at_ms': (number);
  'next_run_at_ms': (number);
  'at_ms': (number);
  'manual': (boolean);
}
