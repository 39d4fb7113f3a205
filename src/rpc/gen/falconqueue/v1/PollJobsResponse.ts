// Original file: proto/falconqueue/v1/service.proto

import type { LeasedJob as _falconqueue_v1_LeasedJob, LeasedJob__Output as _falconqueue_v1_LeasedJob__Output } from '../../falconqueue/v1/LeasedJob';

export interface PollJobsResponse {
  'jobs'?: (_falconqueue_v1_LeasedJob)[];
}

export interface PollJobsResponse__Output {
  'jobs': (_falconqueue_v1_LeasedJob__Output)[];
}
