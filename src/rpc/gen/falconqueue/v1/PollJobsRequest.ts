// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface PollJobsRequest {
  'worker_id'?: (string);
  /**
   * 1..poll_count_max
   */
  'count'?: (number);
  /**
   * long-poll budget, 0 = answer at once
   */
  'wait_ms'?: (number | string | Long);
}

export interface PollJobsRequest__Output {
  'worker_id': (string);
  /**
   * 1..poll_count_max
   */
  'count': (number);
  /**
   * long-poll budget, 0 = answer at once
   */
  'wait_ms': (number);
}
