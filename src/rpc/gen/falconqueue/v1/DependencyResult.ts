// Original file: proto/falconqueue/v1/service.proto

import type { JobState as _falconqueue_v1_JobState, JobState__Output as _falconqueue_v1_JobState__Output } from '../../falconqueue/v1/JobState';

export interface DependencyResult {
  'id'?: (string);
  /**
   * "" when the job is gone (removed by retention or deleted)
   */
  'type'?: (string);
  /**
   * UNSPECIFIED when the job is gone
   */
  'state'?: (_falconqueue_v1_JobState);
  'result'?: (Buffer | Uint8Array | string);
  'error'?: (string);
  /**
   * past the answer's 4 MiB of results
   */
  'result_omitted'?: (boolean);
}

export interface DependencyResult__Output {
  'id': (string);
  /**
   * "" when the job is gone (removed by retention or deleted)
   */
  'type': (string);
  /**
   * UNSPECIFIED when the job is gone
   */
  'state': (_falconqueue_v1_JobState__Output);
  'result': (Buffer);
  'error': (string);
  /**
   * past the answer's 4 MiB of results
   */
  'result_omitted': (boolean);
}
