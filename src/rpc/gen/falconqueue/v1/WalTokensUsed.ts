// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * These tokens were used by at_ms (written in batches); ids revoked since are ignored.
 */
export interface WalTokensUsed {
  'ids'?: (string)[];
  'at_ms'?: (number | string | Long);
}

/**
 * These tokens were used by at_ms (written in batches); ids revoked since are ignored.
 */
export interface WalTokensUsed__Output {
  'ids': (string)[];
  'at_ms': (number);
}
