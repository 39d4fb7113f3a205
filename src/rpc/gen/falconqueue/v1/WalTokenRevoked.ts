// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A token was revoked: calls with it are refused from this record on.
 */
export interface WalTokenRevoked {
  'id'?: (string);
  'at_ms'?: (number | string | Long);
}

/**
 * A token was revoked: calls with it are refused from this record on.
 */
export interface WalTokenRevoked__Output {
  'id': (string);
  'at_ms': (number);
}
