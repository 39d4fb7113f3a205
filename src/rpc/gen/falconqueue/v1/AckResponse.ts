// Original file: proto/falconqueue/v1/service.proto


export interface AckResponse {
}

export interface AckResponse__Output {
}
