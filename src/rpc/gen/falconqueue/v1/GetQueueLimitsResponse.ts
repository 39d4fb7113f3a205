// Original file: proto/falconqueue/v1/service.proto

import type { QueueLimits as _falconqueue_v1_QueueLimits, QueueLimits__Output as _falconqueue_v1_QueueLimits__Output } from '../../falconqueue/v1/QueueLimits';
import type { GroupFlow as _falconqueue_v1_GroupFlow, GroupFlow__Output as _falconqueue_v1_GroupFlow__Output } from '../../falconqueue/v1/GroupFlow';
import type { Long } from '@grpc/proto-loader';

export interface GetQueueLimitsResponse {
  'limits'?: (_falconqueue_v1_QueueLimits | null);
  /**
   * the queue: "paused", "concurrency", "rate" or ""
   */
  'held_by'?: (string);
  /**
   * when the queue's next rate token is due, if held by rate
   */
  'held_until_ms'?: (number | string | Long);
  /**
   * tokens in the queue's rate bucket now; -1 without a rate
   */
  'tokens'?: (number | string);
  /**
   * groups the master tracks now
   */
  'groups'?: (number | string | Long);
  /**
   * groups with PENDING jobs
   */
  'ready_groups'?: (number | string | Long);
  /**
   * groups held now (paused, concurrency, rate)
   */
  'held_groups'?: (number | string | Long);
  /**
   * most running, then most pending
   */
  'top_groups'?: (_falconqueue_v1_GroupFlow)[];
}

export interface GetQueueLimitsResponse__Output {
  'limits': (_falconqueue_v1_QueueLimits__Output | null);
  /**
   * the queue: "paused", "concurrency", "rate" or ""
   */
  'held_by': (string);
  /**
   * when the queue's next rate token is due, if held by rate
   */
  'held_until_ms': (number);
  /**
   * tokens in the queue's rate bucket now; -1 without a rate
   */
  'tokens': (number);
  /**
   * groups the master tracks now
   */
  'groups': (number);
  /**
   * groups with PENDING jobs
   */
  'ready_groups': (number);
  /**
   * groups held now (paused, concurrency, rate)
   */
  'held_groups': (number);
  /**
   * most running, then most pending
   */
  'top_groups': (_falconqueue_v1_GroupFlow__Output)[];
}
