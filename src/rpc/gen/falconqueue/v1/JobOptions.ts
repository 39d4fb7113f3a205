// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Options a producer may set; every field is optional (0 / empty = default).
 */
export interface JobOptions {
  'queue'?: (string);
  /**
   * higher runs first; default 0
   */
  'priority'?: (number);
  /**
   * >= 1; default 3
   */
  'max_attempts'?: (number);
  /**
   * run no earlier than now + delay_ms
   */
  'delay_ms'?: (number | string | Long);
  /**
   * absolute alternative to delay_ms
   */
  'run_at_ms'?: (number | string | Long);
  /**
   * per-attempt run time limit
   */
  'timeout_ms'?: (number | string | Long);
  'backoff_base_ms'?: (number | string | Long);
  'backoff_max_ms'?: (number | string | Long);
  'idempotency_key'?: (string);
  'metadata'?: ({[key: string]: string});
  /**
   * Remove the job (and its idempotency key) as soon as it ends COMPLETED,
   * resp. FAILED, instead of keeping it for retention. Watchers still see
   * the final state; GetJob answers NOT_FOUND from then on.
   */
  'remove_on_complete'?: (boolean);
  'remove_on_fail'?: (boolean);
  /**
   * Fair scheduling and group limits (docs/flow-control.md): ready jobs of
   * different groups of a queue start round-robin. <= 128 bytes, no control
   * characters; empty: no group.
   */
  'group'?: (string);
}

/**
 * Options a producer may set; every field is optional (0 / empty = default).
 */
export interface JobOptions__Output {
  'queue': (string);
  /**
   * higher runs first; default 0
   */
  'priority': (number);
  /**
   * >= 1; default 3
   */
  'max_attempts': (number);
  /**
   * run no earlier than now + delay_ms
   */
  'delay_ms': (number);
  /**
   * absolute alternative to delay_ms
   */
  'run_at_ms': (number);
  /**
   * per-attempt run time limit
   */
  'timeout_ms': (number);
  'backoff_base_ms': (number);
  'backoff_max_ms': (number);
  'idempotency_key': (string);
  'metadata': ({[key: string]: string});
  /**
   * Remove the job (and its idempotency key) as soon as it ends COMPLETED,
   * resp. FAILED, instead of keeping it for retention. Watchers still see
   * the final state; GetJob answers NOT_FOUND from then on.
   */
  'remove_on_complete': (boolean);
  'remove_on_fail': (boolean);
  /**
   * Fair scheduling and group limits (docs/flow-control.md): ready jobs of
   * different groups of a queue start round-robin. <= 128 bytes, no control
   * characters; empty: no group.
   */
  'group': (string);
}
