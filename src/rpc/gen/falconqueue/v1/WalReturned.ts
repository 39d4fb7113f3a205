// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A lease handed to a poll whose caller was already gone, or handed back by a
 * rate-limited handler: the job is PENDING again (SCHEDULED at retry_at_ms
 * when that is later than at_ms) and the attempt it was given is taken back.
 */
export interface WalReturned {
  'job_id'?: (string);
  'lease_token'?: (string);
  'at_ms'?: (number | string | Long);
  'retry_at_ms'?: (number | string | Long);
}

/**
 * A lease handed to a poll whose caller was already gone, or handed back by a
 * rate-limited handler: the job is PENDING again (SCHEDULED at retry_at_ms
 * when that is later than at_ms) and the attempt it was given is taken back.
 */
export interface WalReturned__Output {
  'job_id': (string);
  'lease_token': (string);
  'at_ms': (number);
  'retry_at_ms': (number);
}
