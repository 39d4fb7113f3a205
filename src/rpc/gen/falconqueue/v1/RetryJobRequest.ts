// Original file: proto/falconqueue/v1/service.proto


export interface RetryJobRequest {
  'job_id'?: (string);
}

export interface RetryJobRequest__Output {
  'job_id': (string);
}
