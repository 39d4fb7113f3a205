// Original file: proto/falconqueue/v1/service.proto


export interface ResumeScheduleRequest {
  'name'?: (string);
}

export interface ResumeScheduleRequest__Output {
  'name': (string);
}
