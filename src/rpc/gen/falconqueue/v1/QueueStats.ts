// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface QueueStats {
  'queue'?: (string);
  'paused'?: (boolean);
  'scheduled'?: (number | string | Long);
  'pending'?: (number | string | Long);
  'running'?: (number | string | Long);
  'completed'?: (number | string | Long);
  'failed'?: (number | string | Long);
  'cancelled'?: (number | string | Long);
  /**
   * since master start, including removed jobs
   */
  'completed_total'?: (number | string | Long);
  'failed_total'?: (number | string | Long);
  /**
   * mean over the last minute
   */
  'completed_per_sec'?: (number | string);
  'failed_per_sec'?: (number | string);
  /**
   * why no job starts now: "paused", "concurrency", "rate", or ""
   */
  'held_by'?: (string);
  /**
   * groups with PENDING jobs (0 without grouped jobs)
   */
  'ready_groups'?: (number | string | Long);
  /**
   * how long the longest-waiting PENDING job has been ready; 0 when none is
   */
  'oldest_pending_age_ms'?: (number | string | Long);
  /**
   * WAITING for dependencies
   */
  'waiting'?: (number | string | Long);
}

export interface QueueStats__Output {
  'queue': (string);
  'paused': (boolean);
  'scheduled': (number);
  'pending': (number);
  'running': (number);
  'completed': (number);
  'failed': (number);
  'cancelled': (number);
  /**
   * since master start, including removed jobs
   */
  'completed_total': (number);
  'failed_total': (number);
  /**
   * mean over the last minute
   */
  'completed_per_sec': (number);
  'failed_per_sec': (number);
  /**
   * why no job starts now: "paused", "concurrency", "rate", or ""
   */
  'held_by': (string);
  /**
   * groups with PENDING jobs (0 without grouped jobs)
   */
  'ready_groups': (number);
  /**
   * how long the longest-waiting PENDING job has been ready; 0 when none is
   */
  'oldest_pending_age_ms': (number);
  /**
   * WAITING for dependencies
   */
  'waiting': (number);
}
