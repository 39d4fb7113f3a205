// Original file: proto/falconqueue/v1/service.proto

import type { JobSpec as _falconqueue_v1_JobSpec, JobSpec__Output as _falconqueue_v1_JobSpec__Output } from '../../falconqueue/v1/JobSpec';

export interface CreateBatchRequest {
  /**
   * Callbacks: on_complete fires once when the closed batch's jobs all
   * finished; on_success too, but only when every one completed. Each gets
   * metadata batch_id, batch_total, batch_completed, batch_failed,
   * batch_cancelled; no idempotency/unique/debounce key, depends_on or batch_id.
   */
  'on_complete'?: (_falconqueue_v1_JobSpec | null);
  'on_success'?: (_falconqueue_v1_JobSpec | null);
  /**
   * at most 1 KiB
   */
  'description'?: (string);
}

export interface CreateBatchRequest__Output {
  /**
   * Callbacks: on_complete fires once when the closed batch's jobs all
   * finished; on_success too, but only when every one completed. Each gets
   * metadata batch_id, batch_total, batch_completed, batch_failed,
   * batch_cancelled; no idempotency/unique/debounce key, depends_on or batch_id.
   */
  'on_complete': (_falconqueue_v1_JobSpec__Output | null);
  'on_success': (_falconqueue_v1_JobSpec__Output | null);
  /**
   * at most 1 KiB
   */
  'description': (string);
}
