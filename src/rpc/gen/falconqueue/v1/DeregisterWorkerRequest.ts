// Original file: proto/falconqueue/v1/service.proto


export interface DeregisterWorkerRequest {
  'worker_id'?: (string);
}

export interface DeregisterWorkerRequest__Output {
  'worker_id': (string);
}
