// Original file: proto/falconqueue/v1/service.proto


export interface GetBatchRequest {
  'batch_id'?: (string);
}

export interface GetBatchRequest__Output {
  'batch_id': (string);
}
