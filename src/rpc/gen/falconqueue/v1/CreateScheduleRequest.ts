// Original file: proto/falconqueue/v1/service.proto

import type { Schedule as _falconqueue_v1_Schedule, Schedule__Output as _falconqueue_v1_Schedule__Output } from '../../falconqueue/v1/Schedule';

export interface CreateScheduleRequest {
  'schedule'?: (_falconqueue_v1_Schedule | null);
  /**
   * replace a schedule of that name (else ALREADY_EXISTS)
   */
  'replace'?: (boolean);
}

export interface CreateScheduleRequest__Output {
  'schedule': (_falconqueue_v1_Schedule__Output | null);
  /**
   * replace a schedule of that name (else ALREADY_EXISTS)
   */
  'replace': (boolean);
}
