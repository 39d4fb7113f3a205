// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A lease handed to a poll whose caller was already gone: the job is PENDING
 * again and the attempt it was given is taken back (it never ran).
 */
export interface WalReturned {
  'job_id'?: (string);
  'lease_token'?: (string);
  'at_ms'?: (number | string | Long);
}

/**
 * A lease handed to a poll whose caller was already gone: the job is PENDING
 * again and the attempt it was given is taken back (it never ran).
 */
export interface WalReturned__Output {
  'job_id': (string);
  'lease_token': (string);
  'at_ms': (number);
}
