// Original file: proto/falconqueue/v1/service.proto

import type { BatchInfo as _falconqueue_v1_BatchInfo, BatchInfo__Output as _falconqueue_v1_BatchInfo__Output } from '../../falconqueue/v1/BatchInfo';

export interface CloseBatchResponse {
  'batch'?: (_falconqueue_v1_BatchInfo | null);
}

export interface CloseBatchResponse__Output {
  'batch': (_falconqueue_v1_BatchInfo__Output | null);
}
