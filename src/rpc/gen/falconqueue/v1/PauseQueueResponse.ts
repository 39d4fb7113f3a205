// Original file: proto/falconqueue/v1/service.proto


export interface PauseQueueResponse {
}

export interface PauseQueueResponse__Output {
}
