// Original file: proto/falconqueue/v1/service.proto

import type { QueueStats as _falconqueue_v1_QueueStats, QueueStats__Output as _falconqueue_v1_QueueStats__Output } from '../../falconqueue/v1/QueueStats';
import type { Long } from '@grpc/proto-loader';

export interface GetStatsResponse {
  'queues'?: (_falconqueue_v1_QueueStats)[];
  'jobs_total'?: (number | string | Long);
  'workers'?: (number);
  'uptime_ms'?: (number | string | Long);
  'version'?: (string);
  /**
   * Submit-to-start (start - run_at) over the master's most recent starts (up to 1000).
   */
  'wait_samples'?: (number);
  'wait_p50_ms'?: (number | string);
  'wait_p95_ms'?: (number | string);
  'wait_p99_ms'?: (number | string);
}

export interface GetStatsResponse__Output {
  'queues': (_falconqueue_v1_QueueStats__Output)[];
  'jobs_total': (number);
  'workers': (number);
  'uptime_ms': (number);
  'version': (string);
  /**
   * Submit-to-start (start - run_at) over the master's most recent starts (up to 1000).
   */
  'wait_samples': (number);
  'wait_p50_ms': (number);
  'wait_p95_ms': (number);
  'wait_p99_ms': (number);
}
