// Original file: proto/falconqueue/v1/service.proto

import type { JobState as _falconqueue_v1_JobState, JobState__Output as _falconqueue_v1_JobState__Output } from '../../falconqueue/v1/JobState';
import type { ListOrder as _falconqueue_v1_ListOrder, ListOrder__Output as _falconqueue_v1_ListOrder__Output } from '../../falconqueue/v1/ListOrder';

export interface ListJobsRequest {
  'queue'?: (string);
  'state'?: (_falconqueue_v1_JobState);
  'type'?: (string);
  /**
   * default 100, max 1000
   */
  'limit'?: (number);
  /**
   * next_page_token of the previous page (or any job id to start after, in list order)
   */
  'page_token'?: (string);
  /**
   * default false: jobs come without payload and result
   */
  'include_payloads'?: (boolean);
  /**
   * default oldest first (id order)
   */
  'order'?: (_falconqueue_v1_ListOrder);
  /**
   * substring of id, type, a metadata key or value, or the payload as UTF-8; <= 1024 bytes
   */
  'search'?: (string);
}

export interface ListJobsRequest__Output {
  'queue': (string);
  'state': (_falconqueue_v1_JobState__Output);
  'type': (string);
  /**
   * default 100, max 1000
   */
  'limit': (number);
  /**
   * next_page_token of the previous page (or any job id to start after, in list order)
   */
  'page_token': (string);
  /**
   * default false: jobs come without payload and result
   */
  'include_payloads': (boolean);
  /**
   * default oldest first (id order)
   */
  'order': (_falconqueue_v1_ListOrder__Output);
  /**
   * substring of id, type, a metadata key or value, or the payload as UTF-8; <= 1024 bytes
   */
  'search': (string);
}
