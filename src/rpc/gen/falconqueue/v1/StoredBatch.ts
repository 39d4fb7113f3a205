// Original file: proto/falconqueue/v1/service.proto

import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { Long } from '@grpc/proto-loader';

/**
 * A batch as the master keeps it: the WAL's batch_created record (open,
 * empty) and a snapshot's batches (with counts, as jobs may be gone).
 */
export interface StoredBatch {
  'id'?: (string);
  'description'?: (string);
  /**
   * callback template: id "", run_at_ms = delay after the fire
   */
  'on_complete'?: (_falconqueue_v1_Job | null);
  'on_success'?: (_falconqueue_v1_Job | null);
  'created_at_ms'?: (number | string | Long);
  'closed'?: (boolean);
  'closed_at_ms'?: (number | string | Long);
  'total'?: (number | string | Long);
  'completed'?: (number | string | Long);
  'failed'?: (number | string | Long);
  'cancelled'?: (number | string | Long);
  'fired_at_ms'?: (number | string | Long);
  'on_complete_job_id'?: (string);
  'on_success_job_id'?: (string);
}

/**
 * A batch as the master keeps it: the WAL's batch_created record (open,
 * empty) and a snapshot's batches (with counts, as jobs may be gone).
 */
export interface StoredBatch__Output {
  'id': (string);
  'description': (string);
  /**
   * callback template: id "", run_at_ms = delay after the fire
   */
  'on_complete': (_falconqueue_v1_Job__Output | null);
  'on_success': (_falconqueue_v1_Job__Output | null);
  'created_at_ms': (number);
  'closed': (boolean);
  'closed_at_ms': (number);
  'total': (number);
  'completed': (number);
  'failed': (number);
  'cancelled': (number);
  'fired_at_ms': (number);
  'on_complete_job_id': (string);
  'on_success_job_id': (string);
}
