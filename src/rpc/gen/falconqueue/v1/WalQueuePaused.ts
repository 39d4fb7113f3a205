// Original file: proto/falconqueue/v1/service.proto


export interface WalQueuePaused {
  'queue'?: (string);
  'paused'?: (boolean);
}

export interface WalQueuePaused__Output {
  'queue': (string);
  'paused': (boolean);
}
