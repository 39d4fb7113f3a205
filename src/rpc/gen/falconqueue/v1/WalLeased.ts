// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WalLeased {
  'job_id'?: (string);
  'lease_token'?: (string);
  'worker_id'?: (string);
  'deadline_ms'?: (number | string | Long);
  'attempt'?: (number);
  'at_ms'?: (number | string | Long);
  /**
   * the credential the worker is bound to (security.md)
   */
  'owner'?: (string);
}

export interface WalLeased__Output {
  'job_id': (string);
  'lease_token': (string);
  'worker_id': (string);
  'deadline_ms': (number);
  'attempt': (number);
  'at_ms': (number);
  /**
   * the credential the worker is bound to (security.md)
   */
  'owner': (string);
}
