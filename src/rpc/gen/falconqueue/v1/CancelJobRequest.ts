// Original file: proto/falconqueue/v1/service.proto


export interface CancelJobRequest {
  'job_id'?: (string);
}

export interface CancelJobRequest__Output {
  'job_id': (string);
}
