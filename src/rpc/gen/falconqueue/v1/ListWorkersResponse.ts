// Original file: proto/falconqueue/v1/service.proto

import type { WorkerInfo as _falconqueue_v1_WorkerInfo, WorkerInfo__Output as _falconqueue_v1_WorkerInfo__Output } from '../../falconqueue/v1/WorkerInfo';

export interface ListWorkersResponse {
  'workers'?: (_falconqueue_v1_WorkerInfo)[];
}

export interface ListWorkersResponse__Output {
  'workers': (_falconqueue_v1_WorkerInfo__Output)[];
}
