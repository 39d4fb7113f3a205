// Original file: proto/falconqueue/v1/service.proto


export interface GetScheduleRequest {
  'name'?: (string);
}

export interface GetScheduleRequest__Output {
  'name': (string);
}
