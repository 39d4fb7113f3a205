// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { Long } from '@grpc/proto-loader';

/**
 * A snapshot file: header, then the state as of covering WAL position.
 */
export interface Snapshot {
  /**
   * first segment NOT covered by this snapshot
   */
  'wal_segment'?: (number | string | Long);
  'taken_at_ms'?: (number | string | Long);
  'jobs'?: (_falconqueue_v1_Job)[];
  'paused_queues'?: (string)[];
  'last_job_id'?: (string);
}

/**
 * A snapshot file: header, then the state as of covering WAL position.
 */
export interface Snapshot__Output {
  /**
   * first segment NOT covered by this snapshot
   */
  'wal_segment': (number);
  'taken_at_ms': (number);
  'jobs': (_falconqueue_v1_Job__Output)[];
  'paused_queues': (string)[];
  'last_job_id': (string);
}
