// Original file: proto/falconqueue/v1/service.proto

import type { Schedule as _falconqueue_v1_Schedule, Schedule__Output as _falconqueue_v1_Schedule__Output } from '../../falconqueue/v1/Schedule';
import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';

export interface TriggerScheduleResponse {
  'schedule'?: (_falconqueue_v1_Schedule | null);
  /**
   * without payload
   */
  'job'?: (_falconqueue_v1_Job | null);
}

export interface TriggerScheduleResponse__Output {
  'schedule': (_falconqueue_v1_Schedule__Output | null);
  /**
   * without payload
   */
  'job': (_falconqueue_v1_Job__Output | null);
}
