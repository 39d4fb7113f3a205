// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

export interface PromoteJobResponse {
  'job'?: (_falconqueue_v1_Job | null);
}

export interface PromoteJobResponse__Output {
  'job': (_falconqueue_v1_Job__Output | null);
}
