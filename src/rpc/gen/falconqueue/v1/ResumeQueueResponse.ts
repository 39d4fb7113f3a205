// Original file: proto/falconqueue/v1/service.proto


export interface ResumeQueueResponse {
}

export interface ResumeQueueResponse__Output {
}
