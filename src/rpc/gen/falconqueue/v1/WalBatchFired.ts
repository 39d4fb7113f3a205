// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { Long } from '@grpc/proto-loader';

/**
 * A closed batch whose jobs all finished fired: the callback jobs are
 * created by this record, so they exist exactly once across crashes.
 */
export interface WalBatchFired {
  'batch_id'?: (string);
  'at_ms'?: (number | string | Long);
  'on_complete'?: (_falconqueue_v1_Job | null);
  'on_success'?: (_falconqueue_v1_Job | null);
  /**
   * older fired batches forgotten (batches_kept_max)
   */
  'dropped_batch_ids'?: (string)[];
}

/**
 * A closed batch whose jobs all finished fired: the callback jobs are
 * created by this record, so they exist exactly once across crashes.
 */
export interface WalBatchFired__Output {
  'batch_id': (string);
  'at_ms': (number);
  'on_complete': (_falconqueue_v1_Job__Output | null);
  'on_success': (_falconqueue_v1_Job__Output | null);
  /**
   * older fired batches forgotten (batches_kept_max)
   */
  'dropped_batch_ids': (string)[];
}
