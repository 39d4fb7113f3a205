// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

export interface SubmitFlowResponse {
  /**
   * the root job's id
   */
  'flow_id'?: (string);
  /**
   * pre-order: the root first, each node before its children; without payloads
   */
  'jobs'?: (_falconqueue_v1_Job)[];
  /**
   * the root's idempotency_key matched: nothing was added, jobs holds that root only
   */
  'duplicate'?: (boolean);
}

export interface SubmitFlowResponse__Output {
  /**
   * the root job's id
   */
  'flow_id': (string);
  /**
   * pre-order: the root first, each node before its children; without payloads
   */
  'jobs': (_falconqueue_v1_Job__Output)[];
  /**
   * the root's idempotency_key matched: nothing was added, jobs holds that root only
   */
  'duplicate': (boolean);
}
