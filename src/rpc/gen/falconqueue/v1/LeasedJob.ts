// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { Long } from '@grpc/proto-loader';

/**
 * A job handed to a worker together with its lease.
 */
export interface LeasedJob {
  'job'?: (_falconqueue_v1_Job | null);
  'lease_token'?: (string);
  'lease_deadline_ms'?: (number | string | Long);
}

/**
 * A job handed to a worker together with its lease.
 */
export interface LeasedJob__Output {
  'job': (_falconqueue_v1_Job__Output | null);
  'lease_token': (string);
  'lease_deadline_ms': (number);
}
