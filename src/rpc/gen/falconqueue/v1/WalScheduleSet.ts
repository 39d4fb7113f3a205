// Original file: proto/falconqueue/v1/service.proto

import type { Schedule as _falconqueue_v1_Schedule, Schedule__Output as _falconqueue_v1_Schedule__Output } from '../../falconqueue/v1/Schedule';

/**
 * A schedule was created or replaced, its next tick computed.
 */
export interface WalScheduleSet {
  'schedule'?: (_falconqueue_v1_Schedule | null);
}

/**
 * A schedule was created or replaced, its next tick computed.
 */
export interface WalScheduleSet__Output {
  'schedule': (_falconqueue_v1_Schedule__Output | null);
}
