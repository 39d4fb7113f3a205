// Original file: proto/falconqueue/v1/service.proto

import type { QueueRetention as _falconqueue_v1_QueueRetention, QueueRetention__Output as _falconqueue_v1_QueueRetention__Output } from '../../falconqueue/v1/QueueRetention';

export interface SetQueueRetentionRequest {
  'retention'?: (_falconqueue_v1_QueueRetention | null);
}

export interface SetQueueRetentionRequest__Output {
  'retention': (_falconqueue_v1_QueueRetention__Output | null);
}
