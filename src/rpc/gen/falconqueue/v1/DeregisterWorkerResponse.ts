// Original file: proto/falconqueue/v1/service.proto


export interface DeregisterWorkerResponse {
}

export interface DeregisterWorkerResponse__Output {
}
