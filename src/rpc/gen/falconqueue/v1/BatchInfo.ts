// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface BatchInfo {
  'id'?: (string);
  'description'?: (string);
  'created_at_ms'?: (number | string | Long);
  'closed'?: (boolean);
  'closed_at_ms'?: (number | string | Long);
  /**
   * jobs that joined
   */
  'total'?: (number | string | Long);
  'completed'?: (number | string | Long);
  'failed'?: (number | string | Long);
  'cancelled'?: (number | string | Long);
  'unfinished'?: (number | string | Long);
  /**
   * 0 until the callbacks fired
   */
  'fired_at_ms'?: (number | string | Long);
  'on_complete_type'?: (string);
  'on_complete_queue'?: (string);
  'on_success_type'?: (string);
  'on_success_queue'?: (string);
  /**
   * set when fired
   */
  'on_complete_job_id'?: (string);
  /**
   * set when fired and every job completed
   */
  'on_success_job_id'?: (string);
}

export interface BatchInfo__Output {
  'id': (string);
  'description': (string);
  'created_at_ms': (number);
  'closed': (boolean);
  'closed_at_ms': (number);
  /**
   * jobs that joined
   */
  'total': (number);
  'completed': (number);
  'failed': (number);
  'cancelled': (number);
  'unfinished': (number);
  /**
   * 0 until the callbacks fired
   */
  'fired_at_ms': (number);
  'on_complete_type': (string);
  'on_complete_queue': (string);
  'on_success_type': (string);
  'on_success_queue': (string);
  /**
   * set when fired
   */
  'on_complete_job_id': (string);
  /**
   * set when fired and every job completed
   */
  'on_success_job_id': (string);
}
