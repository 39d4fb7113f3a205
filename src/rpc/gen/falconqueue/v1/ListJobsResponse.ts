// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { Long } from '@grpc/proto-loader';

export interface ListJobsResponse {
  'jobs'?: (_falconqueue_v1_Job)[];
  /**
   * empty on the last page
   */
  'next_page_token'?: (string);
  /**
   * The call stopped after examining 100,000 jobs before the page was full;
   * next_page_token goes on from there.
   */
  'partial'?: (boolean);
  /**
   * Jobs after this page, in list order, when the call filtered and searched
   * nothing; 0 otherwise (next_page_token alone says whether more follow).
   */
  'remaining'?: (number | string | Long);
}

export interface ListJobsResponse__Output {
  'jobs': (_falconqueue_v1_Job__Output)[];
  /**
   * empty on the last page
   */
  'next_page_token': (string);
  /**
   * The call stopped after examining 100,000 jobs before the page was full;
   * next_page_token goes on from there.
   */
  'partial': (boolean);
  /**
   * Jobs after this page, in list order, when the call filtered and searched
   * nothing; 0 otherwise (next_page_token alone says whether more follow).
   */
  'remaining': (number);
}
