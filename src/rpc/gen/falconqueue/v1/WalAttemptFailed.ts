// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An attempt ended without success: a failure report, or a lost lease.
 */
export interface WalAttemptFailed {
  'job_id'?: (string);
  'lease_token'?: (string);
  'error'?: (string);
  'at_ms'?: (number | string | Long);
  /**
   * 0: no retry, the job is FAILED
   */
  'retry_at_ms'?: (number | string | Long);
  /**
   * the attempt's ctx.log lines; none for a lost lease
   */
  'logs'?: (string)[];
}

/**
 * An attempt ended without success: a failure report, or a lost lease.
 */
export interface WalAttemptFailed__Output {
  'job_id': (string);
  'lease_token': (string);
  'error': (string);
  'at_ms': (number);
  /**
   * 0: no retry, the job is FAILED
   */
  'retry_at_ms': (number);
  /**
   * the attempt's ctx.log lines; none for a lost lease
   */
  'logs': (string)[];
}
