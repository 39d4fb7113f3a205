// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

export interface SubmitJobResponse {
  /**
   * as stored, without the payload (the caller has it)
   */
  'job'?: (_falconqueue_v1_Job | null);
  /**
   * true when no job was added: the idempotency key matched, the unique key is held, or the submit was debounced
   */
  'duplicate'?: (boolean);
  /**
   * with duplicate: why, naming the job ("unique key k held by job X (running)")
   */
  'duplicate_reason'?: (string);
}

export interface SubmitJobResponse__Output {
  /**
   * as stored, without the payload (the caller has it)
   */
  'job': (_falconqueue_v1_Job__Output | null);
  /**
   * true when no job was added: the idempotency key matched, the unique key is held, or the submit was debounced
   */
  'duplicate': (boolean);
  /**
   * with duplicate: why, naming the job ("unique key k held by job X (running)")
   */
  'duplicate_reason': (string);
}
