// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface TokenInfo {
  /**
   * public; the token is "fq_<id>_<secret>"
   */
  'id'?: (string);
  'name'?: (string);
  'role'?: (string);
  'queues'?: (string)[];
  'created_at_ms'?: (number | string | Long);
  /**
   * 0: never
   */
  'expires_at_ms'?: (number | string | Long);
  /**
   * 0: never; updated about once a minute
   */
  'last_used_at_ms'?: (number | string | Long);
}

export interface TokenInfo__Output {
  /**
   * public; the token is "fq_<id>_<secret>"
   */
  'id': (string);
  'name': (string);
  'role': (string);
  'queues': (string)[];
  'created_at_ms': (number);
  /**
   * 0: never
   */
  'expires_at_ms': (number);
  /**
   * 0: never; updated about once a minute
   */
  'last_used_at_ms': (number);
}
