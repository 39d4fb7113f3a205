// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface GroupFlow {
  'group'?: (string);
  'running'?: (number | string | Long);
  'pending'?: (number | string | Long);
  /**
   * "paused", "concurrency", "rate" or ""
   */
  'held_by'?: (string);
  /**
   * end of a pause or of a wait for a token
   */
  'held_until_ms'?: (number | string | Long);
}

export interface GroupFlow__Output {
  'group': (string);
  'running': (number);
  'pending': (number);
  /**
   * "paused", "concurrency", "rate" or ""
   */
  'held_by': (string);
  /**
   * end of a pause or of a wait for a token
   */
  'held_until_ms': (number);
}
