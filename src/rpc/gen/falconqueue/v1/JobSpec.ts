// Original file: proto/falconqueue/v1/service.proto

import type { JobOptions as _falconqueue_v1_JobOptions, JobOptions__Output as _falconqueue_v1_JobOptions__Output } from '../../falconqueue/v1/JobOptions';

export interface JobSpec {
  'type'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'options'?: (_falconqueue_v1_JobOptions | null);
}

export interface JobSpec__Output {
  'type': (string);
  'payload': (Buffer);
  'options': (_falconqueue_v1_JobOptions__Output | null);
}
