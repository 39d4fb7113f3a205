// Original file: proto/falconqueue/v1/service.proto


export interface AckOutcome {
  'job_id'?: (string);
  'ok'?: (boolean);
  /**
   * gRPC status code when !ok
   */
  'code'?: (number);
  'message'?: (string);
}

export interface AckOutcome__Output {
  'job_id': (string);
  'ok': (boolean);
  /**
   * gRPC status code when !ok
   */
  'code': (number);
  'message': (string);
}
