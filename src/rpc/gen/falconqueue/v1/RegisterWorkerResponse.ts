// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface RegisterWorkerResponse {
  'worker_id'?: (string);
  'heartbeat_interval_ms'?: (number | string | Long);
  'lease_ms'?: (number | string | Long);
  'worker_timeout_ms'?: (number | string | Long);
}

export interface RegisterWorkerResponse__Output {
  'worker_id': (string);
  'heartbeat_interval_ms': (number);
  'lease_ms': (number);
  'worker_timeout_ms': (number);
}
