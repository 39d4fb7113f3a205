// Original file: proto/falconqueue/v1/service.proto

import type { ScheduleSkip as _falconqueue_v1_ScheduleSkip, ScheduleSkip__Output as _falconqueue_v1_ScheduleSkip__Output } from '../../falconqueue/v1/ScheduleSkip';
import type { Long } from '@grpc/proto-loader';

/**
 * A tick made no job; the schedule moves to next_run_at_ms.
 */
export interface WalScheduleSkipped {
  'name'?: (string);
  'reason'?: (_falconqueue_v1_ScheduleSkip);
  'tick_at_ms'?: (number | string | Long);
  'next_run_at_ms'?: (number | string | Long);
  'at_ms'?: (number | string | Long);
}

/**
 * A tick made no job; the schedule moves to next_run_at_ms.
 */
export interface WalScheduleSkipped__Output {
  'name': (string);
  'reason': (_falconqueue_v1_ScheduleSkip__Output);
  'tick_at_ms': (number);
  'next_run_at_ms': (number);
  'at_ms': (number);
}
