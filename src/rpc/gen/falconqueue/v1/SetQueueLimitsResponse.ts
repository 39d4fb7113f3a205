// Original file: proto/falconqueue/v1/service.proto

import type { QueueLimits as _falconqueue_v1_QueueLimits, QueueLimits__Output as _falconqueue_v1_QueueLimits__Output } from '../../falconqueue/v1/QueueLimits';

export interface SetQueueLimitsResponse {
  'limits'?: (_falconqueue_v1_QueueLimits | null);
}

export interface SetQueueLimitsResponse__Output {
  'limits': (_falconqueue_v1_QueueLimits__Output | null);
}
