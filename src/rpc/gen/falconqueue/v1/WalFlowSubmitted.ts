// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

/**
 * A whole flow, accepted at once: jobs in dependency order.
 */
export interface WalFlowSubmitted {
  'jobs'?: (_falconqueue_v1_Job)[];
}

/**
 * A whole flow, accepted at once: jobs in dependency order.
 */
export interface WalFlowSubmitted__Output {
  'jobs': (_falconqueue_v1_Job__Output)[];
}
