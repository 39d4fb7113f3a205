// Original file: proto/falconqueue/v1/service.proto


export interface DeleteScheduleRequest {
  'name'?: (string);
}

export interface DeleteScheduleRequest__Output {
  'name': (string);
}
