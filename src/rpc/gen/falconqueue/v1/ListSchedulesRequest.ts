// Original file: proto/falconqueue/v1/service.proto


export interface ListSchedulesRequest {
  'queue'?: (string);
}

export interface ListSchedulesRequest__Output {
  'queue': (string);
}
