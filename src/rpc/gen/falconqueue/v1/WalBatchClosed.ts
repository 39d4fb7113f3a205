// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WalBatchClosed {
  'batch_id'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface WalBatchClosed__Output {
  'batch_id': (string);
  'at_ms': (number);
}
