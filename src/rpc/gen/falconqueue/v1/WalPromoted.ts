// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Delayed jobs whose run_at_ms <= at_ms became PENDING.
 */
export interface WalPromoted {
  'at_ms'?: (number | string | Long);
}

/**
 * Delayed jobs whose run_at_ms <= at_ms became PENDING.
 */
export interface WalPromoted__Output {
  'at_ms': (number);
}
