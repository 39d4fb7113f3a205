// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A queue's flow-control limits (docs/flow-control.md); 0 = unlimited, all 0
 * clears them. Rates are token buckets: count starts per period, at most
 * burst at once (0: burst = count). Group limits apply to each group alone.
 */
export interface QueueLimits {
  'queue'?: (string);
  /**
   * RUNNING jobs of the queue, over all workers
   */
  'concurrency'?: (number);
  /**
   * RUNNING jobs of one group
   */
  'group_concurrency'?: (number);
  'rate_count'?: (number);
  'rate_period_ms'?: (number | string | Long);
  'rate_burst'?: (number);
  'group_rate_count'?: (number);
  'group_rate_period_ms'?: (number | string | Long);
  'group_rate_burst'?: (number);
}

/**
 * A queue's flow-control limits (docs/flow-control.md); 0 = unlimited, all 0
 * clears them. Rates are token buckets: count starts per period, at most
 * burst at once (0: burst = count). Group limits apply to each group alone.
 */
export interface QueueLimits__Output {
  'queue': (string);
  /**
   * RUNNING jobs of the queue, over all workers
   */
  'concurrency': (number);
  /**
   * RUNNING jobs of one group
   */
  'group_concurrency': (number);
  'rate_count': (number);
  'rate_period_ms': (number);
  'rate_burst': (number);
  'group_rate_count': (number);
  'group_rate_period_ms': (number);
  'group_rate_burst': (number);
}
