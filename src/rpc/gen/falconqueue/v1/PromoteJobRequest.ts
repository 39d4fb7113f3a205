// Original file: proto/falconqueue/v1/service.proto


export interface PromoteJobRequest {
  'job_id'?: (string);
}

export interface PromoteJobRequest__Output {
  'job_id': (string);
}
