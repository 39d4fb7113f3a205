// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Paused, or resumed with its next tick computed from the resume time.
 */
export interface WalSchedulePaused {
  'name'?: (string);
  'paused'?: (boolean);
  'next_run_at_ms'?: (number | string | Long);
  'at_ms'?: (number | string | Long);
}

/**
 * Paused, or resumed with its next tick computed from the resume time.
 */
export interface WalSchedulePaused__Output {
  'name': (string);
  'paused': (boolean);
  'next_run_at_ms': (number);
  'at_ms': (number);
}
