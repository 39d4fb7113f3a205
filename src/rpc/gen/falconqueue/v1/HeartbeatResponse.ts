// Original file: proto/falconqueue/v1/service.proto

import type { WorkerCommand as _falconqueue_v1_WorkerCommand, WorkerCommand__Output as _falconqueue_v1_WorkerCommand__Output } from '../../falconqueue/v1/WorkerCommand';
import type { Long } from '@grpc/proto-loader';

export interface HeartbeatResponse {
  'commands'?: (_falconqueue_v1_WorkerCommand)[];
  /**
   * new deadline of the extended leases
   */
  'lease_deadline_ms'?: (number | string | Long);
  /**
   * leases this worker no longer holds
   */
  'lost_job_ids'?: (string)[];
}

export interface HeartbeatResponse__Output {
  'commands': (_falconqueue_v1_WorkerCommand__Output)[];
  /**
   * new deadline of the extended leases
   */
  'lease_deadline_ms': (number);
  /**
   * leases this worker no longer holds
   */
  'lost_job_ids': (string)[];
}
