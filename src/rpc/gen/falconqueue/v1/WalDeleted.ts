// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An operator removed a job that was not running (DeleteJob).
 */
export interface WalDeleted {
  'job_id'?: (string);
  'at_ms'?: (number | string | Long);
}

/**
 * An operator removed a job that was not running (DeleteJob).
 */
export interface WalDeleted__Output {
  'job_id': (string);
  'at_ms': (number);
}
