// Original file: proto/falconqueue/v1/service.proto


export interface ResumeQueueRequest {
  'queue'?: (string);
}

export interface ResumeQueueRequest__Output {
  'queue': (string);
}
