// Original file: proto/falconqueue/v1/service.proto


export interface StepDownRequest {
}

export interface StepDownRequest__Output {
}
