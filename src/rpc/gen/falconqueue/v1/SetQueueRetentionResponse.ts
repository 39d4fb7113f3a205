// Original file: proto/falconqueue/v1/service.proto


export interface SetQueueRetentionResponse {
}

export interface SetQueueRetentionResponse__Output {
}
