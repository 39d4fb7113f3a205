// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

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
  /**
   * The handler was rate limited (RateLimitedError): with success false and
   * retry_after_ms > 0 the job waits that long as SCHEDULED and gets its
   * attempt back (error and non_retryable are ignored); pause_group holds its
   * whole group as long.
   */
  'retry_after_ms'?: (number | string | Long);
  'pause_group'?: (boolean);
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
  /**
   * The handler was rate limited (RateLimitedError): with success false and
   * retry_after_ms > 0 the job waits that long as SCHEDULED and gets its
   * attempt back (error and non_retryable are ignored); pause_group holds its
   * whole group as long.
   */
  'retry_after_ms': (number);
  'pause_group': (boolean);
}
