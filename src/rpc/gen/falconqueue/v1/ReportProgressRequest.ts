// Original file: proto/falconqueue/v1/service.proto


export interface ReportProgressRequest {
  'worker_id'?: (string);
  'job_id'?: (string);
  'lease_token'?: (string);
  /**
   * JSON text
   */
  'progress'?: (string);
}

export interface ReportProgressRequest__Output {
  'worker_id': (string);
  'job_id': (string);
  'lease_token': (string);
  /**
   * JSON text
   */
  'progress': (string);
}
