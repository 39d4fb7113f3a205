// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface WorkerInfo {
  'worker_id'?: (string);
  'hostname'?: (string);
  'pid'?: (number);
  'queues'?: (string)[];
  'concurrency'?: (number);
  'active'?: (number);
  'last_heartbeat_ms'?: (number | string | Long);
  'registered_at_ms'?: (number | string | Long);
  'types'?: (string)[];
  'version'?: (string);
  /**
   * Told to go quiet or stop (workers quiet|stop): it takes no new jobs.
   */
  'quiet'?: (boolean);
}

export interface WorkerInfo__Output {
  'worker_id': (string);
  'hostname': (string);
  'pid': (number);
  'queues': (string)[];
  'concurrency': (number);
  'active': (number);
  'last_heartbeat_ms': (number);
  'registered_at_ms': (number);
  'types': (string)[];
  'version': (string);
  /**
   * Told to go quiet or stop (workers quiet|stop): it takes no new jobs.
   */
  'quiet': (boolean);
}
