// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WalProgress {
  'job_id'?: (string);
  'progress'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface WalProgress__Output {
  'job_id': (string);
  'progress': (string);
  'at_ms': (number);
}
