// Original file: proto/falconqueue/v1/service.proto

import type { JobSpec as _falconqueue_v1_JobSpec, JobSpec__Output as _falconqueue_v1_JobSpec__Output } from '../../falconqueue/v1/JobSpec';

export interface SubmitJobRequest {
  'job'?: (_falconqueue_v1_JobSpec | null);
}

export interface SubmitJobRequest__Output {
  'job': (_falconqueue_v1_JobSpec__Output | null);
}
