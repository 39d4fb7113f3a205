// Original file: proto/falconqueue/v1/service.proto

import type { WorkerCommand as _falconqueue_v1_WorkerCommand, WorkerCommand__Output as _falconqueue_v1_WorkerCommand__Output } from '../../falconqueue/v1/WorkerCommand';

export interface CommandWorkerRequest {
  'worker_id'?: (string);
  /**
   * quiet or shutdown; cancel a job with CancelJob
   */
  'command'?: (_falconqueue_v1_WorkerCommand | null);
}

export interface CommandWorkerRequest__Output {
  'worker_id': (string);
  /**
   * quiet or shutdown; cancel a job with CancelJob
   */
  'command': (_falconqueue_v1_WorkerCommand__Output | null);
}
