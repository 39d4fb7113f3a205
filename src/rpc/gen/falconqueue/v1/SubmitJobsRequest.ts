// Original file: proto/falconqueue/v1/service.proto

import type { JobSpec as _falconqueue_v1_JobSpec, JobSpec__Output as _falconqueue_v1_JobSpec__Output } from '../../falconqueue/v1/JobSpec';

export interface SubmitJobsRequest {
  'jobs'?: (_falconqueue_v1_JobSpec)[];
}

export interface SubmitJobsRequest__Output {
  'jobs': (_falconqueue_v1_JobSpec__Output)[];
}
