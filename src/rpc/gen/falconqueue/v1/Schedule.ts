// Original file: proto/falconqueue/v1/service.proto

import type { ScheduleMissed as _falconqueue_v1_ScheduleMissed, ScheduleMissed__Output as _falconqueue_v1_ScheduleMissed__Output } from '../../falconqueue/v1/ScheduleMissed';
import type { Long } from '@grpc/proto-loader';

/**
 * A schedule: its job, when it runs, and what it has done. In requests only
 * the fields up to paused count; the rest are the master's.
 */
export interface Schedule {
  /**
   * 1..128 bytes of A-Z a-z 0-9 _ . : - /
   */
  'name'?: (string);
  /**
   * default "default"
   */
  'queue'?: (string);
  'type'?: (string);
  /**
   * at most 64 KiB
   */
  'payload'?: (Buffer | Uint8Array | string);
  'priority'?: (number);
  /**
   * default 3
   */
  'max_attempts'?: (number);
  'timeout_ms'?: (number | string | Long);
  /**
   * 5 fields (or 6 with seconds first); or every_ms
   */
  'cron'?: (string);
  /**
   * IANA zone of cron, default UTC
   */
  'time_zone'?: (string);
  /**
   * fixed interval, >= 1000; ticks at anchor_at_ms + k * every_ms
   */
  'every_ms'?: (number | string | Long);
  'missed'?: (_falconqueue_v1_ScheduleMissed);
  /**
   * skip a tick while the last job it created is unfinished
   */
  'no_overlap'?: (boolean);
  'paused'?: (boolean);
  /**
   * 0: no later tick
   */
  'next_run_at_ms'?: (number | string | Long);
  /**
   * every_ms schedules: when it was set
   */
  'anchor_at_ms'?: (number | string | Long);
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  /**
   * the tick the last job stands for
   */
  'last_tick_at_ms'?: (number | string | Long);
  'last_job_id'?: (string);
  /**
   * jobs created, triggers included
   */
  'fired_total'?: (number | string | Long);
  'skipped_overlap_total'?: (number | string | Long);
  /**
   * missed windows skipped (one per window, not per tick)
   */
  'skipped_missed_total'?: (number | string | Long);
  'skipped_full_total'?: (number | string | Long);
}

/**
 * A schedule: its job, when it runs, and what it has done. In requests only
 * the fields up to paused count; the rest are the master's.
 */
export interface Schedule__Output {
  /**
   * 1..128 bytes of A-Z a-z 0-9 _ . : - /
   */
  'name': (string);
  /**
   * default "default"
   */
  'queue': (string);
  'type': (string);
  /**
   * at most 64 KiB
   */
  'payload': (Buffer);
  'priority': (number);
  /**
   * default 3
   */
  'max_attempts': (number);
  'timeout_ms': (number);
  /**
   * 5 fields (or 6 with seconds first); or every_ms
   */
  'cron': (string);
  /**
   * IANA zone of cron, default UTC
   */
  'time_zone': (string);
  /**
   * fixed interval, >= 1000; ticks at anchor_at_ms + k * every_ms
   */
  'every_ms': (number);
  'missed': (_falconqueue_v1_ScheduleMissed__Output);
  /**
   * skip a tick while the last job it created is unfinished
   */
  'no_overlap': (boolean);
  'paused': (boolean);
  /**
   * 0: no later tick
   */
  'next_run_at_ms': (number);
  /**
   * every_ms schedules: when it was set
   */
  'anchor_at_ms': (number);
  'created_at_ms': (number);
  'updated_at_ms': (number);
  /**
   * the tick the last job stands for
   */
  'last_tick_at_ms': (number);
  'last_job_id': (string);
  /**
   * jobs created, triggers included
   */
  'fired_total': (number);
  'skipped_overlap_total': (number);
  /**
   * missed windows skipped (one per window, not per tick)
   */
  'skipped_missed_total': (number);
  'skipped_full_total': (number);
}
