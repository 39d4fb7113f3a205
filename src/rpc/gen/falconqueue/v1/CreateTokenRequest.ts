// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateTokenRequest {
  'name'?: (string);
  'role'?: (string);
  /**
   * patterns; at least one
   */
  'queues'?: (string)[];
  /**
   * 0: never expires
   */
  'expires_in_ms'?: (number | string | Long);
}

export interface CreateTokenRequest__Output {
  'name': (string);
  'role': (string);
  /**
   * patterns; at least one
   */
  'queues': (string)[];
  /**
   * 0: never expires
   */
  'expires_in_ms': (number);
}
