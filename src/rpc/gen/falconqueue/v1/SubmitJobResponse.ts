// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

export interface SubmitJobResponse {
  /**
   * as stored, without the payload (the caller has it)
   */
  'job'?: (_falconqueue_v1_Job | null);
  /**
   * true when the idempotency key matched an existing job
   */
  'duplicate'?: (boolean);
}

export interface SubmitJobResponse__Output {
  /**
   * as stored, without the payload (the caller has it)
   */
  'job': (_falconqueue_v1_Job__Output | null);
  /**
   * true when the idempotency key matched an existing job
   */
  'duplicate': (boolean);
}
