// Original file: proto/falconqueue/v1/service.proto


export interface WorkerCommand {
  'cancel_job_id'?: (string);
  /**
   * stop polling, finish what runs
   */
  'quiet'?: (boolean);
  'shutdown'?: (boolean);
  'command'?: "cancel_job_id"|"quiet"|"shutdown";
}

export interface WorkerCommand__Output {
  'cancel_job_id'?: (string);
  /**
   * stop polling, finish what runs
   */
  'quiet'?: (boolean);
  'shutdown'?: (boolean);
  'command'?: "cancel_job_id"|"quiet"|"shutdown";
}
