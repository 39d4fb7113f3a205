// Original file: proto/falconqueue/v1/service.proto


export interface PauseScheduleRequest {
  'name'?: (string);
}

export interface PauseScheduleRequest__Output {
  'name': (string);
}
