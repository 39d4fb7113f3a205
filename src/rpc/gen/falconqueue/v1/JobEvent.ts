// Original file: proto/falconqueue/v1/service.proto

import type { JobState as _falconqueue_v1_JobState, JobState__Output as _falconqueue_v1_JobState__Output } from '../../falconqueue/v1/JobState';
import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from '../../falconqueue/v1/Job';
import type { Long } from '@grpc/proto-loader';

export interface JobEvent {
  'job_id'?: (string);
  'state'?: (_falconqueue_v1_JobState);
  'at_ms'?: (number | string | Long);
  /**
   * the job after the change
   */
  'job'?: (_falconqueue_v1_Job | null);
}

export interface JobEvent__Output {
  'job_id': (string);
  'state': (_falconqueue_v1_JobState__Output);
  'at_ms': (number);
  /**
   * the job after the change
   */
  'job': (_falconqueue_v1_Job__Output | null);
}
