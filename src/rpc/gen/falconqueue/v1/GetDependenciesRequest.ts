// Original file: proto/falconqueue/v1/service.proto


export interface GetDependenciesRequest {
  'worker_id'?: (string);
  'job_id'?: (string);
  /**
   * the current lease of job_id
   */
  'lease_token'?: (string);
}

export interface GetDependenciesRequest__Output {
  'worker_id': (string);
  'job_id': (string);
  /**
   * the current lease of job_id
   */
  'lease_token': (string);
}
