// Original file: proto/falconqueue/v1/service.proto

import type { AcknowledgeJobRequest as _falconqueue_v1_AcknowledgeJobRequest, AcknowledgeJobRequest__Output as _falconqueue_v1_AcknowledgeJobRequest__Output } from '../../falconqueue/v1/AcknowledgeJobRequest';

export interface AcknowledgeJobsRequest {
  'acks'?: (_falconqueue_v1_AcknowledgeJobRequest)[];
}

export interface AcknowledgeJobsRequest__Output {
  'acks': (_falconqueue_v1_AcknowledgeJobRequest__Output)[];
}
