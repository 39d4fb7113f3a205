// Original file: proto/falconqueue/v1/service.proto

import type { AckOutcome as _falconqueue_v1_AckOutcome, AckOutcome__Output as _falconqueue_v1_AckOutcome__Output } from '../../falconqueue/v1/AckOutcome';

export interface AcknowledgeJobsResponse {
  'outcomes'?: (_falconqueue_v1_AckOutcome)[];
}

export interface AcknowledgeJobsResponse__Output {
  'outcomes': (_falconqueue_v1_AckOutcome__Output)[];
}
