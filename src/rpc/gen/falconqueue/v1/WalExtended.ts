// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WalExtended {
  'job_ids'?: (string)[];
  'deadline_ms'?: (number | string | Long);
}

export interface WalExtended__Output {
  'job_ids': (string)[];
  'deadline_ms': (number);
}
