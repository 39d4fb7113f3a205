// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Retention bounds of one queue, applied in addition to the global ones (the
 * stricter bound wins). 0 leaves a bound unset; all four 0 clears the setting.
 */
export interface QueueRetention {
  'queue'?: (string);
  /**
   * keep at most this many COMPLETED jobs of the queue
   */
  'completed_count_max'?: (number | string | Long);
  /**
   * remove COMPLETED jobs this long after they finished
   */
  'completed_age_ms'?: (number | string | Long);
  /**
   * the same for FAILED and CANCELLED jobs
   */
  'failed_count_max'?: (number | string | Long);
  'failed_age_ms'?: (number | string | Long);
}

/**
 * Retention bounds of one queue, applied in addition to the global ones (the
 * stricter bound wins). 0 leaves a bound unset; all four 0 clears the setting.
 */
export interface QueueRetention__Output {
  'queue': (string);
  /**
   * keep at most this many COMPLETED jobs of the queue
   */
  'completed_count_max': (number);
  /**
   * remove COMPLETED jobs this long after they finished
   */
  'completed_age_ms': (number);
  /**
   * the same for FAILED and CANCELLED jobs
   */
  'failed_count_max': (number);
  'failed_age_ms': (number);
}
