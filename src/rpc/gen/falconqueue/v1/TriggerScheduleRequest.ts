// Original file: proto/falconqueue/v1/service.proto


export interface TriggerScheduleRequest {
  'name'?: (string);
}

export interface TriggerScheduleRequest__Output {
  'name': (string);
}
