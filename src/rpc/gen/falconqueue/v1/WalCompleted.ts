// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WalCompleted {
  'job_id'?: (string);
  'lease_token'?: (string);
  'result'?: (Buffer | Uint8Array | string);
  'at_ms'?: (number | string | Long);
  /**
   * the attempt's ctx.log lines
   */
  'logs'?: (string)[];
}

export interface WalCompleted__Output {
  'job_id': (string);
  'lease_token': (string);
  'result': (Buffer);
  'at_ms': (number);
  /**
   * the attempt's ctx.log lines
   */
  'logs': (string)[];
}
