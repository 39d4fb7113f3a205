// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

export interface ListJobsResponse {
  'jobs'?: (_falconqueue_v1_Job)[];
  'next_page_token'?: (string);
}

export interface ListJobsResponse__Output {
  'jobs': (_falconqueue_v1_Job__Output)[];
  'next_page_token': (string);
}
