// Original file: proto/falconqueue/v1/service.proto


export interface HeartbeatRequest {
  'worker_id'?: (string);
  /**
   * jobs running now
   */
  'active'?: (number);
  /**
   * leases to extend
   */
  'active_job_ids'?: (string)[];
  /**
   * parallel to active_job_ids
   */
  'lease_tokens'?: (string)[];
}

export interface HeartbeatRequest__Output {
  'worker_id': (string);
  /**
   * jobs running now
   */
  'active': (number);
  /**
   * leases to extend
   */
  'active_job_ids': (string)[];
  /**
   * parallel to active_job_ids
   */
  'lease_tokens': (string)[];
}
