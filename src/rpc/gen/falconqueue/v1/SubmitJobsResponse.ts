// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

export interface SubmitJobsResponse {
  /**
   * in request order, without payloads
   */
  'jobs'?: (_falconqueue_v1_Job)[];
  'duplicate'?: (boolean)[];
  /**
   * parallel to jobs; "" where duplicate is false
   */
  'duplicate_reason'?: (string)[];
}

export interface SubmitJobsResponse__Output {
  /**
   * in request order, without payloads
   */
  'jobs': (_falconqueue_v1_Job__Output)[];
  'duplicate': (boolean)[];
  /**
   * parallel to jobs; "" where duplicate is false
   */
  'duplicate_reason': (string)[];
}
