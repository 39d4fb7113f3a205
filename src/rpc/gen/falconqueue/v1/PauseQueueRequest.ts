// Original file: proto/falconqueue/v1/service.proto


export interface PauseQueueRequest {
  'queue'?: (string);
}

export interface PauseQueueRequest__Output {
  'queue': (string);
}
