// Original file: proto/falconqueue/v1/service.proto

import type { JobSpec as _falconqueue_v1_JobSpec, JobSpec__Output as _falconqueue_v1_JobSpec__Output } from '../../falconqueue/v1/JobSpec';
import type { FlowNode as _falconqueue_v1_FlowNode, FlowNode__Output as _falconqueue_v1_FlowNode__Output } from '../../falconqueue/v1/FlowNode';

/**
 * One node of a flow: a job, the children it runs after, and other nodes of
 * the flow it runs after by ref. A child's queue defaults to its parent's.
 */
export interface FlowNode {
  /**
   * no unique_key or debounce_key; idempotency_key on the root only
   */
  'job'?: (_falconqueue_v1_JobSpec | null);
  /**
   * a name unique in the flow, for depends_on_refs
   */
  'ref'?: (string);
  'children'?: (_falconqueue_v1_FlowNode)[];
  'depends_on_refs'?: (string)[];
}

/**
 * One node of a flow: a job, the children it runs after, and other nodes of
 * the flow it runs after by ref. A child's queue defaults to its parent's.
 */
export interface FlowNode__Output {
  /**
   * no unique_key or debounce_key; idempotency_key on the root only
   */
  'job': (_falconqueue_v1_JobSpec__Output | null);
  /**
   * a name unique in the flow, for depends_on_refs
   */
  'ref': (string);
  'children': (_falconqueue_v1_FlowNode__Output)[];
  'depends_on_refs': (string)[];
}
