// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An operator made one SCHEDULED job PENDING at at_ms (PromoteJob).
 */
export interface WalJobPromoted {
  'job_id'?: (string);
  'at_ms'?: (number | string | Long);
}

/**
 * An operator made one SCHEDULED job PENDING at at_ms (PromoteJob).
 */
export interface WalJobPromoted__Output {
  'job_id': (string);
  'at_ms': (number);
}
