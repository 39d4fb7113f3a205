// Original file: proto/falconqueue/v1/service.proto


export interface DeleteJobRequest {
  'job_id'?: (string);
}

export interface DeleteJobRequest__Output {
  'job_id': (string);
}
