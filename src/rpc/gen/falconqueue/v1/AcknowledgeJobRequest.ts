// Original file: proto/falconqueue/v1/service.proto


export interface AcknowledgeJobRequest {
  'worker_id'?: (string);
  'job_id'?: (string);
  'lease_token'?: (string);
  'success'?: (boolean);
  /**
   * on success
   */
  'result'?: (Buffer | Uint8Array | string);
  /**
   * on failure: message and stack
   */
  'error'?: (string);
  /**
   * on failure: true sends the job straight to FAILED
   */
  'non_retryable'?: (boolean);
  /**
   * The attempt's ctx.log lines, "<ISO time> <LEVEL> <message>"; at most
   * 50 lines of 16 KiB together (jobLogLinesMax, jobLogBytesMax).
   */
  'logs'?: (string)[];
}

export interface AcknowledgeJobRequest__Output {
  'worker_id': (string);
  'job_id': (string);
  'lease_token': (string);
  'success': (boolean);
  /**
   * on success
   */
  'result': (Buffer);
  /**
   * on failure: message and stack
   */
  'error': (string);
  /**
   * on failure: true sends the job straight to FAILED
   */
  'non_retryable': (boolean);
  /**
   * The attempt's ctx.log lines, "<ISO time> <LEVEL> <message>"; at most
   * 50 lines of 16 KiB together (jobLogLinesMax, jobLogBytesMax).
   */
  'logs': (string)[];
}
