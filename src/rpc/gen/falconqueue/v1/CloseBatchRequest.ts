// Original file: proto/falconqueue/v1/service.proto


export interface CloseBatchRequest {
  'batch_id'?: (string);
}

export interface CloseBatchRequest__Output {
  'batch_id': (string);
}
