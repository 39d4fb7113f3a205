// Original file: proto/falconqueue/v1/service.proto


export interface RegisterWorkerRequest {
  /**
   * empty: the master assigns one
   */
  'worker_id'?: (string);
  'hostname'?: (string);
  'pid'?: (number);
  /**
   * empty: ["default"]
   */
  'queues'?: (string)[];
  'concurrency'?: (number);
  /**
   * empty: every type
   */
  'types'?: (string)[];
  'version'?: (string);
  /**
   * Leases this process still holds (a re-registration after a master restart);
   * every other lease recorded under worker_id is released at once.
   */
  'held_job_ids'?: (string)[];
  /**
   * parallel to held_job_ids
   */
  'held_lease_tokens'?: (string)[];
}

export interface RegisterWorkerRequest__Output {
  /**
   * empty: the master assigns one
   */
  'worker_id': (string);
  'hostname': (string);
  'pid': (number);
  /**
   * empty: ["default"]
   */
  'queues': (string)[];
  'concurrency': (number);
  /**
   * empty: every type
   */
  'types': (string)[];
  'version': (string);
  /**
   * Leases this process still holds (a re-registration after a master restart);
   * every other lease recorded under worker_id is released at once.
   */
  'held_job_ids': (string)[];
  /**
   * parallel to held_job_ids
   */
  'held_lease_tokens': (string)[];
}
