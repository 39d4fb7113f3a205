// Original file: proto/falconqueue/v1/service.proto


export interface WatchJobsRequest {
  /**
   * watch these jobs
   */
  'job_ids'?: (string)[];
  /**
   * or every job of a queue
   */
  'queue'?: (string);
}

export interface WatchJobsRequest__Output {
  /**
   * watch these jobs
   */
  'job_ids': (string)[];
  /**
   * or every job of a queue
   */
  'queue': (string);
}
