// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { QueueRetention as _falconqueue_v1_QueueRetention, QueueRetention__Output as _falconqueue_v1_QueueRetention__Output } from '../../falconqueue/v1/QueueRetention';
import type { StoredToken as _falconqueue_v1_StoredToken, StoredToken__Output as _falconqueue_v1_StoredToken__Output } from '../../falconqueue/v1/StoredToken';
import type { QueueLimits as _falconqueue_v1_QueueLimits, QueueLimits__Output as _falconqueue_v1_QueueLimits__Output } from '../../falconqueue/v1/QueueLimits';
import type { GroupPaused as _falconqueue_v1_GroupPaused, GroupPaused__Output as _falconqueue_v1_GroupPaused__Output } from '../../falconqueue/v1/GroupPaused';
import type { RateBucket as _falconqueue_v1_RateBucket, RateBucket__Output as _falconqueue_v1_RateBucket__Output } from '../../falconqueue/v1/RateBucket';
import type { StoredBatch as _falconqueue_v1_StoredBatch, StoredBatch__Output as _falconqueue_v1_StoredBatch__Output } from '../../falconqueue/v1/StoredBatch';
import type { Schedule as _falconqueue_v1_Schedule, Schedule__Output as _falconqueue_v1_Schedule__Output } from '../../falconqueue/v1/Schedule';
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
  'queue_retention'?: (_falconqueue_v1_QueueRetention)[];
  'tokens'?: (_falconqueue_v1_StoredToken)[];
  'queue_limits'?: (_falconqueue_v1_QueueLimits)[];
  'group_pauses'?: (_falconqueue_v1_GroupPaused)[];
  'rate_buckets'?: (_falconqueue_v1_RateBucket)[];
  'batches'?: (_falconqueue_v1_StoredBatch)[];
  /**
   * each in its own frame after the header
   */
  'schedules'?: (_falconqueue_v1_Schedule)[];
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
  'queue_retention': (_falconqueue_v1_QueueRetention__Output)[];
  'tokens': (_falconqueue_v1_StoredToken__Output)[];
  'queue_limits': (_falconqueue_v1_QueueLimits__Output)[];
  'group_pauses': (_falconqueue_v1_GroupPaused__Output)[];
  'rate_buckets': (_falconqueue_v1_RateBucket__Output)[];
  'batches': (_falconqueue_v1_StoredBatch__Output)[];
  /**
   * each in its own frame after the header
   */
  'schedules': (_falconqueue_v1_Schedule__Output)[];
}
