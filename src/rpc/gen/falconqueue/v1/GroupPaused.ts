// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A rate-limited handler held its job's group: no job of it starts before until_ms.
 */
export interface GroupPaused {
  'queue'?: (string);
  'group'?: (string);
  'until_ms'?: (number | string | Long);
}

/**
 * A rate-limited handler held its job's group: no job of it starts before until_ms.
 */
export interface GroupPaused__Output {
  'queue': (string);
  'group': (string);
  'until_ms': (number);
}
