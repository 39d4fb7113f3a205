// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WalScheduleDeleted {
  'name'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface WalScheduleDeleted__Output {
  'name': (string);
  'at_ms': (number);
}
