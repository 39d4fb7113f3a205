// Original file: proto/falconqueue/v1/service.proto

import type { JobState as _falconqueue_v1_JobState, JobState__Output as _falconqueue_v1_JobState__Output } from '../../falconqueue/v1/JobState';

export interface ListJobsRequest {
  'queue'?: (string);
  'state'?: (_falconqueue_v1_JobState);
  'type'?: (string);
  /**
   * default 100, max 1000
   */
  'limit'?: (number);
  'page_token'?: (string);
  /**
   * default false: jobs come without payload and result
   */
  'include_payloads'?: (boolean);
}

export interface ListJobsRequest__Output {
  'queue': (string);
  'state': (_falconqueue_v1_JobState__Output);
  'type': (string);
  /**
   * default 100, max 1000
   */
  'limit': (number);
  'page_token': (string);
  /**
   * default false: jobs come without payload and result
   */
  'include_payloads': (boolean);
}
