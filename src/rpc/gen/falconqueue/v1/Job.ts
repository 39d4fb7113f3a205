// Original file: proto/falconqueue/v1/service.proto

import type { JobState as _falconqueue_v1_JobState, JobState__Output as _falconqueue_v1_JobState__Output } from '../../falconqueue/v1/JobState';
import type { DependencyPolicy as _falconqueue_v1_DependencyPolicy, DependencyPolicy__Output as _falconqueue_v1_DependencyPolicy__Output } from '../../falconqueue/v1/DependencyPolicy';
import type { Long } from '@grpc/proto-loader';

export interface Job {
  'id'?: (string);
  'queue'?: (string);
  'type'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'state'?: (_falconqueue_v1_JobState);
  'priority'?: (number);
  /**
   * attempts started so far
   */
  'attempt'?: (number);
  'max_attempts'?: (number);
  'created_at_ms'?: (number | string | Long);
  'run_at_ms'?: (number | string | Long);
  'started_at_ms'?: (number | string | Long);
  'finished_at_ms'?: (number | string | Long);
  'timeout_ms'?: (number | string | Long);
  'backoff_base_ms'?: (number | string | Long);
  'backoff_max_ms'?: (number | string | Long);
  'idempotency_key'?: (string);
  'metadata'?: ({[key: string]: string});
  'result'?: (Buffer | Uint8Array | string);
  'error'?: (string);
  /**
   * JSON text set by the handler
   */
  'progress'?: (string);
  'worker_id'?: (string);
  'lease_deadline_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  /**
   * internal: position in ready/finish order (snapshots)
   */
  'order_stamp'?: (number | string | Long);
  /**
   * internal: snapshots only, so a RUNNING job keeps its lease
   */
  'lease_token'?: (string);
  /**
   * as in JobOptions
   */
  'remove_on_complete'?: (boolean);
  /**
   * ctx.log lines of the last acknowledged attempt; in lists only with include_payloads
   */
  'logs'?: (string)[];
  /**
   * as in JobOptions
   */
  'remove_on_fail'?: (boolean);
  /**
   * as in JobOptions
   */
  'group'?: (string);
  /**
   * as in JobOptions
   */
  'unique_key'?: (string);
  /**
   * internal: scope TTL, the key is held until then (set when the job finishes)
   */
  'unique_until_ms'?: (number | string | Long);
  /**
   * as in JobOptions; cleared when an operator retries the job
   */
  'debounce_key'?: (string);
  /**
   * as in JobOptions; > 0 means scope TTL
   */
  'unique_ttl_ms'?: (number | string | Long);
  /**
   * the flow node this job is a child of ("" for a root or outside flows)
   */
  'parent_id'?: (string);
  /**
   * the id of the flow's root job ("" outside flows)
   */
  'flow_id'?: (string);
  /**
   * as in JobOptions, plus a flow node's children and refs
   */
  'depends_on'?: (string)[];
  /**
   * set when depends_on is
   */
  'on_dependency_failure'?: (_falconqueue_v1_DependencyPolicy);
  /**
   * as in JobOptions
   */
  'batch_id'?: (string);
  /**
   * replies only: while WAITING, dependencies not finished yet
   */
  'dependencies_unfinished'?: (number);
  /**
   * internal: snapshots only; the credential bound to the worker of the last lease
   */
  'lease_owner'?: (string);
}

export interface Job__Output {
  'id': (string);
  'queue': (string);
  'type': (string);
  'payload': (Buffer);
  'state': (_falconqueue_v1_JobState__Output);
  'priority': (number);
  /**
   * attempts started so far
   */
  'attempt': (number);
  'max_attempts': (number);
  'created_at_ms': (number);
  'run_at_ms': (number);
  'started_at_ms': (number);
  'finished_at_ms': (number);
  'timeout_ms': (number);
  'backoff_base_ms': (number);
  'backoff_max_ms': (number);
  'idempotency_key': (string);
  'metadata': ({[key: string]: string});
  'result': (Buffer);
  'error': (string);
  /**
   * JSON text set by the handler
   */
  'progress': (string);
  'worker_id': (string);
  'lease_deadline_ms': (number);
  'updated_at_ms': (number);
  /**
   * internal: position in ready/finish order (snapshots)
   */
  'order_stamp': (number);
  /**
   * internal: snapshots only, so a RUNNING job keeps its lease
   */
  'lease_token': (string);
  /**
   * as in JobOptions
   */
  'remove_on_complete': (boolean);
  /**
   * ctx.log lines of the last acknowledged attempt; in lists only with include_payloads
   */
  'logs': (string)[];
  /**
   * as in JobOptions
   */
  'remove_on_fail': (boolean);
  /**
   * as in JobOptions
   */
  'group': (string);
  /**
   * as in JobOptions
   */
  'unique_key': (string);
  /**
   * internal: scope TTL, the key is held until then (set when the job finishes)
   */
  'unique_until_ms': (number);
  /**
   * as in JobOptions; cleared when an operator retries the job
   */
  'debounce_key': (string);
  /**
   * as in JobOptions; > 0 means scope TTL
   */
  'unique_ttl_ms': (number);
  /**
   * the flow node this job is a child of ("" for a root or outside flows)
   */
  'parent_id': (string);
  /**
   * the id of the flow's root job ("" outside flows)
   */
  'flow_id': (string);
  /**
   * as in JobOptions, plus a flow node's children and refs
   */
  'depends_on': (string)[];
  /**
   * set when depends_on is
   */
  'on_dependency_failure': (_falconqueue_v1_DependencyPolicy__Output);
  /**
   * as in JobOptions
   */
  'batch_id': (string);
  /**
   * replies only: while WAITING, dependencies not finished yet
   */
  'dependencies_unfinished': (number);
  /**
   * internal: snapshots only; the credential bound to the worker of the last lease
   */
  'lease_owner': (string);
}
