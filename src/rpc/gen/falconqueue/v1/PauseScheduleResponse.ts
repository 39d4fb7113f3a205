// Original file: proto/falconqueue/v1/service.proto

import type { Schedule as _falconqueue_v1_Schedule, Schedule__Output as _falconqueue_v1_Schedule__Output } from '../../falconqueue/v1/Schedule';

export interface PauseScheduleResponse {
  'schedule'?: (_falconqueue_v1_Schedule | null);
}

export interface PauseScheduleResponse__Output {
  'schedule': (_falconqueue_v1_Schedule__Output | null);
}
