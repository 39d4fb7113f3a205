// Original file: proto/falconqueue/v1/service.proto

import type { UniqueScope as _falconqueue_v1_UniqueScope, UniqueScope__Output as _falconqueue_v1_UniqueScope__Output } from '../../falconqueue/v1/UniqueScope';
import type { DebounceMode as _falconqueue_v1_DebounceMode, DebounceMode__Output as _falconqueue_v1_DebounceMode__Output } from '../../falconqueue/v1/DebounceMode';
import type { UniqueConflict as _falconqueue_v1_UniqueConflict, UniqueConflict__Output as _falconqueue_v1_UniqueConflict__Output } from '../../falconqueue/v1/UniqueConflict';
import type { DependencyPolicy as _falconqueue_v1_DependencyPolicy, DependencyPolicy__Output as _falconqueue_v1_DependencyPolicy__Output } from '../../falconqueue/v1/DependencyPolicy';
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
  /**
   * Unique jobs (docs/unique-debounce.md): at most one job per (queue, unique_key)
   * holds the key. A submit while it is held returns the holder with
   * duplicate = true (or ALREADY_EXISTS with UNIQUE_CONFLICT_REJECT).
   */
  'unique_key'?: (string);
  /**
   * default UNFINISHED when unique_key is set
   */
  'unique_scope'?: (_falconqueue_v1_UniqueScope);
  /**
   * scope TTL: held this long after the job finished (required, > 0)
   */
  'unique_ttl_ms'?: (number | string | Long);
  /**
   * Debounce: at most one not-yet-started job per (queue, debounce_key); a
   * submit while one waits updates that job instead of adding one.
   */
  'debounce_key'?: (string);
  /**
   * the job starts this long after the latest submit; not with delay_ms/run_at_ms
   */
  'debounce_delay_ms'?: (number | string | Long);
  /**
   * default REPLACE when debounce_key is set
   */
  'debounce_mode'?: (_falconqueue_v1_DebounceMode);
  /**
   * default RETURN
   */
  'unique_conflict'?: (_falconqueue_v1_UniqueConflict);
  /**
   * Dependencies (docs/workflows.md): the job is WAITING until these existing
   * jobs finished (at most 10,000 ids; an unknown id is INVALID_ARGUMENT; a
   * finished one counts at once). Not with debounce_key.
   */
  'depends_on'?: (string)[];
  /**
   * default FAIL
   */
  'on_dependency_failure'?: (_falconqueue_v1_DependencyPolicy);
  /**
   * join this open batch (CreateBatch)
   */
  'batch_id'?: (string);
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
  /**
   * Unique jobs (docs/unique-debounce.md): at most one job per (queue, unique_key)
   * holds the key. A submit while it is held returns the holder with
   * duplicate = true (or ALREADY_EXISTS with UNIQUE_CONFLICT_REJECT).
   */
  'unique_key': (string);
  /**
   * default UNFINISHED when unique_key is set
   */
  'unique_scope': (_falconqueue_v1_UniqueScope__Output);
  /**
   * scope TTL: held this long after the job finished (required, > 0)
   */
  'unique_ttl_ms': (number);
  /**
   * Debounce: at most one not-yet-started job per (queue, debounce_key); a
   * submit while one waits updates that job instead of adding one.
   */
  'debounce_key': (string);
  /**
   * the job starts this long after the latest submit; not with delay_ms/run_at_ms
   */
  'debounce_delay_ms': (number);
  /**
   * default REPLACE when debounce_key is set
   */
  'debounce_mode': (_falconqueue_v1_DebounceMode__Output);
  /**
   * default RETURN
   */
  'unique_conflict': (_falconqueue_v1_UniqueConflict__Output);
  /**
   * Dependencies (docs/workflows.md): the job is WAITING until these existing
   * jobs finished (at most 10,000 ids; an unknown id is INVALID_ARGUMENT; a
   * finished one counts at once). Not with debounce_key.
   */
  'depends_on': (string)[];
  /**
   * default FAIL
   */
  'on_dependency_failure': (_falconqueue_v1_DependencyPolicy__Output);
  /**
   * join this open batch (CreateBatch)
   */
  'batch_id': (string);
}
