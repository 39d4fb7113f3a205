// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WalCancelled {
  'job_id'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface WalCancelled__Output {
  'job_id': (string);
  'at_ms': (number);
}
